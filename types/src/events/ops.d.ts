import type { InputEvents, Spikes } from './types.ts';
export declare function concatInputEvents(parts: InputEvents[]): InputEvents;
/** Joins spike arrays; layer tables are merged by name. */
export declare function concatSpikes(parts: Spikes[], layers?: string[]): Spikes;
/** The same events with non-decreasing steps (stable; returns the input when already sorted). */
export declare function sortByStep<E extends InputEvents | Spikes>(events: E): E;
/** Spikes of the named layers only (layer table reduced to them, in the order given). */
export declare function selectLayers(spikes: Spikes, names: string[]): Spikes;
/** Input events as spikes of one layer (so spike tools can show an input file). */
export declare function inputAsSpikes(events: InputEvents, layer?: string): Spikes;
/** One layer's spikes as input events (e.g. to feed a layer's output into another network). */
export declare function spikesAsInput(spikes: Spikes, layer?: string): InputEvents;
export interface EventStats {
    count: number;
    /** Number of steps spanned: last step + 1 (0 when empty). */
    steps: number;
    firstStep: number;
    lastStep: number;
    /** Largest c, y, x seen + 1 each: the smallest [C, H, W] that holds the events. */
    extent: [number, number, number];
}
export declare function eventStats(events: InputEvents | Spikes, layer?: number): EventStats;

/**
 * Growable struct-of-arrays buffers: laid out once, doubled when full, reused across steps, so the hot
 * loops never allocate per event.
 */
import type { InputEvents, Spikes } from '../events/types.ts';
export declare class SpikeBuffer {
    count: number;
    t: Int32Array;
    layer: Int32Array;
    c: Int32Array;
    y: Int32Array;
    x: Int32Array;
    constructor(capacity?: number);
    /** Makes room for `n` more rows. */
    reserve(n: number): void;
    /** A copy of the rows as `Spikes` (the buffer keeps its storage for reuse). */
    toSpikes(layers: string[]): Spikes;
    clear(): void;
}
/** Input events waiting to be simulated, consumed in step order through `cursor`. */
export declare class EventQueue {
    count: number;
    cursor: number;
    t: Int32Array;
    c: Int32Array;
    y: Int32Array;
    x: Int32Array;
    append(ev: InputEvents): void;
    /** Step of the last queued event, or -1. */
    lastStep(): number;
    clear(): void;
}

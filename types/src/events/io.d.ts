import type { AedatOptions } from './aedat.ts';
import type { InputEvents, Spikes } from './types.ts';
export type EventFormat = 'csv' | 'sfev' | 'npy' | 'aedat';
export declare const EVENT_FORMATS: readonly EventFormat[];
/** What a file held: input events (t, c, y, x) or spikes (t, layer, c, y, x). */
export type EventRecording = {
    kind: 'input';
    format: EventFormat;
    events: InputEvents;
} | {
    kind: 'spikes';
    format: EventFormat;
    spikes: Spikes;
};
export interface ReadEventsOptions extends AedatOptions {
    /** Force a format instead of detecting it. */
    format?: EventFormat;
}
export interface WriteEventsOptions {
    /** Default: from the extension (.csv, .sfev, .npy). */
    format?: EventFormat;
    /** npy: the raster's [C, H, W]; default the smallest that holds every event. */
    shape?: [number, number, number];
    /** npy: number of steps; default last step + 1. */
    steps?: number;
    /** npy of spikes: which layer to write (a raster holds one layer). */
    layer?: string;
}
/** The file's format: magic bytes (SFEV, \x93NUMPY, #!AER-DAT) win over the extension. */
export declare function detectFormat(path: string): EventFormat;
export declare function readEvents(path: string, options?: ReadEventsOptions): EventRecording;
/** Input events from any file; a spike file must hold one layer, or name it in `options.layer`. */
export declare function readInputEvents(path: string, options?: ReadEventsOptions & {
    layer?: string;
}): InputEvents;
/** Spikes from any file; input events become spikes of one layer named "input". */
export declare function readSpikes(path: string, options?: ReadEventsOptions): Spikes;
export declare function writeEvents(path: string, events: InputEvents | Spikes, options?: WriteEventsOptions): void;

import type { InputEvents } from './types.ts';
export declare function isNpy(head: Uint8Array): boolean;
export interface NpyArray {
    /** numpy dtype string, e.g. "<i2", "|u1", "<f4". */
    descr: string;
    fortranOrder: boolean;
    shape: number[];
    /** Values as numbers (int64 beyond 2^53 loses precision: not a concern for counts). */
    get(i: number): number;
    size: number;
}
export declare function parseNpy(bytes: Uint8Array, file?: string): NpyArray;
/** Input events from a (T, C, H, W) or (T, H, W) count raster; value n at (t, c, y, x) = n events. */
export declare function rasterToEvents(array: NpyArray, file?: string): InputEvents;
/** Reads a raster's shape and steps without decoding events (for `events info`). */
export declare function npyRasterShape(array: NpyArray): {
    steps: number;
    shape: [number, number, number];
};
/**
 * A (T, C, H, W) count raster of the events, as .npy bytes. `shape` is [C, H, W]; `steps` defaults to
 * the last step + 1. Events outside the raster are an error (they would be lost).
 */
export declare function eventsToNpy(events: InputEvents, shape: [number, number, number], steps?: number): Uint8Array;

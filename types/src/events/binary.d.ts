import type { InputEvents, Spikes } from './types.ts';
export declare const SFEV_MAGIC = "SFEV";
export declare const SFEV_VERSION = 1;
/** Events per block the writer emits at most; a reader accepts any count. */
export declare const SFEV_BLOCK_EVENTS = 16384;
export interface SfevHeader {
    kind: 'input' | 'spikes';
    /** Layer names (spikes); empty for input events. */
    layers: string[];
}
/** Writes an SFEV file incrementally: `append` any number of times (steps non-decreasing), then `close`. */
export declare class SfevWriter {
    readonly path: string;
    private readonly file;
    private lastStep;
    private scratch;
    private closed;
    readonly header: SfevHeader;
    constructor(path: string, header: SfevHeader);
    /** Appends events (input events, or spikes whose `layers` equal the header's). */
    append(events: InputEvents | Spikes): void;
    /** Writes the end block and makes the file visible (until then the target is untouched). */
    close(): void;
    /** Abandons the file: the target is left as it was. */
    abort(): void;
}
export declare function isSfev(head: Uint8Array): boolean;
export type SfevBlock = {
    kind: 'input';
    events: InputEvents;
} | {
    kind: 'spikes';
    spikes: Spikes;
};
/**
 * Reads an SFEV file one block at a time (a few hundred KiB at most in memory). The first value is the
 * header; each following value one block's events.
 */
export declare function readSfevBlocks(path: string): Generator<SfevHeader | SfevBlock, void, undefined>;

import type { InputEvents } from './types.ts';
export type AedatVersion = 2 | 3 | 4;
export interface AedatOptions {
    /** Microseconds per step (default 1000: the chip's 1 ms). */
    stepUs?: number;
    /** AEDAT 2 address layout; default: from the header's HardwareInterface line, else by address range. */
    layout?: 'dvs128' | 'davis';
}
export declare function aedatVersion(head: Uint8Array): AedatVersion | null;
/** Reads the polarity events of an AEDAT 2/3.1/4 file, binned into steps of `stepUs` microseconds. */
export declare function parseAedat(bytes: Uint8Array, file?: string, options?: AedatOptions): InputEvents;

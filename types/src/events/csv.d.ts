import type { InputEvents, Spikes } from './types.ts';
export declare function parseInputCsv(text: string, file?: string): InputEvents;
export declare function parseSpikesCsv(text: string, file?: string): Spikes;
export declare function readInputCsv(path: string): InputEvents;
export declare function readSpikesCsv(path: string): Spikes;
export declare function formatInputCsv(ev: InputEvents): string;
/** The first line of a spike CSV file; a file written in pieces starts with it, then `spikesCsvRows`. */
export declare const SPIKES_CSV_HEADER = "t,layer,c,y,x\n";
/** The rows of `sp` without the header, each ending in a newline (for files written in pieces). */
export declare function spikesCsvRows(sp: Spikes): string;
export declare function formatSpikesCsv(sp: Spikes): string;

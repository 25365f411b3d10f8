import type { Network } from './schema.ts';
export interface NirImportOptions {
    /** How IF neurons reset: by subtraction (sinabs' convention, default) or to zero. */
    reset?: 'subtract' | 'zero';
    /** The membrane floor of every IF layer; default -threshold (sinabs' `from_nir`). */
    thresholdLow?: number;
    /** Collapse per-neuron thresholds that differ within a layer to their mean (with a note) instead of failing. */
    collapseThresholds?: boolean;
}
/** The NIR version written by `writeNir`. */
export declare const NIR_WRITE_VERSION = "1.0.0";
/** Numeric sort for numeric names (sinabs names nodes "0", "1", ... "12"), then by name. */
export declare function compareNodeNames(a: string, b: string): number;
/** Reads a NIR file (a path or its bytes; `file` names the bytes in messages) into the network IR. */
export declare function readNir(source: string | Uint8Array, options?: NirImportOptions, file?: string): Promise<Network>;
/**
 * Writes the IR as a NIR 1.0 file in the layout of Python's `nir.write` (`/version`, `/node/type`,
 * `/node/edges`, `/node/nodes/<name>/...`), with an Input node and one Output node per sink layer.
 */
export declare function writeNir(network: Network, path: string): Promise<void>;

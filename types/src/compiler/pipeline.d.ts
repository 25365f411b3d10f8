import type { ChipProfile } from '../chip/profile.ts';
import type { ChipConfig } from '../image/config.ts';
import { type NirImportOptions } from '../network/index.ts';
import type { Network } from '../network/schema.ts';
import type { QuantizedNetwork } from '../quantize/types.ts';
import { type CompileOptions, type CompileResult } from './compile.ts';
import type { FitReport } from './report.ts';
export interface CompileNetworkOptions extends CompileOptions {
    /** Collapse per-neuron thresholds that differ within a layer (with a note) instead of failing. */
    collapseThresholds?: boolean;
}
/** quantize + compile. */
export declare function compileNetwork(network: Network, profile: ChipProfile, options?: CompileNetworkOptions): CompileResult & {
    quantized: QuantizedNetwork;
};
export interface LoadConfigOptions extends CompileNetworkOptions {
    /** Chip profile id; default: the image's chip, or dynapcnn9 for a network. */
    chip?: string;
    /** How a NIR file is imported (reset mode, membrane floor). */
    nir?: NirImportOptions;
}
/** Reads a network file (NIR or JSON); a configuration image is refused with a message that says so. */
export declare function readNetwork(path: string, options?: NirImportOptions): Promise<Network>;
/** Reads an image (decoded) or a network file (loaded, quantized, compiled, encoded). */
export declare function loadConfig(path: string, options?: LoadConfigOptions): Promise<{
    config: ChipConfig;
    image: Uint8Array;
    report?: FitReport;
}>;

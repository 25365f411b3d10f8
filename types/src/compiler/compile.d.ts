/**
 * compile: a quantized network becomes a chip configuration and a fit report, or a CompileError that
 * carries every reason it does not fit (and the partial report, so the CLI can print it).
 * Steps: lower each layer to a square-kernel conv, route sources to destinations (pooling, fan-out,
 * merges), check every limit, place layers on cores, then assemble the ChipConfig.
 */
import type { ChipProfile } from '../chip/profile.ts';
import { type ErrorCode, SpikeforgeError } from '../errors.ts';
import type { ChipConfig } from '../image/config.ts';
import type { QuantizedNetwork } from '../quantize/types.ts';
import { type FitReport } from './report.ts';
export interface InputOptions {
    /** [height, width] of the sensor / host events, when larger than the network's input (then crop). */
    sensorShape?: [number, number];
    /** Kept window [y0, x0, y1, x1) of the sensor map; default: the whole map. */
    crop?: [number, number, number, number];
    flipX?: boolean;
    flipY?: boolean;
    swapXY?: boolean;
}
export interface CompileOptions {
    /** Pins: layer name -> core id. */
    place?: Record<string, number>;
    /**
     * Which layers report their spikes to the host: 'last' (default) = the output layers (those no other
     * layer reads), 'all', or a list of layer names.
     */
    monitor?: 'last' | 'all' | string[];
    input?: InputOptions;
}
export interface CompileResult {
    config: ChipConfig;
    report: FitReport;
}
/** The network does not fit: `details` holds every reason, `report` what could be worked out. */
export declare class CompileError extends SpikeforgeError {
    readonly report: FitReport;
    constructor(code: ErrorCode, message: string, options: {
        hint?: string;
        details: string[];
        report: FitReport;
    });
}
export declare function compile(q: QuantizedNetwork, profile: ChipProfile, options?: CompileOptions): CompileResult;

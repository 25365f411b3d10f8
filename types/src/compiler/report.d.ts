/**
 * The fit report: what went where, how full each core is, and every reason why a network does not fit.
 * The object is the `--json` output (keys documented in protocol/IMAGE.md, "Fit report"); the text is
 * for people.
 */
import type { Shape3 } from '../network/schema.ts';
export declare const FIT_REPORT_VERSION = 1;
export interface MemoryUse {
    /** Words (entries for bias) the layer needs. */
    used: number;
    /** What its core has (the largest core of the chip when the layer is not placed). */
    capacity: number;
    /** used / capacity * 100, one decimal. */
    percent: number;
}
export interface LayerFit {
    layer: string;
    kind: 'conv2d' | 'linear';
    /** The core the layer runs on; null when it could not be placed. */
    coreId: number | null;
    inputShape: Shape3;
    outputShape: Shape3;
    kernelSize: number;
    stride: [number, number];
    padding: [number, number];
    /** Where the layer reads from, with the sum pooling [ph, pw] applied on the way. */
    sources: {
        from: string;
        pooling: [number, number];
    }[];
    /** Where its spikes go: the reading layers and their cores, with pooling. */
    destinations: {
        layer: string;
        coreId: number | null;
        pooling: number;
    }[];
    monitor: boolean;
    kernelMemory: MemoryUse;
    neuronMemory: MemoryUse;
    biasMemory: MemoryUse;
    /** Synaptic operations caused by one event arriving at this layer. */
    synopsPerInputEvent: number;
    /** Synaptic operations caused downstream by one spike of this layer (sum over its destinations). */
    synopsPerOutputEvent: number;
    /** Quantization scale of the layer (from quantize), when known. */
    scale: number | null;
}
export interface FitReport {
    reportVersion: number;
    chip: string;
    network: string | null;
    sourceHash: string;
    fits: boolean;
    input: {
        name: string;
        shape: Shape3;
        destinations: {
            layer: string;
            coreId: number | null;
            pooling: number;
        }[];
    };
    /** In the network's (topological) order. */
    layers: LayerFit[];
    totals: {
        coresUsed: number;
        coresAvailable: number;
        kernelMemory: {
            used: number;
            capacity: number;
            percent: number;
        };
        neuronMemory: {
            used: number;
            capacity: number;
            percent: number;
        };
        biasMemory: {
            used: number;
            capacity: number;
            percent: number;
        };
    };
    /** Every reason the network does not fit (empty when it fits). */
    errors: string[];
    /** Things that work but deserve a look (e.g. weights quantized to 0). */
    warnings: string[];
    /** What the compiler (or quantize) changed on the way (e.g. a linear layer lowered with padding). */
    notes: string[];
}
export declare function memoryUse(used: number, capacity: number): MemoryUse;
export declare function formatFitReport(report: FitReport): string;

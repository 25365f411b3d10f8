/** A description of a network for people and tools (what `spikeforge inspect` prints). */
import type { Layer, Network, Shape3 } from './schema.ts';
export interface LayerSummary {
    name: string;
    type: Layer['type'];
    inputs: string[];
    /** [C, H, W]; flat vectors [n, 1, 1]. */
    outputShape: Shape3;
    /** True when the output is a flat vector (after flatten / linear). */
    flat: boolean;
    /** Weights plus biases (0 for layers without parameters). */
    parameters: number;
    /** One line of the layer's own settings: kernel, stride, padding, threshold, reset... */
    details: string;
    threshold?: number;
    thresholdLow?: number;
    reset?: 'subtract' | 'zero';
}
export interface NetworkSummary {
    name?: string;
    sha256: string;
    input: {
        name: string;
        shape: Shape3;
    };
    layers: LayerSummary[];
    parameters: number;
    notes: string[];
}
export declare function formatShape(shape: Shape3, flat: boolean): string;
export declare function summarizeNetwork(network: Network): NetworkSummary;
export declare function formatNetworkSummary(s: NetworkSummary): string;

import type { Layer, Network, Shape3 } from './schema.ts';
export interface ShapeOptions {
    /**
     * How to name layer `index` in messages; default `layers[<index>]` (the JSON path). The NIR reader
     * passes `node "<name>" (<Type>)` so errors point at the node of the file.
     */
    describe?: (index: number, layer: Layer) => string;
}
export declare const fmtShape: (shape: readonly number[]) => string;
export declare const sizeOf: (shape: readonly number[]) => number;
/** floor((n + 2p - k) / s) + 1, the PyTorch output size of a conv or pooling window. */
export declare function windowOutput(n: number, k: number, s: number, p: number): number;
/**
 * The output shape of the input and of every layer (flat vectors are [n, 1, 1]). Validates the graph
 * on the way: unique names, inputs that name the input or an earlier layer, merges of same-shape
 * inputs, weight and bias shapes against the map each layer reads.
 */
export declare function inferShapes(network: Network, options?: ShapeOptions): Map<string, Shape3>;
/** Names of the layers whose output is a flat vector (after a flatten or a linear layer); NIR writes [n]. */
export declare function flatOutputs(network: Network): Set<string>;

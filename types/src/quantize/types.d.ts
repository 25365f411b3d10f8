/**
 * The quantized network: the IR grouped into chip layers (one weighted stage + one IF stage each) with
 * integer parameters, ready for the compiler. Pooling and flatten between layers are folded into each
 * layer's `sources` (consecutive poolings multiplied; AvgPool2d already rescaled into the weights).
 */
import type { Shape3 } from '../network/schema.ts';
export interface LayerSource {
    /** A layer name, or the network input's name. */
    from: string;
    /** Sum pooling [ph, pw] applied to the source's spikes on the way (stride = size); [1, 1] for none. */
    pooling: [number, number];
}
export interface QuantizationStats {
    /** The common scale applied to weights, bias and thresholds. */
    scale: number;
    /** Which of the three limited the scale. */
    limitedBy: 'weights' | 'bias' | 'threshold';
    /** Largest |w - q/scale| over the weights, in float units. */
    maxWeightError: number;
    /** Share (0..1) of weights that were non-zero in float and became 0. */
    zeroedWeightShare: number;
    /** Share (0..1) of all weights that are 0 after quantization. */
    zeroWeightShare: number;
}
export interface QuantizedLayer {
    /** The IF node's name: the name its spikes carry. */
    name: string;
    /** The name of the weighted node (conv2d / linear) of this layer. */
    weightName: string;
    kind: 'conv2d' | 'linear';
    /** Where the weighted stage reads from: one source, or two that are summed (a merge). */
    sources: LayerSource[];
    /** The map the weighted stage reads, after the sources' pooling: [C, H, W]. */
    inputShape: Shape3;
    /** The IF stage's map: [F, H_out, W_out]; [F, 1, 1] for linear. */
    outputShape: Shape3;
    /** conv2d: [F, C, kh, kw]; linear: [F, C*H*W] over inputShape in C,H,W order. */
    weightShape: number[];
    weight: Int8Array;
    /** [F], values within the bias range of the profile (int8), stored wider. Null: no bias. */
    bias: Int16Array | null;
    /** conv2d only; linear: [1, 1] and [0, 0]. */
    stride: [number, number];
    padding: [number, number];
    thresholdHigh: number;
    thresholdLow: number;
    reset: 'subtract' | 'zero';
    /** [F * H_out * W_out] (f, y, x order), or null for all zero. */
    initialState: Int16Array | null;
    stats: QuantizationStats;
}
export interface QuantizedNetwork {
    name?: string;
    /** sha256 (hex) of the source network, carried into the image header. */
    sourceHash: string;
    input: {
        name: string;
        shape: Shape3;
    };
    /** Topological order. */
    layers: QuantizedLayer[];
    /** Human-readable notes made while quantizing (e.g. thresholds collapsed). */
    notes: string[];
}

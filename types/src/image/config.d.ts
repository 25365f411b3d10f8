import type { Shape3 } from '../network/schema.ts';
export interface Destination {
    coreId: number;
    /** Square sum pooling applied on the way (1, 2 or 4; stride = size). */
    pooling: number;
}
export interface InputConfig {
    /** The network input's name. */
    name: string;
    /** [polarities, height, width] of the events the host (or sensor) sends. */
    shape: Shape3;
    /** Kept window [y0, x0, y1, x1) applied first; events outside are dropped. Default: the whole map. */
    crop: [number, number, number, number];
    /** Applied after the crop, on cropped coordinates, in this order: flipY, flipX, then swapXY. */
    flipX: boolean;
    flipY: boolean;
    swapXY: boolean;
    destinations: Destination[];
}
export interface CoreConfig {
    coreId: number;
    /** The layer's name (the IF node's), so device events map back to network terms. */
    layer: string;
    /** The core's input map [C, H, W] (after the sources' pooling). */
    inputShape: Shape3;
    /** The core's neuron map [F, H_out, W_out], before any destination pooling. */
    outputShape: Shape3;
    /** Square kernel size k. */
    kernelSize: number;
    /** [sy, sx]. */
    stride: [number, number];
    /** [py, px]: out[f,oy,ox] += w[f,c,ky,kx] * in[c, oy*sy - py + ky, ox*sx - px + kx]. */
    padding: [number, number];
    /** F*C*k*k int8, index ((f*C + c)*k + ky)*k + kx. */
    weights: Int8Array;
    /** [F] or null (no bias). */
    biases: Int16Array | null;
    thresholdHigh: number;
    thresholdLow: number;
    reset: 'subtract' | 'zero';
    /** F*H_out*W_out, index (f*H_out + y)*W_out + x; null = all zero. */
    initialState: Int16Array | null;
    /** 0..2 destinations, each with its own pooling. */
    destinations: Destination[];
    /** Whether the core's output events are reported to the host. */
    monitor: boolean;
}
export interface ChipConfig {
    /** Image format version this configuration was (or will be) encoded with. */
    formatVersion: number;
    /** Chip profile id, e.g. "dynapcnn9". */
    chip: string;
    /** sha256 (hex, 64 chars) of the source network. */
    sourceHash: string;
    input: InputConfig;
    /** The used cores, sorted by coreId. Evaluation order within a step is topological (see `evaluationOrder`). */
    cores: CoreConfig[];
}
/**
 * Core ids in evaluation order: sources before destinations (the input's destinations first), ties by
 * core id, so a spike produced at step t reaches the next layer within step t.
 */
export declare function evaluationOrder(config: ChipConfig): number[];

/**
 * The memory a layer needs on a core, by the formulas of chip-spec.md (sinabs' `mapping.py`): kernel
 * and neuron memories are addressed by concatenated bit fields, so every factor rounds up to a power of 2.
 */
import type { Shape3 } from '../network/schema.ts';
/** Smallest e with 2^e >= n (0 for n <= 1); integer arithmetic, no float log. */
export declare function log2Ceil(n: number): number;
export interface MemoryDemand {
    /** Kernel memory words: c * 2^(ceil(log2(k*k)) + ceil(log2(f))). */
    kernel: number;
    /** Neuron memory words: f * 2^(ceil(log2(H_out)) + ceil(log2(W_out))). */
    neuron: number;
    /** Bias entries: f when the layer has a bias, else 0. */
    bias: number;
}
export declare function kernelMemory(inChannels: number, kernelSize: number, outChannels: number): number;
export declare function neuronMemory(outputShape: Shape3): number;
export declare function memoryDemand(inputShape: Shape3, kernelSize: number, outputShape: Shape3, hasBias: boolean): MemoryDemand;
/** Output size along one axis: floor((n + 2p - k) / s) + 1 (0 or less: no output). */
export declare function convOutputSize(n: number, kernel: number, stride: number, padding: number): number;
/**
 * Synaptic operations one input event causes in a core: every output channel, times the output
 * positions whose receptive field holds the event (at most ceil(k/s) per axis, at most the map).
 */
export declare function synopsPerEvent(kernelSize: number, stride: [number, number], outputShape: Shape3): number;
/** "131072 (128Ki)" for multiples of 1024, plain numbers otherwise. */
export declare function formatWords(n: number): string;
/** "131072 words (128Ki)": how limit messages spell a memory size. */
export declare function wordsText(n: number): string;

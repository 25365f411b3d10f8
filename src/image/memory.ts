/**
 * The memory a layer needs on a core, by the formulas of chip-spec.md (sinabs' `mapping.py`): kernel
 * and neuron memories are addressed by concatenated bit fields, so every factor rounds up to a power of 2.
 */
import type { Shape3 } from '../network/schema.ts';

/** Smallest e with 2^e >= n (0 for n <= 1); integer arithmetic, no float log. */
export function log2Ceil(n: number): number {
  let e = 0;
  while (2 ** e < n) e++;
  return e;
}

export interface MemoryDemand {
  /** Kernel memory words: c * 2^(ceil(log2(k*k)) + ceil(log2(f))). */
  kernel: number;
  /** Neuron memory words: f * 2^(ceil(log2(H_out)) + ceil(log2(W_out))). */
  neuron: number;
  /** Bias entries: f when the layer has a bias, else 0. */
  bias: number;
}

export function kernelMemory(inChannels: number, kernelSize: number, outChannels: number): number {
  return inChannels * 2 ** (log2Ceil(kernelSize * kernelSize) + log2Ceil(outChannels));
}

export function neuronMemory(outputShape: Shape3): number {
  const [f, h, w] = outputShape;
  return f * 2 ** (log2Ceil(h) + log2Ceil(w));
}

export function memoryDemand(
  inputShape: Shape3,
  kernelSize: number,
  outputShape: Shape3,
  hasBias: boolean,
): MemoryDemand {
  return {
    kernel: kernelMemory(inputShape[0], kernelSize, outputShape[0]),
    neuron: neuronMemory(outputShape),
    bias: hasBias ? outputShape[0] : 0,
  };
}

/** Output size along one axis: floor((n + 2p - k) / s) + 1 (0 or less: no output). */
export function convOutputSize(n: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((n + 2 * padding - kernel) / stride) + 1;
}

/**
 * Synaptic operations one input event causes in a core: every output channel, times the output
 * positions whose receptive field holds the event (at most ceil(k/s) per axis, at most the map).
 */
export function synopsPerEvent(kernelSize: number, stride: [number, number], outputShape: Shape3): number {
  const [f, h, w] = outputShape;
  return f * Math.min(Math.ceil(kernelSize / stride[0]), h) * Math.min(Math.ceil(kernelSize / stride[1]), w);
}

/** "131072 (128Ki)" for multiples of 1024, plain numbers otherwise. */
export function formatWords(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n} (${n / 1024}Ki)` : `${n}`;
}

/** "131072 words (128Ki)": how limit messages spell a memory size. */
export function wordsText(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n} words (${n / 1024}Ki)` : `${n} words`;
}

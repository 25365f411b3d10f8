/**
 * Compares two spike recordings (emulator vs board, float vs quantized) as multisets of
 * (step, layer, c, y, x): row order does not matter, repeated rows are repeated spikes. Layers are
 * matched by name.
 */
import type { NeuronRef, Spikes } from './types.ts';
export interface LayerDiff {
    layer: string;
    a: number;
    b: number;
    /** b - a. */
    difference: number;
    /** Spikes not matched by the other side: sum over (step, neuron) of |a - b|. */
    mismatched: number;
    /** First step where this layer differs, or null. */
    firstStep: number | null;
}
/** A neuron's spike count in a and in b. */
interface NeuronCounts extends NeuronRef {
    a: number;
    b: number;
}
export interface NeuronDiff extends NeuronCounts {
    /** b - a over the whole recording. */
    difference: number;
    /** Sum over steps of |a - b|: counts timing differences that cancel in `difference`. */
    mismatched: number;
}
/** The first neuron and step where a and b differ; `a` and `b` count its spikes at that step. */
export interface Divergence extends NeuronCounts {
    step: number;
}
export interface SpikeDiff {
    identical: boolean;
    totalA: number;
    totalB: number;
    /** Spikes present in both (multiset intersection). */
    matched: number;
    onlyInA: number;
    onlyInB: number;
    /** Steps in which at least one spike differs. */
    differingSteps: number;
    firstDivergence: Divergence | null;
    /** Every layer of either side, a's layers first in a's order. */
    layers: LayerDiff[];
    /** The neurons that differ most (by `mismatched`, then |difference|), at most `top`. */
    neurons: NeuronDiff[];
}
export declare function diffSpikes(a: Spikes, b: Spikes, options?: {
    top?: number;
}): SpikeDiff;
/** The human report: identical in one line, otherwise where it starts, per layer, and the worst neurons. */
export declare function formatSpikeDiff(d: SpikeDiff, names?: {
    a: string;
    b: string;
}): string;
export {};

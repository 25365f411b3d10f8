/**
 * What quantization cost: the float reference (`simulateFloat`) against the quantized network on the
 * bit-accurate emulator, on the same input. Per layer: spike counts, how many spikes agree in step and
 * neuron, and the correlation of per-neuron spike counts.
 */
import type { ChipProfile } from '../chip/profile.ts';
import type { SpikeDiff } from '../events/diff.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import type { Network, Shape3 } from '../network/schema.ts';
export interface LayerComparison {
    layer: string;
    /** [C, H, W] of the layer's neurons. */
    shape: Shape3;
    /** The common scale quantization applied to the layer. */
    scale: number;
    float: number;
    quantized: number;
    /** Spikes with the same step and neuron on both sides (multiset intersection). */
    matched: number;
    /** matched / max(float, quantized); 1 when both are silent. */
    agreement: number;
    /** Pearson correlation of per-neuron spike counts (all neurons, silent ones as 0); null if a side is constant. */
    correlation: number | null;
}
export interface QuantizationComparison {
    steps: number;
    inputEvents: number;
    layers: LayerComparison[];
    /** The float spikes as `a`, the quantized as `b`. */
    diff: SpikeDiff;
    float: Spikes;
    quantized: Spikes;
}
/** Pearson correlation of per-neuron counts of one layer in a and b; neurons absent from both are zeros. */
export declare function countCorrelation(a: Spikes, b: Spikes, layer: string, shape: Shape3): number | null;
export declare function compareQuantization(network: Network, events: InputEvents, profile: ChipProfile, options?: {
    steps?: number;
}): QuantizationComparison;
export declare function formatQuantizationComparison(c: QuantizationComparison): string;

/**
 * What quantization changes: the quantized network written back as an IR network with its integer
 * weights and thresholds (on integers the float reference is exact, i.e. computes what the chip
 * computes, with `saturate`), and spike counts per layer of float vs quantized on the same input.
 */
import type { InputEvents, Spikes } from '../events/types.ts';
import type { Network } from '../network/schema.ts';
import type { QuantizedNetwork } from './types.ts';
/** The quantized network as an IR network in integer units (pooling and flatten re-inserted). */
export declare function integerNetwork(q: QuantizedNetwork): Network;
/** Spikes per layer name. */
export declare function spikeCounts(spikes: Spikes): Map<string, number>;
export interface LayerSpikeComparison {
    layer: string;
    float: number;
    quantized: number;
}
/**
 * Runs the float network and its quantization on the same events and counts spikes per IF layer:
 * the quick answer to "what did quantization change?". The quantized side is exact integer
 * arithmetic with saturation, i.e. the chip's semantics.
 */
export declare function compareSpikeCounts(network: Network, q: QuantizedNetwork, events: InputEvents, options?: {
    steps?: number;
}): LayerSpikeComparison[];

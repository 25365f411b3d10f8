import type { InputEvents, Spikes } from '../events/types.ts';
import type { Network } from '../network/schema.ts';
export interface SimulateFloatOptions {
    /** Steps to simulate; default: the last event's step + 1. */
    steps?: number;
    /** Clamp membranes to the chip's state range (signed `stateBits` of dynapcnn9) after integration. */
    saturate?: boolean;
}
/**
 * Simulates `network` on `events` in float64: per step, the input events are counted into a dense map
 * and every layer runs in order (spikes of step t reach the next layer in step t). IF neurons:
 * v += I + b; [clamp if `saturate`]; n = v > 0 ? floor(v / threshold) : 0; subtract or zero reset;
 * v = max(v, thresholdLow). Spikes carry the IF layer's name; a flat layer's neuron i is c=i, y=0, x=0.
 */
export declare function simulateFloat(network: Network, unsorted: InputEvents, options?: SimulateFloatOptions): Spikes;

/**
 * Quantization of the grouped network for a chip profile: per (weighted stage, IF stage) pair one
 * common scale, exactly as sinabs discretizes for DYNAP-CNN (see discretize.ts).
 */
import type { ChipProfile } from '../chip/profile.ts';
import { type LayerGroup } from '../network/group.ts';
import type { Network } from '../network/schema.ts';
import type { QuantizedLayer, QuantizedNetwork } from './types.ts';
export interface QuantizeOptions {
    /**
     * Accepted for symmetry with the NIR import option: per-neuron thresholds are collapsed when a file
     * is read (`NirImportOptions.collapseThresholds`); the IR already holds one threshold per layer.
     */
    collapseThresholds?: boolean;
}
/** The weights the scale applies to: the float weights divided by the average poolings folded in. */
export declare function effectiveWeights(group: LayerGroup): Float32Array;
export declare function quantizeGroup(group: LayerGroup, profile: ChipProfile): QuantizedLayer;
/**
 * Groups the network into chip layers and quantizes each with sinabs' per-layer joint scale: weights
 * and bias to the profile's weight/bias range, thresholds to its state range, round half to even.
 */
export declare function quantize(network: Network, profile: ChipProfile, _options?: QuantizeOptions): QuantizedNetwork;

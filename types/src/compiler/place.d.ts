/**
 * Placement of layers onto cores: a maximum bipartite matching (augmenting paths, i.e. max-flow with
 * unit capacities), so any feasible assignment is found. Pure and deterministic; knows nothing of
 * weights, only what each layer needs and what each core has.
 */
import type { ChipProfile, CoreResources } from '../chip/profile.ts';
export interface PlacementDemand {
    layer: string;
    kernel: number;
    neuron: number;
    bias: number;
}
export interface PlacementResult {
    /** layer name -> core id, for every layer that could be placed. */
    assignment: Map<string, number>;
    /** Every reason why some layer could not be placed (empty when all were). */
    problems: string[];
}
export declare function fitsCore(d: PlacementDemand, core: CoreResources): boolean;
/** The cores a layer fits, smallest first (leaves big cores to the layers that need them), ties by id. */
export declare function candidateCores(d: PlacementDemand, profile: ChipProfile): number[];
/** Like `place`, but returns the problems instead of throwing (the compiler gathers every reason). */
export declare function tryPlace(demands: PlacementDemand[], profile: ChipProfile, pins?: Record<string, number>): PlacementResult;
/** Places every layer on its own core; throws PLACEMENT with every reason when impossible. */
export declare function place(demands: PlacementDemand[], profile: ChipProfile, pins?: Record<string, number>): Map<string, number>;

/**
 * Placement of layers onto cores: a maximum bipartite matching (augmenting paths, i.e. max-flow with
 * unit capacities), so any feasible assignment is found. Pure and deterministic; knows nothing of
 * weights, only what each layer needs and what each core has.
 */
import type { ChipProfile, CoreResources } from '../chip/profile.ts';
import { SpikeforgeError } from '../errors.ts';
import { formatWords } from './memory.ts';

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

export function fitsCore(d: PlacementDemand, core: CoreResources): boolean {
  return d.kernel <= core.kernelMemory && d.neuron <= core.neuronMemory && d.bias <= core.biasMemory;
}

/** The cores a layer fits, smallest first (leaves big cores to the layers that need them), ties by id. */
export function candidateCores(d: PlacementDemand, profile: ChipProfile): number[] {
  return profile.cores
    .filter((c) => fitsCore(d, c))
    .sort((a, b) => a.kernelMemory + a.neuronMemory - (b.kernelMemory + b.neuronMemory) || a.id - b.id)
    .map((c) => c.id);
}

const quoteList = (names: string[]): string => names.map((n) => `"${n}"`).join(', ');

/** Like `place`, but returns the problems instead of throwing (the compiler gathers every reason). */
export function tryPlace(
  demands: PlacementDemand[],
  profile: ChipProfile,
  pins: Record<string, number> = {},
): PlacementResult {
  const problems: string[] = [];
  const names = new Set(demands.map((d) => d.layer));
  const coreIds = new Set(profile.cores.map((c) => c.id));
  if (demands.length > profile.cores.length) {
    problems.push(
      `${demands.length} layers but ${profile.id} has ${profile.cores.length} cores (one layer per core)`,
    );
  }
  const pinnedBy = new Map<number, string>();
  for (const [layer, coreId] of Object.entries(pins).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!names.has(layer)) {
      problems.push(
        `pin ${layer}=${coreId}: there is no layer "${layer}" (layers: ${quoteList([...names])})`,
      );
    } else if (!coreIds.has(coreId)) {
      problems.push(
        `pin ${layer}=${coreId}: ${profile.id} has no core ${coreId} (cores 0..${profile.cores.length - 1})`,
      );
    } else if (pinnedBy.has(coreId)) {
      problems.push(`pins ${pinnedBy.get(coreId)}=${coreId} and ${layer}=${coreId}: two layers on one core`);
    } else {
      pinnedBy.set(coreId, layer);
    }
  }

  const candidates = demands.map((d) => {
    const fit = candidateCores(d, profile);
    const pin = pins[d.layer];
    if (pin === undefined || !coreIds.has(pin) || pinnedBy.get(pin) !== d.layer) {
      // A core pinned by another layer is not a candidate for this one.
      return fit.filter((id) => !pinnedBy.has(id) || pinnedBy.get(id) === d.layer);
    }
    if (!fit.includes(pin)) {
      const core = profile.cores.find((c) => c.id === pin)!;
      problems.push(
        `layer "${d.layer}" is pinned to core ${pin}, which is too small: needs kernel ${formatWords(d.kernel)}, neuron ${formatWords(d.neuron)}, bias ${d.bias}; core ${pin} has ${formatWords(core.kernelMemory)}, ${formatWords(core.neuronMemory)}, ${core.biasMemory}${fit.length > 0 ? ` (it fits cores ${fit.join(', ')})` : ''}`,
      );
      return [];
    }
    return [pin];
  });

  // Kuhn's augmenting paths, layers in order, each layer's candidates in preference order: deterministic.
  const layerOfCore = new Map<number, number>();
  const tryAugment = (u: number, seen: Set<number>, visitedLayers: Set<number>): boolean => {
    visitedLayers.add(u);
    // A free core first (in preference order): layers only move when there is no other way.
    const free = candidates[u].find((id) => !seen.has(id) && !layerOfCore.has(id));
    if (free !== undefined) {
      seen.add(free);
      layerOfCore.set(free, u);
      return true;
    }
    for (const coreId of candidates[u]) {
      if (seen.has(coreId)) continue;
      seen.add(coreId);
      const holder = layerOfCore.get(coreId);
      if (holder === undefined || tryAugment(holder, seen, visitedLayers)) {
        layerOfCore.set(coreId, u);
        return true;
      }
    }
    return false;
  };
  const reported = new Set<string>();
  demands.forEach((d, u) => {
    if (candidates[u].length === 0) {
      if (pins[d.layer] === undefined && candidateCores(d, profile).length === 0) {
        problems.push(
          `layer "${d.layer}" fits no core: needs kernel ${formatWords(d.kernel)}, neuron ${formatWords(d.neuron)}, bias ${d.bias} words`,
        );
      } else if (pins[d.layer] === undefined) {
        problems.push(
          `layer "${d.layer}" fits only cores ${candidateCores(d, profile).join(', ')}, all pinned to other layers`,
        );
      }
      return;
    }
    const seen = new Set<number>();
    const visited = new Set<number>();
    if (tryAugment(u, seen, visited)) return;
    // Hall's condition fails: these layers can only use these cores, and there are fewer cores.
    const layers = [...visited].sort((a, b) => a - b);
    const cores = [...seen].sort((a, b) => a - b);
    const key = `${layers.join(',')}|${cores.join(',')}`;
    if (reported.has(key)) return;
    reported.add(key);
    problems.push(
      `layers ${quoteList(layers.map((i) => demands[i].layer))} compete for cores ${cores.join(', ')}: ${layers.length} layers, ${cores.length} cores that fit them${pinsAmong(
        layers.map((i) => demands[i].layer),
        pins,
      )}`,
    );
  });
  const assignment = new Map<string, number>();
  for (const [coreId, u] of [...layerOfCore].sort((a, b) => a[1] - b[1]))
    assignment.set(demands[u].layer, coreId);
  return { assignment, problems };
}

function pinsAmong(layers: string[], pins: Record<string, number>): string {
  const pinned = layers.filter((l) => pins[l] !== undefined);
  return pinned.length === 0 ? '' : ` (pinned: ${pinned.map((l) => `${l}=${pins[l]}`).join(', ')})`;
}

/** Places every layer on its own core; throws PLACEMENT with every reason when impossible. */
export function place(
  demands: PlacementDemand[],
  profile: ChipProfile,
  pins: Record<string, number> = {},
): Map<string, number> {
  const { assignment, problems } = tryPlace(demands, profile, pins);
  if (problems.length > 0) {
    throw new SpikeforgeError(
      'PLACEMENT',
      `the network does not fit on ${profile.id}: no placement of layers on cores`,
      {
        details: problems,
        hint: 'reduce the memory of the competing layers (channels, map size) so that more cores fit them, remove layers, or change the pins',
      },
    );
  }
  return assignment;
}

/**
 * What quantization changes: the quantized network written back as an IR network with its integer
 * weights and thresholds (on integers the float reference is exact, i.e. computes what the chip
 * computes, with the chip's saturation), and spike counts per layer of float vs quantized on the same input.
 */
import type { ChipProfile } from '../chip/profile.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import type { Layer, Network } from '../network/schema.ts';
import { simulateFloat } from './reference.ts';
import type { QuantizedNetwork } from './types.ts';

/** The quantized network as an IR network in integer units (pooling and flatten re-inserted). */
export function integerNetwork(q: QuantizedNetwork): Network {
  const layers: Layer[] = [];
  for (const l of q.layers) {
    const inputs = l.sources.map((s, k) => {
      let from = s.from;
      if (s.pooling[0] !== 1 || s.pooling[1] !== 1) {
        const name = `${l.name}~pool${k}`;
        layers.push({
          type: 'sumpool2d',
          name,
          inputs: [from],
          kernel: s.pooling,
          stride: s.pooling,
          padding: [0, 0],
        });
        from = name;
      }
      if (l.kind === 'linear') {
        const name = `${l.name}~flat${k}`;
        layers.push({ type: 'flatten', name, inputs: [from] });
        from = name;
      }
      return from;
    });
    const weight = { shape: [...l.weightShape], data: Float32Array.from(l.weight) };
    const bias = l.bias ? { shape: [l.bias.length], data: Float32Array.from(l.bias) } : null;
    layers.push(
      l.kind === 'conv2d'
        ? { type: 'conv2d', name: l.weightName, inputs, weight, bias, stride: l.stride, padding: l.padding }
        : { type: 'linear', name: l.weightName, inputs, weight, bias },
    );
    layers.push({
      type: 'if',
      name: l.name,
      inputs: [l.weightName],
      threshold: l.thresholdHigh,
      thresholdLow: l.thresholdLow,
      reset: l.reset,
      initialState: l.initialState
        ? { shape: [...l.outputShape], data: Float32Array.from(l.initialState) }
        : null,
    });
  }
  return {
    format: 'spikeforge.network',
    version: 1,
    input: { ...q.input, shape: [...q.input.shape] },
    layers,
  };
}

/** Spikes per layer name. */
export function spikeCounts(spikes: Spikes): Map<string, number> {
  const counts = new Map<string, number>(spikes.layers.map((l) => [l, 0]));
  for (let i = 0; i < spikes.count; i++) {
    const name = spikes.layers[spikes.layer[i]];
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

export interface LayerSpikeComparison {
  layer: string;
  float: number;
  quantized: number;
}

/**
 * Runs the float network and its quantization on the same events and counts spikes per IF layer:
 * the quick answer to "what did quantization change?". The quantized side is exact integer
 * arithmetic with the chip's saturation, i.e. its semantics.
 */
export function compareSpikeCounts(
  network: Network,
  q: QuantizedNetwork,
  events: InputEvents,
  chip: Pick<ChipProfile, 'stateBits'>,
  options: { steps?: number } = {},
): LayerSpikeComparison[] {
  const float = spikeCounts(simulateFloat(network, events, options));
  const quantized = spikeCounts(
    simulateFloat(integerNetwork(q), events, { steps: options.steps, saturate: chip }),
  );
  return q.layers.map((l) => ({
    layer: l.name,
    float: float.get(l.name) ?? 0,
    quantized: quantized.get(l.name) ?? 0,
  }));
}

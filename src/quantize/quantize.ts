/**
 * Quantization of the grouped network for a chip profile: per (weighted stage, IF stage) pair one
 * common scale, exactly as sinabs discretizes for DYNAP-CNN (see discretize.ts).
 */
import type { ChipProfile } from '../chip/profile.ts';
import { SpikeforgeError } from '../errors.ts';
import { checkFinite } from '../network/finite.ts';
import { groupLayers, type LayerGroup } from '../network/group.ts';
import { hashNetwork } from '../network/hash.ts';
import type { Network } from '../network/schema.ts';
import { determineScale, quantizeValue, quantizeValues } from './discretize.ts';
import type { QuantizationStats, QuantizedLayer, QuantizedNetwork } from './types.ts';

function toIntArray<T extends Int8Array | Int16Array>(
  values: Float64Array,
  make: (n: number) => T,
  bits: number,
  where: string,
): T {
  const lo = -(2 ** (bits - 1));
  const hi = 2 ** (bits - 1) - 1;
  const out = make(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo || v > hi) {
      throw new SpikeforgeError('INTERNAL', `${where}: quantized value ${v} outside the ${bits}-bit range`);
    }
    out[i] = v;
  }
  return out;
}

/** The weights the scale applies to: the float weights divided by the average poolings folded in. */
export function effectiveWeights(group: LayerGroup): Float32Array {
  const w = group.weighted.weight.data;
  const divisor = group.avgPoolDivisors.reduce((a, b) => a * b, 1);
  if (divisor === 1) return Float32Array.from(w);
  return Float32Array.from(w, (x) => Math.fround(x / divisor));
}

export function quantizeGroup(group: LayerGroup, profile: ChipProfile): QuantizedLayer {
  const where = `layer "${group.name}"`;
  const weights = effectiveWeights(group);
  const bias = group.weighted.bias?.data ?? null;
  const neuron = group.neuron;
  const thresholds = Float32Array.of(neuron.threshold, neuron.thresholdLow);
  const scales: [QuantizationStats['limitedBy'], number][] = [
    ['weights', determineScale(weights, profile.weightBits)],
    ['bias', bias ? determineScale(bias, profile.biasBits) : Number.POSITIVE_INFINITY],
    ['threshold', determineScale(thresholds, profile.stateBits)],
  ];
  // Python's min() keeps the first of equal values: weights, then bias, then thresholds.
  let [limitedBy, scale] = scales[0];
  for (const [name, s] of scales) {
    if (s < scale) [limitedBy, scale] = [name, s];
  }
  const qWeights = quantizeValues(weights, scale);
  const weight = toIntArray(qWeights, (n) => new Int8Array(n), profile.weightBits, `${where} weights`);
  const qBias = bias
    ? toIntArray(quantizeValues(bias, scale), (n) => new Int16Array(n), profile.biasBits, `${where} bias`)
    : null;
  const thresholdHigh = quantizeValue(neuron.threshold, scale);
  const thresholdLow = quantizeValue(neuron.thresholdLow, scale);
  if (thresholdHigh < 1) {
    throw new SpikeforgeError(
      'QUANTIZE',
      `${where}: threshold ${neuron.threshold} becomes ${thresholdHigh} at scale ${scale} (set by the ${limitedBy})`,
      { hint: 'the threshold is tiny next to the weights or bias; raise it or shrink the largest weights' },
    );
  }
  let initialState: Int16Array | null = null;
  if (neuron.initialState) {
    const q = quantizeValues(neuron.initialState.data, scale);
    const lo = -(2 ** (profile.stateBits - 1));
    const hi = 2 ** (profile.stateBits - 1) - 1;
    initialState = Int16Array.from(q, (v) => Math.min(hi, Math.max(lo, v)));
    if (initialState.every((v) => v === 0)) initialState = null;
  }

  let maxWeightError = 0;
  let zeroed = 0;
  let nonZero = 0;
  let zeros = 0;
  for (let i = 0; i < weights.length; i++) {
    const err = Math.abs(weights[i] - weight[i] / scale);
    if (err > maxWeightError) maxWeightError = err;
    if (weights[i] !== 0) {
      nonZero++;
      if (weight[i] === 0) zeroed++;
    }
    if (weight[i] === 0) zeros++;
  }

  const w = group.weighted;
  const [c, h, wd] = group.inputShape;
  return {
    name: group.name,
    weightName: w.name,
    kind: w.type,
    sources: group.sources.map((s) => ({ from: s.from, pooling: [...s.pooling] as [number, number] })),
    inputShape: [...group.inputShape],
    outputShape: [...group.outputShape],
    weightShape: w.type === 'conv2d' ? [...w.weight.shape] : [w.weight.shape[0], c * h * wd],
    weight,
    bias: qBias,
    stride: w.type === 'conv2d' ? [...w.stride] : [1, 1],
    padding: w.type === 'conv2d' ? [...w.padding] : [0, 0],
    thresholdHigh,
    thresholdLow,
    reset: neuron.reset,
    initialState,
    stats: {
      scale,
      limitedBy,
      maxWeightError,
      zeroedWeightShare: nonZero === 0 ? 0 : zeroed / nonZero,
      zeroWeightShare: weights.length === 0 ? 0 : zeros / weights.length,
    },
  };
}

/**
 * Groups the network into chip layers and quantizes each with sinabs' per-layer joint scale: weights
 * and bias to the profile's weight/bias range, thresholds to its state range, round half to even.
 */
export function quantize(network: Network, profile: ChipProfile): QuantizedNetwork {
  // A network built in code has not been through a reader's checks.
  checkFinite(network);
  const groups = groupLayers(network);
  const notes = [...(network.notes ?? [])];
  for (const g of groups) {
    if (g.avgPoolDivisors.length > 0) {
      const d = g.avgPoolDivisors.reduce((a, b) => a * b, 1);
      notes.push(
        `layer "${g.name}": average pooling folded in as sum pooling, weights of "${g.weighted.name}" divided by ${d}`,
      );
    }
  }
  return {
    ...(network.name !== undefined ? { name: network.name } : {}),
    sourceHash: hashNetwork(network),
    input: { name: network.input.name, shape: [...network.input.shape] },
    layers: groups.map((g) => quantizeGroup(g, profile)),
    notes,
  };
}

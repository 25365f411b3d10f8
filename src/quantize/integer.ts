/**
 * The quantized network written back as an IR network with the integer weights and thresholds, so the
 * float reference can run it: on integers it is exact, i.e. what the chip computes.
 */
import type { Layer, Network } from '../../src/network/schema.ts';
import type { QuantizedNetwork } from '../../src/quantize/types.ts';

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

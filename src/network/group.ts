/**
 * Groups the IR into chip layers: one weighted stage (conv2d / linear) followed by one IF stage, with
 * the pooling and flatten between layers folded into the reading layer's sources (consecutive poolings
 * multiplied). AvgPool2d is a sum pooling plus a factor 1/(kh*kw) the next weighted stage must apply to
 * its weights. Anything the chip cannot express is an error naming the layer and why.
 */
import { SpikeforgeError } from '../errors.ts';
import type { Layer, LayerOf, Network, Shape3 } from './schema.ts';
import { fmtShape, inferShapes } from './shapes.ts';

export interface GroupSource {
  /** An IF layer's name, or the network input's name. */
  from: string;
  /** Sum pooling [ph, pw] (stride = size) applied on the way; [1, 1] for none. */
  pooling: [number, number];
}

export interface LayerGroup {
  /** The IF layer's name (the chip layer's name). */
  name: string;
  weighted: LayerOf<'conv2d'> | LayerOf<'linear'>;
  neuron: LayerOf<'if'>;
  sources: GroupSource[];
  /** The map the weighted stage reads (after the sources' pooling; before any flatten). */
  inputShape: Shape3;
  /** The IF stage's map: [F, H, W], or [F, 1, 1] for linear. */
  outputShape: Shape3;
  /** Factor the weights (not the bias) must be multiplied by: 1/(kh*kw) of every AvgPool2d folded in. */
  weightFactor: number;
  /** Pool sizes of the AvgPool2d layers folded in (their product divides the weights), for reports. */
  avgPoolDivisors: number[];
}

/** What a layer's output is, seen by the layers reading it. */
type Signal =
  | {
      kind: 'spikes';
      from: string;
      pooling: [number, number];
      /** The pooled map before any flatten. */
      shape: Shape3;
      flattened: boolean;
      avgPoolDivisors: number[];
    }
  | {
      kind: 'current';
      layer: LayerOf<'conv2d'> | LayerOf<'linear'>;
      sources: GroupSource[];
      inputShape: Shape3;
      avgPoolDivisors: number[];
    };

function graphError(layer: Layer, message: string, hint?: string): SpikeforgeError {
  return new SpikeforgeError('GRAPH', `layer "${layer.name}" (${layer.type}): ${message}`, { hint });
}

export function groupLayers(network: Network): LayerGroup[] {
  const shapes = inferShapes(network);
  const signals = new Map<string, Signal>();
  signals.set(network.input.name, {
    kind: 'spikes',
    from: network.input.name,
    pooling: [1, 1],
    shape: [...network.input.shape],
    flattened: false,
    avgPoolDivisors: [],
  });
  const consumers = new Map<string, string[]>();
  for (const layer of network.layers) {
    for (const i of layer.inputs) consumers.set(i, [...(consumers.get(i) ?? []), layer.name]);
  }
  const groups: LayerGroup[] = [];

  const spikesOf = (layer: Layer, input: string): Extract<Signal, { kind: 'spikes' }> => {
    const s = signals.get(input)!;
    if (s.kind === 'current') {
      throw graphError(
        layer,
        `reads "${input}", the output of a ${s.layer.type} layer with no IF layer after it`,
        `put an IF layer right after "${input}": each chip layer is a weighted stage followed by IF neurons`,
      );
    }
    return s;
  };

  for (const layer of network.layers) {
    switch (layer.type) {
      case 'sumpool2d':
      case 'avgpool2d': {
        if (layer.inputs.length > 1) throw graphError(layer, 'a merge must feed a conv2d or linear layer');
        const s = spikesOf(layer, layer.inputs[0]);
        const [kh, kw] = layer.kernel;
        if (layer.stride[0] !== kh || layer.stride[1] !== kw) {
          throw graphError(
            layer,
            `stride ${layer.stride.join('x')} differs from the kernel ${kh}x${kw}; the chip pools with stride = size`,
          );
        }
        if (layer.padding[0] !== 0 || layer.padding[1] !== 0) {
          throw graphError(layer, `padding ${layer.padding.join('x')}; the chip pools without padding`);
        }
        if (s.flattened) throw graphError(layer, 'pooling after a flatten is not supported');
        signals.set(layer.name, {
          ...s,
          pooling: [s.pooling[0] * kh, s.pooling[1] * kw],
          shape: shapes.get(layer.name)!,
          avgPoolDivisors: layer.type === 'avgpool2d' ? [...s.avgPoolDivisors, kh * kw] : s.avgPoolDivisors,
        });
        break;
      }
      case 'flatten': {
        if (layer.inputs.length > 1) throw graphError(layer, 'a merge must feed a conv2d or linear layer');
        const s = spikesOf(layer, layer.inputs[0]);
        signals.set(layer.name, { ...s, flattened: true });
        break;
      }
      case 'conv2d':
      case 'linear': {
        const inputs = layer.inputs.map((i) => spikesOf(layer, i));
        const first = inputs[0];
        for (const s of inputs) {
          if (layer.type === 'conv2d' && s.flattened && (s.shape[1] !== 1 || s.shape[2] !== 1)) {
            throw graphError(
              layer,
              `reads a flattened ${fmtShape(s.shape)} map; a conv2d needs the map itself`,
            );
          }
          if (s.avgPoolDivisors.join() !== first.avgPoolDivisors.join()) {
            throw graphError(
              layer,
              'merges inputs with different average poolings; the weights can be rescaled for one only',
            );
          }
          if (s.shape.some((d, k) => d !== first.shape[k])) {
            throw graphError(
              layer,
              `merges maps of shapes ${fmtShape(first.shape)} and ${fmtShape(s.shape)}`,
            );
          }
        }
        const sources = inputs.map((s) => ({ from: s.from, pooling: s.pooling }));
        if (sources.length === 2 && sources[0].from === sources[1].from) {
          throw graphError(layer, `reads "${sources[0].from}" twice; a merge needs two different layers`);
        }
        signals.set(layer.name, {
          kind: 'current',
          layer,
          sources,
          inputShape: first.shape,
          avgPoolDivisors: first.avgPoolDivisors,
        });
        break;
      }
      case 'if': {
        if (layer.inputs.length > 1) {
          throw graphError(
            layer,
            'a merge right before an IF layer is not supported',
            'merge the spikes of two IF layers into the conv2d/linear layer that reads them',
          );
        }
        const s = signals.get(layer.inputs[0])!;
        if (s.kind !== 'current') {
          throw graphError(
            layer,
            `has no conv2d or linear layer right before it (it reads "${layer.inputs[0]}")`,
            'each IF layer needs a weighted stage (conv2d or linear) as its only input',
          );
        }
        const readers = consumers.get(s.layer.name) ?? [];
        if (readers.length > 1) {
          throw graphError(
            s.layer,
            `feeds ${readers.map((r) => `"${r}"`).join(' and ')}; a weighted stage feeds exactly one IF layer`,
          );
        }
        groups.push({
          name: layer.name,
          weighted: s.layer,
          neuron: layer,
          sources: s.sources,
          inputShape: s.inputShape,
          outputShape: shapes.get(layer.name)!,
          weightFactor: 1 / s.avgPoolDivisors.reduce((a, b) => a * b, 1),
          avgPoolDivisors: s.avgPoolDivisors,
        });
        signals.set(layer.name, {
          kind: 'spikes',
          from: layer.name,
          pooling: [1, 1],
          shape: shapes.get(layer.name)!,
          flattened: false,
          avgPoolDivisors: [],
        });
        break;
      }
    }
  }
  for (const layer of network.layers) {
    const s = signals.get(layer.name)!;
    if (s.kind === 'current' && !consumers.has(layer.name)) {
      throw graphError(
        layer,
        'is not followed by an IF layer',
        'each chip layer is a weighted stage followed by IF neurons; add an IF layer after it',
      );
    }
  }
  return groups;
}

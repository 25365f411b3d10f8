/** A description of a network for people and tools (what `spikeforge inspect` prints). */

import { formatTable } from '../util/table.ts';
import { hashNetwork } from './hash.ts';
import type { Layer, Network, Shape3 } from './schema.ts';
import { flatOutputs, inferShapes } from './shapes.ts';

export interface LayerSummary {
  name: string;
  type: Layer['type'];
  inputs: string[];
  /** [C, H, W]; flat vectors [n, 1, 1]. */
  outputShape: Shape3;
  /** True when the output is a flat vector (after flatten / linear). */
  flat: boolean;
  /** Weights plus biases (0 for layers without parameters). */
  parameters: number;
  /** One line of the layer's own settings: kernel, stride, padding, threshold, reset... */
  details: string;
  threshold?: number;
  thresholdLow?: number;
  reset?: 'subtract' | 'zero';
}

export interface NetworkSummary {
  name?: string;
  sha256: string;
  input: { name: string; shape: Shape3 };
  layers: LayerSummary[];
  parameters: number;
  notes: string[];
}

const pair = (p: [number, number]): string => (p[0] === p[1] ? String(p[0]) : p.join('x'));

function detailsOf(layer: Layer): string {
  switch (layer.type) {
    case 'conv2d': {
      const [, , kh, kw] = layer.weight.shape;
      return `kernel ${kh}x${kw}, stride ${pair(layer.stride)}, padding ${pair(layer.padding)}${layer.bias ? ', bias' : ''}`;
    }
    case 'linear':
      return `${layer.weight.shape[1]} -> ${layer.weight.shape[0]}${layer.bias ? ', bias' : ''}`;
    case 'sumpool2d':
    case 'avgpool2d':
      return `kernel ${pair(layer.kernel)}, stride ${pair(layer.stride)}${layer.padding[0] || layer.padding[1] ? `, padding ${pair(layer.padding)}` : ''}`;
    case 'flatten':
      return '';
    case 'if':
      return `threshold ${layer.threshold}, low ${layer.thresholdLow}, reset ${layer.reset}${layer.initialState ? ', initial state' : ''}`;
  }
}

export function formatShape(shape: Shape3, flat: boolean): string {
  return flat ? String(shape[0]) : shape.join('x');
}

export function summarizeNetwork(network: Network): NetworkSummary {
  const shapes = inferShapes(network);
  const flat = flatOutputs(network);
  const layers = network.layers.map((layer): LayerSummary => {
    const parameters =
      layer.type === 'conv2d' || layer.type === 'linear'
        ? layer.weight.data.length + (layer.bias?.data.length ?? 0)
        : 0;
    return {
      name: layer.name,
      type: layer.type,
      inputs: layer.inputs,
      outputShape: shapes.get(layer.name)!,
      flat: flat.has(layer.name),
      parameters,
      details: detailsOf(layer),
      ...(layer.type === 'if'
        ? { threshold: layer.threshold, thresholdLow: layer.thresholdLow, reset: layer.reset }
        : {}),
    };
  });
  return {
    ...(network.name !== undefined ? { name: network.name } : {}),
    sha256: hashNetwork(network),
    input: { name: network.input.name, shape: [...network.input.shape] },
    layers,
    parameters: layers.reduce((a, l) => a + l.parameters, 0),
    notes: network.notes ?? [],
  };
}

export function formatNetworkSummary(s: NetworkSummary): string {
  const rows = [['#', 'name', 'type', 'inputs', 'output', 'params', 'details']];
  s.layers.forEach((l, i) => {
    rows.push([
      String(i),
      l.name,
      l.type,
      l.inputs.join('+'),
      formatShape(l.outputShape, l.flat),
      l.parameters > 0 ? String(l.parameters) : '-',
      l.details,
    ]);
  });
  const table = formatTable(rows);
  const ifLayers = s.layers.filter((l) => l.type === 'if');
  const lines = [
    ...(s.name ? [`network  ${s.name}`] : []),
    `input    "${s.input.name}" ${s.input.shape.join('x')} (channels x height x width)`,
    `sha256   ${s.sha256}`,
    '',
    ...table,
    '',
    `${s.layers.length} layers, ${ifLayers.length} IF layers (${ifLayers.map((l) => formatShape(l.outputShape, l.flat)).join(', ')}), ${s.parameters} parameters`,
  ];
  if (s.notes.length > 0) lines.push('notes:', ...s.notes.map((n) => `  - ${n}`));
  return lines.join('\n');
}

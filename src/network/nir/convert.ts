/**
 * NIR import: the nodes of a NIR graph (NIR 0.1, 0.2 and 1.0 files, the layout of Python's `nir.read`)
 * become IR layers (the node name is the layer name), the Input node becomes the IR input, Output nodes
 * are dropped. Neuron models the IR cannot express (leaky, current-based, delays) are refused here.
 */
import { SpikeforgeError } from '../../errors.ts';
import { readUserFile } from '../../util/files.ts';
import { type H5Value, readHdf5Tree } from '../hdf5.ts';
import type { Layer, LayerOf, Network, Shape3, Tensor } from '../schema.ts';
import { NETWORK_FORMAT, NETWORK_FORMAT_VERSION } from '../schema.ts';
import { fmtShape, inferShapes, sizeOf } from '../shapes.ts';
import {
  compareNodeNames,
  type NodeReader,
  nodeReader,
  nodesOf,
  topologicalOrder,
  unsupported,
} from './graph.ts';

export interface NirImportOptions {
  /** How IF neurons reset: by subtraction (sinabs' convention, default) or to zero. */
  reset?: 'subtract' | 'zero';
  /** The membrane floor of every IF layer; default -threshold (sinabs' `from_nir`). */
  thresholdLow?: number;
  /** Collapse per-neuron thresholds that differ within a layer to their mean (with a note) instead of failing. */
  collapseThresholds?: boolean;
}

/** What the IR (and so every chip profile) runs: integrate-and-fire neurons. */
const IAF_ONLY = 'integrate-and-fire chips (the only neurons the network IR holds)';

function inputShape(r: NodeReader): Shape3 {
  const key = r.has('shape') ? 'shape' : 'input_type';
  const s = Array.from(r.numbers(key).data);
  if (s.length === 3) return [s[0], s[1], s[2]];
  if (s.length === 1) return [s[0], 1, 1];
  if (s.length === 2) return [1, s[0], s[1]];
  return r.fail(`input shape ${fmtShape(s)} is not [C, H, W], [H, W] or [N]`);
}

/**
 * NIR's Conv2d always has a bias and exporters write zeros for "none"; an all-zero bias is the same
 * network as no bias (and needs no bias memory on the chip), so it is read as none.
 */
function biasOf(r: NodeReader): Tensor | null {
  if (!r.has('bias')) return null;
  const bias = r.tensor('bias');
  return bias.data.every((b) => b === 0) ? null : bias;
}

function convertConv(r: NodeReader, name: string, inputs: string[]): LayerOf<'conv2d'> {
  const weight = r.tensor('weight');
  if (weight.shape.length !== 4) r.fail(`weight must be [Cout, Cin, Kh, Kw], got ${fmtShape(weight.shape)}`);
  const groups = r.scalar('groups', 1);
  if (groups !== 1) {
    throw unsupported(r.file, r.node, `grouped convolution (groups=${groups}) is not supported`);
  }
  const dilation = r.pair('dilation', [1, 1]);
  if (dilation[0] !== 1 || dilation[1] !== 1) {
    throw unsupported(r.file, r.node, `dilation ${dilation.join('x')} is not supported (only 1)`);
  }
  const stride = r.pair('stride', [1, 1]);
  let padding: [number, number];
  const rawPadding = r.node.params.get('padding');
  if (rawPadding?.kind === 'string') {
    const mode = rawPadding.data[0];
    const [kh, kw] = [weight.shape[2], weight.shape[3]];
    if (mode === 'valid') padding = [0, 0];
    else if (mode === 'same' && kh % 2 === 1 && kw % 2 === 1 && stride[0] === 1 && stride[1] === 1) {
      padding = [(kh - 1) / 2, (kw - 1) / 2];
    } else {
      throw unsupported(r.file, r.node, `padding "${mode}" with a ${kh}x${kw} kernel cannot be expressed`);
    }
  } else {
    padding = r.pair('padding', [0, 0]);
  }
  return { type: 'conv2d', name, inputs, weight, bias: biasOf(r), stride, padding };
}

function convertIf(
  r: NodeReader,
  name: string,
  inputs: string[],
  options: NirImportOptions,
  notes: string[],
): LayerOf<'if'> {
  const th = r.constant('v_threshold', Number.NaN);
  if (Number.isNaN(th.value)) r.fail('missing "v_threshold"');
  let threshold = th.value;
  if (th.min !== th.max) {
    if (!options.collapseThresholds) {
      throw unsupported(
        r.file,
        r.node,
        `thresholds differ within the layer (${th.min} .. ${th.max}); a layer has one threshold`,
        'retrain with one threshold per layer, or collapse them to their mean (collapseThresholds)',
      );
    }
    threshold = Math.fround(th.mean);
    notes.push(`node "${name}": thresholds ${th.min} .. ${th.max} collapsed to their mean ${threshold}`);
  }
  if (!(threshold > 0)) r.fail(`v_threshold must be > 0, got ${threshold}`);
  const reset = options.reset ?? 'subtract';
  const vReset = r.constant('v_reset', 0);
  if (vReset.min !== 0 || vReset.max !== 0) {
    if (reset === 'zero') {
      throw unsupported(r.file, r.node, `v_reset ${vReset.min} .. ${vReset.max}: the chip resets to 0 only`);
    }
    notes.push(`node "${name}": v_reset ignored (reset by subtraction, as sinabs imports IF)`);
  }
  const thresholdLow = options.thresholdLow ?? -threshold;
  return { type: 'if', name, inputs, threshold, thresholdLow, reset, initialState: null };
}

/**
 * Folds an IF node's input resistance r (scales the input current) into the weighted layer before it:
 * `v += r * (W x + b)` equals `v += (rW) x + rb`. r must be constant per output channel.
 */
function foldResistance(r: NodeReader, weighted: Layer | undefined, notes: string[]): void {
  if (!r.has('r')) return;
  const values = r.numbers('r').data;
  if (values.every((x) => x === 1)) return;
  if (!weighted || (weighted.type !== 'conv2d' && weighted.type !== 'linear')) {
    throw unsupported(r.file, r.node, 'r != 1 needs a Conv2d or Affine node right before the IF node');
  }
  const channels = weighted.weight.shape[0];
  const perChannel = values.length / channels;
  if (values.length !== 1 && !Number.isInteger(perChannel)) {
    r.fail(`"r" has ${values.length} values, not a multiple of the ${channels} channels`);
  }
  const factors = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const first = values.length === 1 ? values[0] : values[c * perChannel];
    for (let k = 0; values.length > 1 && k < perChannel; k++) {
      if (values[c * perChannel + k] !== first) {
        throw unsupported(
          r.file,
          r.node,
          `"r" varies within channel ${c}; it can be folded per channel only`,
        );
      }
    }
    factors[c] = first;
  }
  const rowSize = weighted.weight.data.length / channels;
  const w = weighted.weight.data;
  for (let i = 0; i < w.length; i++) w[i] = Math.fround(w[i] * factors[Math.floor(i / rowSize)]);
  if (weighted.bias) {
    const b = weighted.bias.data;
    for (let c = 0; c < b.length; c++) b[c] = Math.fround(b[c] * factors[c]);
  }
  notes.push(`node "${r.node.name}": r folded into the weights and bias of "${weighted.name}"`);
}

function convertNode(
  r: NodeReader,
  inputs: string[],
  options: NirImportOptions,
  notes: string[],
  layersByName: Map<string, Layer>,
): Layer {
  const { name, type } = r.node;
  switch (type) {
    case 'Conv2d':
      return convertConv(r, name, inputs);
    case 'Affine':
    case 'Linear': {
      const weight = r.tensor('weight');
      if (weight.shape.length !== 2) r.fail(`weight must be [out, in], got ${fmtShape(weight.shape)}`);
      return { type: 'linear', name, inputs, weight, bias: type === 'Affine' ? biasOf(r) : null };
    }
    case 'SumPool2d':
    case 'AvgPool2d': {
      const kernel = r.pair('kernel_size', [1, 1]);
      const stride = r.pair('stride', kernel);
      const padding = r.pair('padding', [0, 0]);
      return {
        type: type === 'SumPool2d' ? 'sumpool2d' : 'avgpool2d',
        name,
        inputs,
        kernel,
        stride,
        padding,
      };
    }
    case 'Flatten': {
      const start = r.scalar('start_dim', 0);
      const end = r.scalar('end_dim', -1);
      if (start !== 0 || (end !== -1 && end !== 2)) {
        throw unsupported(
          r.file,
          r.node,
          `flattening dims ${start}..${end} is not supported (only all of C,H,W)`,
        );
      }
      return { type: 'flatten', name, inputs };
    }
    case 'IF':
    case 'LIF': {
      if (type === 'LIF') {
        const tau = r.optionalNumbers('tau')?.data ?? [];
        const leaky = tau.length === 0 || tau.some((t) => Number.isFinite(t));
        if (leaky) {
          throw unsupported(
            r.file,
            r.node,
            `leaky neurons have no equivalent on ${IAF_ONLY}`,
            'train with integrate-and-fire neurons (IF / sinabs IAF) to deploy on this chip',
          );
        }
        const leak = r.constant('v_leak', 0);
        if (leak.min !== 0 || leak.max !== 0) {
          throw unsupported(r.file, r.node, `v_leak != 0 has no equivalent on ${IAF_ONLY}`);
        }
      }
      const weighted = inputs.length === 1 ? layersByName.get(inputs[0]) : undefined;
      foldResistance(r, weighted, notes);
      return convertIf(r, name, inputs, options, notes);
    }
    case 'LI':
    case 'CubaLI':
    case 'I':
      throw unsupported(r.file, r.node, `non-spiking neurons have no equivalent on ${IAF_ONLY}`);
    case 'CubaLIF':
      throw unsupported(
        r.file,
        r.node,
        `current-based leaky neurons (synaptic and membrane leak) have no equivalent on ${IAF_ONLY}`,
        'train with integrate-and-fire neurons (IF / sinabs IAF) to deploy on this chip',
      );
    case 'Delay':
      throw unsupported(r.file, r.node, `synaptic delays have no equivalent on ${IAF_ONLY}`);
    default:
      throw unsupported(
        r.file,
        r.node,
        `node type "${type}" is not supported`,
        'supported: Input, Output, Conv2d, Affine, Linear, SumPool2d, AvgPool2d, Flatten, IF',
      );
  }
}

function toNetwork(tree: H5Value, file: string, options: NirImportOptions): Network {
  const { nodes, edges } = nodesOf(tree, file);
  const inputNodes = [...nodes.values()].filter((n) => n.type === 'Input');
  if (inputNodes.length !== 1) {
    throw new SpikeforgeError(
      'NIR_UNSUPPORTED',
      `${file}: the graph has ${inputNodes.length} Input nodes; exactly one is supported`,
    );
  }
  const inputNode = inputNodes[0];
  const inShape = inputShape(nodeReader(file, inputNode));
  const outputs = new Set([...nodes.values()].filter((n) => n.type === 'Output').map((n) => n.name));

  const { preds, order } = topologicalOrder(nodes, edges, inputNode.name, outputs, file);

  const notes: string[] = [];
  const layers: Layer[] = [];
  const layersByName = new Map<string, Layer>();
  const readers = new Map<string, NodeReader>();
  for (const name of order) {
    const node = nodes.get(name)!;
    const reader = nodeReader(file, node);
    readers.set(name, reader);
    const inputs = preds.get(name)!;
    if (inputs.length > 2) {
      throw unsupported(file, node, `${inputs.length} incoming edges; a merge sums at most 2 inputs`);
    }
    const layer = convertNode(reader, [...inputs].sort(compareNodeNames), options, notes, layersByName);
    applyMetadata(reader, layer, options);
    layers.push(layer);
    layersByName.set(name, layer);
  }
  if (layers.length === 0) {
    throw new SpikeforgeError('NIR_UNSUPPORTED', `${file}: the graph has no layers between Input and Output`);
  }

  const network: Network = {
    format: NETWORK_FORMAT,
    version: NETWORK_FORMAT_VERSION,
    input: { name: inputNode.name, shape: inShape },
    layers,
    ...(notes.length > 0 ? { notes } : {}),
  };
  const describe = (_i: number, layer: Layer): string => `${file}: ${readers.get(layer.name)!.where}`;
  const shapes = inferShapes(network, { describe });
  checkDeclaredShapes(network, shapes, readers);
  return network;
}

/**
 * spikeforge's own IF fields that NIR has no place for travel in the node's metadata group (written
 * by writeNir); the user's import options still win.
 */
function applyMetadata(reader: NodeReader, layer: Layer, options: NirImportOptions): void {
  if (layer.type !== 'if') return;
  const meta = reader.node.params.get('metadata');
  if (meta?.kind !== 'group') return;
  const low = meta.entries.get('spikeforge_threshold_low');
  if (options.thresholdLow === undefined && low?.kind === 'number' && low.data.length === 1) {
    layer.thresholdLow = low.data[0];
  }
  const reset = meta.entries.get('spikeforge_reset');
  if (
    !options.reset &&
    reset?.kind === 'string' &&
    (reset.data[0] === 'zero' || reset.data[0] === 'subtract')
  ) {
    layer.reset = reset.data[0];
  }
}

/** Conv2d `input_shape` and Flatten `input_type`, when a file has them, must agree with the inferred shapes. */
function checkDeclaredShapes(
  network: Network,
  shapes: Map<string, Shape3>,
  readers: Map<string, NodeReader>,
): void {
  for (const layer of network.layers) {
    const r = readers.get(layer.name)!;
    const input = shapes.get(layer.inputs[0])!;
    let declared: number[] | undefined;
    let expected: number[] = [];
    if (layer.type === 'conv2d' && r.has('input_shape')) {
      declared = Array.from(r.numbers('input_shape').data);
      expected = declared.length === 3 ? input : input.slice(1);
    } else if (layer.type === 'flatten' && r.has('input_type')) {
      declared = Array.from(r.numbers('input_type').data);
      expected = input;
      if (declared.length !== 3 && sizeOf(declared) === sizeOf(input)) continue;
    }
    if (declared && declared.length > 0 && declared.some((d, i) => d !== expected[i])) {
      r.fail(
        `declares input shape ${fmtShape(declared)}, but the graph from the Input node gives ${fmtShape(expected)}`,
      );
    }
  }
}

/** Reads a NIR file (a path or its bytes; `file` names the bytes in messages) into the network IR. */
export async function readNir(
  source: string | Uint8Array,
  options: NirImportOptions = {},
  file = typeof source === 'string' ? source : '<nir>',
): Promise<Network> {
  const bytes = typeof source === 'string' ? readUserFile(source) : source;
  const tree = await readHdf5Tree(bytes, file);
  return toNetwork(tree, file, options);
}

/**
 * NIR import and export (NIR 0.1, 0.2 and 1.0 files, the layout of Python's `nir.read` / `nir.write`).
 * NIR is an adapter at the edge: nodes become IR layers (the node name is the layer name), the Input
 * node becomes the IR input, Output nodes are dropped on import and re-added on export.
 */
import { dynapcnn9 } from '../chip/dynapcnn9.ts';
import { SpikeforgeError } from '../errors.ts';
import { readUserFile } from '../util/files.ts';
import { type H5Value, type H5Write, readHdf5Tree, writeHdf5Tree } from './hdf5.ts';
import type { Layer, LayerOf, Network, Shape3, Tensor } from './schema.ts';
import { NETWORK_FORMAT, NETWORK_FORMAT_VERSION } from './schema.ts';
import { flatOutputs, fmtShape, inferShapes, sizeOf } from './shapes.ts';

export interface NirImportOptions {
  /** How IF neurons reset: by subtraction (sinabs' convention, default) or to zero. */
  reset?: 'subtract' | 'zero';
  /** The membrane floor of every IF layer; default -threshold (sinabs' `from_nir`). */
  thresholdLow?: number;
  /** Collapse per-neuron thresholds that differ within a layer to their mean (with a note) instead of failing. */
  collapseThresholds?: boolean;
}

/** The NIR version written by `writeNir`. */
export const NIR_WRITE_VERSION = '1.0.0';

interface NirNode {
  name: string;
  type: string;
  params: Map<string, H5Value>;
}

/** Numeric sort for numeric names (sinabs names nodes "0", "1", ... "12"), then by name. */
export function compareNodeNames(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : Number.NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb || (a < b ? -1 : a > b ? 1 : 0);
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Typed access to one node's datasets; every failure names the file and the node. */
function nodeReader(file: string, node: NirNode) {
  const where = `node "${node.name}" (${node.type})`;
  const fail = (message: string, hint?: string): never => {
    throw new SpikeforgeError('NIR_FORMAT', `${file}: ${where}: ${message}`, { hint });
  };
  const has = (key: string): boolean => node.params.has(key);
  const numbers = (key: string): { shape: number[]; data: Float64Array } => {
    const v = node.params.get(key);
    if (!v) return fail(`missing "${key}"`);
    if (v.kind === 'group') {
      // NIR 1.0 stores types as {"input": shape}; take the single entry.
      const first = [...v.entries.values()][0];
      if (first?.kind === 'number') return first;
      return fail(`"${key}" is a group, expected numbers`);
    }
    if (v.kind !== 'number') return fail(`"${key}" holds strings, expected numbers`);
    return v;
  };
  return {
    file,
    node,
    where,
    fail,
    has,
    numbers,
    optionalNumbers: (key: string) => (has(key) ? numbers(key) : undefined),
    tensor(key: string): Tensor {
      const v = numbers(key);
      const shape = v.shape.length === 0 && v.data.length === 1 ? [] : v.shape;
      return { shape: [...shape], data: Float32Array.from(v.data) };
    },
    scalar(key: string, fallback?: number): number {
      if (!has(key)) return fallback ?? fail(`missing "${key}"`);
      const v = numbers(key);
      if (v.data.length !== 1) fail(`"${key}" must be a single number, got shape ${fmtShape(v.shape)}`);
      return v.data[0];
    },
    pair(key: string, fallback: [number, number]): [number, number] {
      if (!has(key)) return fallback;
      const raw = node.params.get(key);
      if (raw?.kind === 'string')
        fail(`"${key}" is "${raw.data[0]}"; only numeric values are supported here`);
      const v = numbers(key).data;
      if (v.length === 1) return [v[0], v[0]];
      if (v.length === 2) return [v[0], v[1]];
      return fail(`"${key}" must hold 1 or 2 numbers, got ${v.length}`);
    },
    /** A per-neuron array that should hold one value: its first value and range. */
    constant(key: string, fallback: number): { value: number; min: number; max: number; mean: number } {
      if (!has(key)) return { value: fallback, min: fallback, max: fallback, mean: fallback };
      const d = numbers(key).data;
      if (d.length === 0) fail(`"${key}" is empty`);
      let min = d[0];
      let max = d[0];
      let sum = 0;
      for (const x of d) {
        if (x < min) min = x;
        if (x > max) max = x;
        sum += x;
      }
      return { value: d[0], min, max, mean: sum / d.length };
    },
  };
}

type NodeReader = ReturnType<typeof nodeReader>;

const unsupported = (file: string, node: NirNode, reason: string, hint?: string): SpikeforgeError =>
  new SpikeforgeError('NIR_UNSUPPORTED', `${file}: node "${node.name}" (${node.type}): ${reason}`, { hint });

const CHIP = `${dynapcnn9.id} (an IAF-only chip)`;

interface FlatGraph {
  nodes: Map<string, NirNode>;
  edges: [string, string][];
  /** Nested graphs by full name: their Input and Output nodes (full names), for edges that name the graph. */
  graphs: Map<string, { inputs: string[]; outputs: string[] }>;
}

/** Pass-through type given to the Input/Output nodes of nested graphs while they are inlined. */
const PASS = '\u0000pass';

/**
 * Reads one graph level into `flat`, inlining nested NIRGraph nodes under "<graph>.<node>" names
 * (the way NIR edges address nodes inside a subgraph).
 */
function readGraph(
  group: Extract<H5Value, { kind: 'group' }>,
  prefix: string,
  flat: FlatGraph,
  fail: (what: string) => never,
): { inputs: string[]; outputs: string[] } {
  const nodesGroup = group.entries.get('nodes');
  if (nodesGroup?.kind !== 'group') {
    return fail(prefix ? `graph "${prefix.slice(0, -1)}" has no nodes` : 'no /node/nodes group');
  }
  const io = { inputs: [] as string[], outputs: [] as string[] };
  for (const [name, g] of nodesGroup.entries) {
    if (g.kind !== 'group') continue;
    const full = `${prefix}${name}`;
    const t = g.entries.get('type');
    if (t?.kind !== 'string') return fail(`node "${full}" has no type`);
    const type = t.data[0];
    if (type === 'NIRGraph') {
      flat.graphs.set(full, readGraph(g, `${full}.`, flat, fail));
      continue;
    }
    if (type === 'Input') io.inputs.push(full);
    if (type === 'Output') io.outputs.push(full);
    const params = new Map(g.entries);
    params.delete('type');
    const nested = prefix !== '' && (type === 'Input' || type === 'Output');
    flat.nodes.set(full, { name: full, type: nested ? PASS : type, params });
  }
  const resolve = (name: string, role: 'inputs' | 'outputs'): string => {
    const graph = flat.graphs.get(name);
    if (!graph) return name;
    if (graph[role].length !== 1) {
      const kind = role === 'inputs' ? 'Input' : 'Output';
      return fail(`an edge names graph "${name}", which has ${graph[role].length} ${kind} nodes`);
    }
    return graph[role][0];
  };
  const e = group.entries.get('edges');
  if (e?.kind === 'string') {
    for (let i = 0; i + 1 < e.data.length; i += 2) {
      flat.edges.push([
        resolve(`${prefix}${e.data[i]}`, 'outputs'),
        resolve(`${prefix}${e.data[i + 1]}`, 'inputs'),
      ]);
    }
  } else if (e?.kind === 'number' && e.data.length > 0) {
    return fail('edges must hold node names');
  }
  return io;
}

function nodesOf(tree: H5Value, file: string): { nodes: Map<string, NirNode>; edges: [string, string][] } {
  const fail = (what: string): never => {
    throw new SpikeforgeError('NIR_FORMAT', `${file}: not a NIR graph (${what})`, {
      hint: 'NIR files have /node/nodes and /node/edges (written by nir.write)',
    });
  };
  if (tree.kind !== 'group') return fail('no root group');
  const root = tree.entries.get('node');
  if (root?.kind !== 'group') return fail('no /node group');
  const flat: FlatGraph = { nodes: new Map(), edges: [], graphs: new Map() };
  readGraph(root, '', flat, fail);
  // The Input/Output nodes of inlined graphs pass values through: connect around them.
  let edges = flat.edges;
  for (const node of [...flat.nodes.values()].filter((n) => n.type === PASS)) {
    const into = edges.filter(([, to]) => to === node.name).map(([from]) => from);
    const outOf = edges.filter(([from]) => from === node.name).map(([, to]) => to);
    edges = edges.filter(([from, to]) => from !== node.name && to !== node.name);
    for (const from of into) for (const to of outOf) edges.push([from, to]);
    flat.nodes.delete(node.name);
  }
  return { nodes: flat.nodes, edges };
}

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
        `thresholds differ within the layer (${th.min} .. ${th.max}); ${dynapcnn9.id} has one threshold per layer`,
        'retrain with one threshold per layer, or pass --collapse-thresholds to use their mean',
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
            `leaky neurons have no equivalent on ${CHIP}`,
            'train with integrate-and-fire neurons (IF / sinabs IAF) to deploy on this chip',
          );
        }
        const leak = r.constant('v_leak', 0);
        if (leak.min !== 0 || leak.max !== 0) {
          throw unsupported(r.file, r.node, `v_leak != 0 has no equivalent on ${CHIP}`);
        }
      }
      const weighted = inputs.length === 1 ? layersByName.get(inputs[0]) : undefined;
      foldResistance(r, weighted, notes);
      return convertIf(r, name, inputs, options, notes);
    }
    case 'LI':
    case 'CubaLI':
    case 'I':
      throw unsupported(r.file, r.node, `non-spiking neurons have no equivalent on ${CHIP}`);
    case 'CubaLIF':
      throw unsupported(
        r.file,
        r.node,
        `current-based leaky neurons (synaptic and membrane leak) have no equivalent on ${CHIP}`,
        'train with integrate-and-fire neurons (IF / sinabs IAF) to deploy on this chip',
      );
    case 'Delay':
      throw unsupported(r.file, r.node, `synaptic delays have no equivalent on ${CHIP}`);
    default:
      throw unsupported(
        r.file,
        r.node,
        `node type "${type}" is not supported`,
        'supported: Input, Output, Conv2d, Affine, Linear, SumPool2d, AvgPool2d, Flatten, IF',
      );
  }
}

/** Finds one cycle in the graph restricted to `names`, for the recurrence error. */
function findCycle(names: Set<string>, preds: Map<string, string[]>): string[] {
  const state = new Map<string, number>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const p of preds.get(n) ?? []) {
      if (!names.has(p)) continue;
      if (state.get(p) === 1) return [...stack.slice(stack.indexOf(p)), p].reverse();
      if (!state.has(p)) {
        const c = visit(p);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of [...names].sort(compareNodeNames)) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return [...names];
}

/**
 * The predecessors of every node and a topological order of the nodes between Input and Output
 * (Kahn's algorithm, ties broken by name so the order does not depend on the order in the file).
 */
function topologicalOrder(
  nodes: Map<string, NirNode>,
  edges: [string, string][],
  input: string,
  outputs: Set<string>,
  file: string,
): { preds: Map<string, string[]>; order: string[] } {
  const preds = new Map<string, string[]>();
  for (const [from, to] of edges) {
    for (const end of [from, to]) {
      if (!nodes.has(end)) {
        throw new SpikeforgeError(
          'NIR_FORMAT',
          `${file}: edge ${from} -> ${to} names an unknown node "${end}"`,
        );
      }
    }
    if (outputs.has(from)) {
      throw new SpikeforgeError('NIR_FORMAT', `${file}: edge ${from} -> ${to} leaves an Output node`);
    }
    if (to === input) {
      throw new SpikeforgeError(
        'NIR_UNSUPPORTED',
        `${file}: edge ${from} -> ${to} feeds back into the Input node (recurrence)`,
      );
    }
    if (outputs.has(to)) continue;
    const list = preds.get(to) ?? [];
    list.push(from);
    preds.set(to, list);
  }

  const pending = new Set([...nodes.keys()].filter((n) => n !== input && !outputs.has(n)));
  const placed = new Set([input]);
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending]
      .filter((n) => (preds.get(n) ?? []).every((p) => placed.has(p)))
      .sort(compareNodeNames);
    if (ready.length === 0) {
      // Every pending node waits on another pending node: there is a cycle.
      const cycle = findCycle(pending, preds);
      throw unsupported(
        file,
        nodes.get(cycle[0])!,
        `recurrent connection (${cycle.join(' -> ')}); ${dynapcnn9.id} runs feed-forward graphs only`,
      );
    }
    const next = ready[0];
    if ((preds.get(next) ?? []).length === 0) {
      throw unsupported(file, nodes.get(next)!, 'has no incoming edge (not connected to the Input node)');
    }
    pending.delete(next);
    placed.add(next);
    order.push(next);
  }

  return { preds, order };
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

// ---------------------------------------------------------------------------------------------- export

const f32 = (t: Tensor): H5Write => ({ kind: 'float32', shape: [...t.shape], data: t.data });
const i64 = (values: number[]): H5Write => ({ kind: 'int64', shape: [values.length], data: values });
const i64Scalar = (v: number): H5Write => ({ kind: 'int64', shape: [], data: [v] });
const str = (value: string): H5Write => ({ kind: 'string', value });
const filled = (shape: number[], value: number): H5Write => ({
  kind: 'float32',
  shape,
  data: new Float32Array(sizeOf(shape)).fill(value),
});

/** NIR writes flat vectors as [n], maps as [C, H, W]. */
const nirShape = (s: Shape3, flat: boolean): number[] => (flat ? [s[0]] : [...s]);

function exportNode(layer: Layer, input: Shape3, output: Shape3, flat: boolean): [string, H5Write][] {
  switch (layer.type) {
    case 'conv2d': {
      const f = layer.weight.shape[0];
      return [
        ['type', str('Conv2d')],
        ['weight', f32(layer.weight)],
        ['bias', layer.bias ? f32(layer.bias) : filled([f], 0)],
        ['stride', i64(layer.stride)],
        ['padding', i64(layer.padding)],
        ['dilation', i64([1, 1])],
        ['groups', i64Scalar(1)],
        ['input_shape', i64([input[1], input[2]])],
      ];
    }
    case 'linear':
      return layer.bias
        ? [
            ['type', str('Affine')],
            ['weight', f32(layer.weight)],
            ['bias', f32(layer.bias)],
          ]
        : [
            ['type', str('Linear')],
            ['weight', f32(layer.weight)],
          ];
    case 'sumpool2d':
    case 'avgpool2d':
      return [
        ['type', str(layer.type === 'sumpool2d' ? 'SumPool2d' : 'AvgPool2d')],
        ['kernel_size', i64(layer.kernel)],
        ['stride', i64(layer.stride)],
        ['padding', i64(layer.padding)],
      ];
    case 'flatten':
      return [
        ['type', str('Flatten')],
        ['input_type', i64([...input])],
        ['start_dim', i64Scalar(0)],
        ['end_dim', i64Scalar(-1)],
      ];
    case 'if': {
      const shape = nirShape(output, flat);
      const meta: [string, H5Write][] = [];
      if (layer.thresholdLow !== -layer.threshold) {
        meta.push([
          'spikeforge_threshold_low',
          { kind: 'float32', shape: [], data: Float32Array.of(layer.thresholdLow) },
        ]);
      }
      if (layer.reset !== 'subtract') meta.push(['spikeforge_reset', str(layer.reset)]);
      const entries: [string, H5Write][] = [
        ['type', str('IF')],
        ['r', filled(shape, 1)],
        ['v_threshold', filled(shape, layer.threshold)],
        ['v_reset', filled(shape, 0)],
      ];
      if (meta.length > 0) entries.push(['metadata', { kind: 'group', entries: meta }]);
      return entries;
    }
  }
}

/**
 * Writes the IR as a NIR 1.0 file in the layout of Python's `nir.write` (`/version`, `/node/type`,
 * `/node/edges`, `/node/nodes/<name>/...`), with an Input node and one Output node per sink layer.
 */
export async function writeNir(network: Network, path: string): Promise<void> {
  const shapes = inferShapes(network);
  const flatSet = flatOutputs(network);
  const flat = new Map<string, boolean>(network.layers.map((l) => [l.name, flatSet.has(l.name)]));
  const nodes: [string, H5Write][] = [];
  const edges: string[] = [];
  nodes.push([
    network.input.name,
    {
      kind: 'group',
      entries: [
        ['type', str('Input')],
        ['shape', i64([...network.input.shape])],
      ],
    },
  ]);
  const consumed = new Set<string>();
  for (const layer of network.layers) {
    for (const from of layer.inputs) {
      edges.push(from, layer.name);
      consumed.add(from);
    }
    const entries = exportNode(
      layer,
      shapes.get(layer.inputs[0])!,
      shapes.get(layer.name)!,
      flat.get(layer.name)!,
    );
    nodes.push([layer.name, { kind: 'group', entries }]);
  }
  const sinks = network.layers.filter((l) => !consumed.has(l.name));
  const taken = new Set([network.input.name, ...network.layers.map((l) => l.name)]);
  sinks.forEach((sink, k) => {
    let name = k === 0 ? 'output' : `output_${sink.name}`;
    while (taken.has(name)) name = `_${name}`;
    taken.add(name);
    edges.push(sink.name, name);
    nodes.push([
      name,
      {
        kind: 'group',
        entries: [
          ['type', str('Output')],
          ['shape', i64(nirShape(shapes.get(sink.name)!, flat.get(sink.name)!))],
        ],
      },
    ]);
  });
  await writeHdf5Tree(path, [
    ['version', str(NIR_WRITE_VERSION)],
    [
      'node',
      {
        kind: 'group',
        entries: [
          ['type', str('NIRGraph')],
          ['edges', { kind: 'strings', shape: [edges.length / 2, 2], data: edges }],
          ['nodes', { kind: 'group', entries: nodes }],
        ],
      },
    ],
  ]);
}

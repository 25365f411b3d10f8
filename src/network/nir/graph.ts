/**
 * Reading the graph of a NIR file: nodes with typed access to their datasets (every failure names the
 * file and the node), nested graphs inlined under "<graph>.<node>" names, and the feed-forward order.
 */
import { SpikeforgeError } from '../../errors.ts';
import { FINITE_HINT, nonFiniteAt } from '../finite.ts';
import type { H5Value } from '../hdf5.ts';
import type { Tensor } from '../schema.ts';
import { fmtShape } from '../shapes.ts';

export interface NirNode {
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
export function nodeReader(file: string, node: NirNode) {
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
    // NaN is never a parameter; an infinite time constant is (no leak), any other infinity is not.
    const bad = nonFiniteAt(v.data, v.shape, { allowInfinite: key.startsWith('tau') });
    if (bad !== undefined) fail(`"${key}"${bad}`, FINITE_HINT);
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

export type NodeReader = ReturnType<typeof nodeReader>;

export const unsupported = (file: string, node: NirNode, reason: string, hint?: string): SpikeforgeError =>
  new SpikeforgeError('NIR_UNSUPPORTED', `${file}: node "${node.name}" (${node.type}): ${reason}`, { hint });

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

export function nodesOf(
  tree: H5Value,
  file: string,
): { nodes: Map<string, NirNode>; edges: [string, string][] } {
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
export function topologicalOrder(
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
        `recurrent connection (${cycle.join(' -> ')}); spikeforge maps feed-forward graphs only`,
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

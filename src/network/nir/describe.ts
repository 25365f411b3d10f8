/**
 * A NIR graph as it is, node by node, for `inspect`: also the graphs the network IR cannot hold (leaky
 * neurons from Norse or Rockpool), which can be shown although they cannot be deployed.
 */
import { formatTable } from '../../util/table.ts';
import { type H5Value, readHdf5Tree } from '../hdf5.ts';
import { compareNodeNames, type NirNode, nodesOf } from './graph.ts';

export interface NirNodeSummary {
  name: string;
  type: string;
  inputs: string[];
  /** Its datasets: `key shape` for tensors, `key value` for a single value or a constant one. */
  params: string[];
}

export interface NirGraphSummary {
  nodes: NirNodeSummary[];
  /** Node types by count, e.g. { LIF: 2, Conv2d: 2 }. */
  types: Record<string, number>;
}

/** The shortest text that reads back as the same float32 (datasets are read as float64). */
function num(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  for (let p = 1; p < 17; p++) {
    const t = Number(x.toPrecision(p));
    if (Math.fround(t) === Math.fround(x)) return String(t);
  }
  return String(x);
}

function paramText(key: string, v: H5Value): string | undefined {
  if (v.kind === 'group') return undefined;
  if (v.kind === 'string') return `${key} ${v.data.join(',')}`;
  const d = v.data;
  if (d.length === 0) return `${key} (empty)`;
  const constant = d.every((x) => x === d[0]);
  const shape = v.shape.length === 0 ? '' : ` ${v.shape.join('x')}`;
  if (d.length === 1) return `${key} ${num(d[0])}`;
  if (key === 'shape' || key === 'input_type' || d.length <= 3)
    return `${key} [${Array.from(d, num).join(', ')}]`;
  return constant ? `${key}${shape} all ${num(d[0])}` : `${key}${shape}`;
}

function summarizeNode(node: NirNode, inputs: string[]): NirNodeSummary {
  const params: string[] = [];
  for (const [key, v] of [...node.params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const t = paramText(key, v);
    if (t !== undefined) params.push(t);
  }
  return { name: node.name, type: node.type, inputs, params };
}

/** The nodes of a NIR file in a feed-forward order where there is one (else by name), with their inputs. */
export async function describeNir(bytes: Uint8Array, file: string): Promise<NirGraphSummary> {
  const { nodes, edges } = nodesOf(await readHdf5Tree(bytes, file), file);
  const preds = new Map<string, string[]>();
  for (const [from, to] of edges) preds.set(to, [...(preds.get(to) ?? []), from]);
  // Kahn's order, ties by name; whatever is left (a cycle) follows by name.
  const order: string[] = [];
  const placed = new Set<string>();
  const pending = new Set(nodes.keys());
  for (;;) {
    const ready = [...pending]
      .filter((n) => (preds.get(n) ?? []).every((p) => placed.has(p) || !nodes.has(p)))
      .sort(compareNodeNames);
    if (ready.length === 0) break;
    pending.delete(ready[0]);
    placed.add(ready[0]);
    order.push(ready[0]);
  }
  order.push(...[...pending].sort(compareNodeNames));
  const summaries = order.map((n) =>
    summarizeNode(nodes.get(n)!, [...(preds.get(n) ?? [])].sort(compareNodeNames)),
  );
  const types: Record<string, number> = {};
  for (const s of summaries) types[s.type] = (types[s.type] ?? 0) + 1;
  return { nodes: summaries, types };
}

/** The summary as the text `inspect` prints. */
export function formatNirSummary(s: NirGraphSummary): string {
  const rows = [['#', 'name', 'type', 'inputs', 'parameters']];
  s.nodes.forEach((n, i) => {
    rows.push([String(i), n.name, n.type, n.inputs.join(',') || '-', n.params.join(', ')]);
  });
  const lines = formatTable(rows);
  const types = Object.entries(s.types)
    .map(([t, n]) => `${n} ${t}`)
    .join(', ');
  return `${lines.join('\n')}\n\n${s.nodes.length} nodes (${types})\n`;
}

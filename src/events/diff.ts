/**
 * Compares two spike recordings (emulator vs board, float vs quantized) as multisets of
 * (step, layer, c, y, x): row order does not matter, repeated rows are repeated spikes. Layers are
 * matched by name.
 */
import type { NeuronRef, Spikes } from './types.ts';

export interface LayerDiff {
  layer: string;
  a: number;
  b: number;
  /** b - a. */
  difference: number;
  /** Spikes not matched by the other side: sum over (step, neuron) of |a - b|. */
  mismatched: number;
  /** First step where this layer differs, or null. */
  firstStep: number | null;
}

/** A neuron's spike count in a and in b. */
interface NeuronCounts extends NeuronRef {
  a: number;
  b: number;
}

export interface NeuronDiff extends NeuronCounts {
  /** b - a over the whole recording. */
  difference: number;
  /** Sum over steps of |a - b|: counts timing differences that cancel in `difference`. */
  mismatched: number;
}

/** The first neuron and step where a and b differ; `a` and `b` count its spikes at that step. */
export interface Divergence extends NeuronCounts {
  step: number;
}

export interface SpikeDiff {
  identical: boolean;
  totalA: number;
  totalB: number;
  /** Spikes present in both (multiset intersection). */
  matched: number;
  onlyInA: number;
  onlyInB: number;
  /** Steps in which at least one spike differs. */
  differingSteps: number;
  firstDivergence: Divergence | null;
  /** Every layer of either side, a's layers first in a's order. */
  layers: LayerDiff[];
  /** The neurons that differ most (by `mismatched`, then |difference|), at most `top`. */
  neurons: NeuronDiff[];
}

/** Indices of the spikes sorted by (step, layer, c, y, x); `layer` already mapped to the joint table. */
function sortedOrder(
  t: Int32Array,
  layer: Int32Array,
  c: Int32Array,
  y: Int32Array,
  x: Int32Array,
): Uint32Array {
  const order = new Uint32Array(t.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((i, j) => t[i] - t[j] || layer[i] - layer[j] || c[i] - c[j] || y[i] - y[j] || x[i] - x[j]);
  return order;
}

export function diffSpikes(a: Spikes, b: Spikes, options: { top?: number } = {}): SpikeDiff {
  const top = options.top ?? 10;
  const names = [...a.layers];
  for (const n of b.layers) if (!names.includes(n)) names.push(n);
  const joint = (s: Spikes): Int32Array => {
    const remap = s.layers.map((n) => names.indexOf(n));
    const out = new Int32Array(s.count);
    for (let i = 0; i < s.count; i++) out[i] = remap[s.layer[i]];
    return out;
  };
  const la = joint(a);
  const lb = joint(b);
  const view = (s: Spikes) =>
    [
      s.t.subarray(0, s.count),
      s.c.subarray(0, s.count),
      s.y.subarray(0, s.count),
      s.x.subarray(0, s.count),
    ] as const;
  const [ta, ca, ya, xa] = view(a);
  const [tb, cb, yb, xb] = view(b);
  const oa = sortedOrder(ta, la, ca, ya, xa);
  const ob = sortedOrder(tb, lb, cb, yb, xb);

  const layers: LayerDiff[] = names.map((layer) => ({
    layer,
    a: 0,
    b: 0,
    difference: 0,
    mismatched: 0,
    firstStep: null,
  }));
  const neurons = new Map<string, NeuronDiff>();
  let matched = 0;
  let differingSteps = 0;
  let lastDifferingStep = -1;
  let first: Divergence | null = null;

  // cmp < 0: a's key comes first.
  const cmp = (i: number, j: number): number =>
    ta[i] - tb[j] || la[i] - lb[j] || ca[i] - cb[j] || ya[i] - yb[j] || xa[i] - xb[j];
  let p = 0;
  let q = 0;
  while (p < oa.length || q < ob.length) {
    let order: number;
    if (p >= oa.length) order = 1;
    else if (q >= ob.length) order = -1;
    else order = cmp(oa[p], ob[q]);
    // The key of this run, and how often it occurs on each side.
    const src = order <= 0 ? oa[p] : ob[q];
    const [t, l, c, y, x] =
      order <= 0
        ? [ta[src], la[src], ca[src], ya[src], xa[src]]
        : [tb[src], lb[src], cb[src], yb[src], xb[src]];
    let na = 0;
    let nb = 0;
    if (order <= 0) {
      const i0 = oa[p];
      while (p < oa.length && sameA(oa[p], i0)) {
        na++;
        p++;
      }
    }
    if (order >= 0) {
      const j0 = ob[q];
      while (q < ob.length && sameB(ob[q], j0)) {
        nb++;
        q++;
      }
    }
    matched += Math.min(na, nb);
    const layer = layers[l];
    layer.a += na;
    layer.b += nb;
    const key = `${l}:${c}:${y}:${x}`;
    let neuron = neurons.get(key);
    if (neuron === undefined) {
      neuron = { layer: names[l], c, y, x, a: 0, b: 0, difference: 0, mismatched: 0 };
      neurons.set(key, neuron);
    }
    neuron.a += na;
    neuron.b += nb;
    if (na !== nb) {
      const miss = Math.abs(na - nb);
      layer.mismatched += miss;
      neuron.mismatched += miss;
      if (layer.firstStep === null) layer.firstStep = t;
      if (t !== lastDifferingStep) {
        differingSteps++;
        lastDifferingStep = t;
      }
      if (first === null) first = { step: t, layer: names[l], c, y, x, a: na, b: nb };
    }
  }
  for (const l of layers) l.difference = l.b - l.a;
  const differing = [...neurons.values()].filter((n) => n.mismatched > 0);
  for (const n of differing) n.difference = n.b - n.a;
  differing.sort(
    (m, n) =>
      n.mismatched - m.mismatched ||
      Math.abs(n.difference) - Math.abs(m.difference) ||
      names.indexOf(m.layer) - names.indexOf(n.layer) ||
      m.c - n.c ||
      m.y - n.y ||
      m.x - n.x,
  );
  return {
    identical: first === null,
    totalA: a.count,
    totalB: b.count,
    matched,
    onlyInA: a.count - matched,
    onlyInB: b.count - matched,
    differingSteps,
    firstDivergence: first,
    layers,
    neurons: differing.slice(0, top),
  };

  function sameA(i: number, j: number): boolean {
    return ta[i] === ta[j] && la[i] === la[j] && ca[i] === ca[j] && ya[i] === ya[j] && xa[i] === xa[j];
  }
  function sameB(i: number, j: number): boolean {
    return tb[i] === tb[j] && lb[i] === lb[j] && cb[i] === cb[j] && yb[i] === yb[j] && xb[i] === xb[j];
  }
}

function table(rows: string[][], align: ('l' | 'r')[]): string[] {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  return rows.map((r) =>
    r
      .map((cell, k) => (align[k] === 'l' ? cell.padEnd(widths[k]) : cell.padStart(widths[k])))
      .join('  ')
      .trimEnd(),
  );
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

/** The human report: identical in one line, otherwise where it starts, per layer, and the worst neurons. */
export function formatSpikeDiff(d: SpikeDiff, names: { a: string; b: string } = { a: 'a', b: 'b' }): string {
  if (d.identical) {
    return `identical: ${d.totalA} spikes in ${d.layers.length} layer${d.layers.length === 1 ? '' : 's'}, same steps and neurons`;
  }
  const f = d.firstDivergence!;
  const lines = [
    `a: ${names.a} (${d.totalA} spikes)`,
    `b: ${names.b} (${d.totalB} spikes)`,
    `different: ${d.matched} spikes match, ${d.onlyInA} only in a, ${d.onlyInB} only in b (${d.differingSteps} steps differ)`,
    `first divergence: step ${f.step}, layer ${f.layer}, neuron c=${f.c} y=${f.y} x=${f.x} (a: ${f.a}, b: ${f.b} spikes)`,
    '',
    ...table(
      [
        ['layer', 'a', 'b', 'b - a', 'mismatched', 'first step'],
        ...d.layers.map((l) => [
          l.layer,
          String(l.a),
          String(l.b),
          signed(l.difference),
          String(l.mismatched),
          l.firstStep === null ? '-' : String(l.firstStep),
        ]),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
  ];
  if (d.neurons.length > 0) {
    lines.push('', `neurons that differ most (${d.neurons.length} shown):`);
    lines.push(
      ...table(
        [
          ['layer', 'c', 'y', 'x', 'a', 'b', 'b - a', 'mismatched'],
          ...d.neurons.map((n) => [
            n.layer,
            String(n.c),
            String(n.y),
            String(n.x),
            String(n.a),
            String(n.b),
            signed(n.difference),
            String(n.mismatched),
          ]),
        ],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ).map((l) => `  ${l}`),
    );
  }
  return lines.join('\n');
}

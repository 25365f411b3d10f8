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

/** Neurons that differ most first (by `mismatched`, then |difference|), ties in layer and c, y, x order. */
function mostMismatchedFirst(names: string[]): (m: NeuronDiff, n: NeuronDiff) => number {
  return (m, n) =>
    n.mismatched - m.mismatched ||
    Math.abs(n.difference) - Math.abs(m.difference) ||
    names.indexOf(m.layer) - names.indexOf(n.layer) ||
    m.c - n.c ||
    m.y - n.y ||
    m.x - n.x;
}

/** Both sides' layers in one table (a's first, in a's order) and each spike's index into it. */
function jointLayers(a: Spikes, b: Spikes): { names: string[]; la: Int32Array; lb: Int32Array } {
  const names = [...a.layers];
  for (const n of b.layers) if (!names.includes(n)) names.push(n);
  const joint = (s: Spikes): Int32Array => {
    const remap = s.layers.map((n) => names.indexOf(n));
    const out = new Int32Array(s.count);
    for (let i = 0; i < s.count; i++) out[i] = remap[s.layer[i]];
    return out;
  };
  return { names, la: joint(a), lb: joint(b) };
}

export function diffSpikes(a: Spikes, b: Spikes, options: { top?: number } = {}): SpikeDiff {
  const top = options.top ?? 10;
  const { names, la, lb } = jointLayers(a, b);
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
  differing.sort(mostMismatchedFirst(names));
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

/**
 * Pearson correlation of per-neuron spike counts in a and b over `n` neurons (those in neither map
 * count as 0 on both sides); null when a side is constant.
 */
export function pearsonOfCounts<K>(ca: Map<K, number>, cb: Map<K, number>, n: number): number | null {
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (const [k, x] of ca) {
    sa += x;
    saa += x * x;
    sab += x * (cb.get(k) ?? 0);
  }
  for (const y of cb.values()) {
    sb += y;
    sbb += y * y;
  }
  const va = n * saa - sa * sa;
  const vb = n * sbb - sb * sb;
  if (va <= 0 || vb <= 0) return null;
  return (n * sab - sa * sb) / Math.sqrt(va * vb);
}

// --- within a window of steps (hardware mode) ---------------------------------------------------

export interface WindowLayerDiff {
  layer: string;
  a: number;
  b: number;
  /** Spikes paired with a spike of the same neuron on the other side at most `window` steps away. */
  matched: number;
  onlyInA: number;
  onlyInB: number;
  /** Pearson correlation of per-neuron counts over the neurons that spike on either side; null if a side is constant. */
  countCorrelation: number | null;
  /** First step with a spike that has no partner within the window, or null. */
  firstStep: number | null;
}

/** The earliest spike with no partner within the window: which side it is on. */
export interface WindowDivergence extends NeuronRef {
  step: number;
  side: 'a' | 'b';
}

export interface WindowDiff {
  window: number;
  /** Every spike has a partner of the same neuron within +-window steps. */
  matchedAll: boolean;
  totalA: number;
  totalB: number;
  matched: number;
  /** Of the matched, those at the very same step. */
  sameStep: number;
  onlyInA: number;
  onlyInB: number;
  countCorrelation: number | null;
  firstDivergence: WindowDivergence | null;
  layers: WindowLayerDiff[];
  /** The neurons with the most unmatched spikes (`mismatched`), at most `top`. */
  neurons: NeuronDiff[];
}

interface Train {
  l: number;
  c: number;
  y: number;
  x: number;
  a: number[];
  b: number[];
}

/**
 * Matches spikes of the same neuron within +-window steps (a real chip is not time-stepped, and drops
 * or jitters events): per neuron, the steps of both sides in order, each paired with the earliest
 * partner still in reach (a maximum matching on a line). Reports per layer matched / only-in-a /
 * only-in-b and the count correlation, and the first spike left without a partner.
 */
export function diffSpikesWithin(
  a: Spikes,
  b: Spikes,
  window: number,
  options: { top?: number } = {},
): WindowDiff {
  const { names, la, lb } = jointLayers(a, b);
  const trains = new Map<string, Train>();
  const add = (s: Spikes, layer: Int32Array, side: 'a' | 'b') => {
    for (let i = 0; i < s.count; i++) {
      const key = `${layer[i]}:${s.c[i]}:${s.y[i]}:${s.x[i]}`;
      let t = trains.get(key);
      if (!t) {
        t = { l: layer[i], c: s.c[i], y: s.y[i], x: s.x[i], a: [], b: [] };
        trains.set(key, t);
      }
      t[side].push(s.t[i]);
    }
  };
  add(a, la, 'a');
  add(b, lb, 'b');
  const layers: WindowLayerDiff[] = names.map((layer) => ({
    layer,
    a: 0,
    b: 0,
    matched: 0,
    onlyInA: 0,
    onlyInB: 0,
    countCorrelation: null,
    firstStep: null,
  }));
  const counts = names.map(() => ({ a: new Map<string, number>(), b: new Map<string, number>() }));
  const all = { a: new Map<string, number>(), b: new Map<string, number>() };
  const neurons: NeuronDiff[] = [];
  let matched = 0;
  let sameStep = 0;
  let first: WindowDivergence | null = null;
  const earlier = (step: number, t: Train) =>
    first === null ||
    step < first.step ||
    (step === first.step &&
      (t.l - names.indexOf(first.layer) || t.c - first.c || t.y - first.y || t.x - first.x) < 0);
  for (const [key, t] of trains) {
    t.a.sort((p, q) => p - q);
    t.b.sort((p, q) => p - q);
    const layer = layers[t.l];
    let i = 0;
    let j = 0;
    let paired = 0;
    const lone = (step: number, side: 'a' | 'b') => {
      if (layer.firstStep === null || step < layer.firstStep) layer.firstStep = step;
      if (earlier(step, t)) first = { step, side, layer: names[t.l], c: t.c, y: t.y, x: t.x };
    };
    while (i < t.a.length || j < t.b.length) {
      if (j >= t.b.length || (i < t.a.length && t.a[i] < t.b[j] - window)) lone(t.a[i++], 'a');
      else if (i >= t.a.length || t.b[j] < t.a[i] - window) lone(t.b[j++], 'b');
      else {
        i++;
        j++;
        paired++;
      }
    }
    // the same-step pairs: the multiset intersection of the two trains
    for (let p = 0, q = 0; p < t.a.length && q < t.b.length; ) {
      if (t.a[p] === t.b[q]) {
        sameStep++;
        p++;
        q++;
      } else if (t.a[p] < t.b[q]) p++;
      else q++;
    }
    matched += paired;
    layer.a += t.a.length;
    layer.b += t.b.length;
    layer.matched += paired;
    layer.onlyInA += t.a.length - paired;
    layer.onlyInB += t.b.length - paired;
    for (const [side, m] of [
      ['a', counts[t.l].a],
      ['b', counts[t.l].b],
    ] as const) {
      if (t[side].length > 0) {
        m.set(key, t[side].length);
        all[side].set(key, t[side].length);
      }
    }
    const unmatched = t.a.length + t.b.length - 2 * paired;
    if (unmatched > 0) {
      neurons.push({
        layer: names[t.l],
        c: t.c,
        y: t.y,
        x: t.x,
        a: t.a.length,
        b: t.b.length,
        difference: t.b.length - t.a.length,
        mismatched: unmatched,
      });
    }
  }
  layers.forEach((l, k) => {
    const n = new Set([...counts[k].a.keys(), ...counts[k].b.keys()]).size;
    l.countCorrelation = pearsonOfCounts(counts[k].a, counts[k].b, n);
  });
  neurons.sort(mostMismatchedFirst(names));
  return {
    window,
    matchedAll: matched === a.count && matched === b.count,
    totalA: a.count,
    totalB: b.count,
    matched,
    sameStep,
    onlyInA: a.count - matched,
    onlyInB: b.count - matched,
    countCorrelation: pearsonOfCounts(all.a, all.b, trains.size),
    firstDivergence: first,
    layers,
    neurons: neurons.slice(0, options.top ?? 10),
  };
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

const corr = (r: number | null): string => (r === null ? '-' : r.toFixed(3));

/** The report of a windowed comparison: totals, the first spike left without a partner, per layer, worst neurons. */
export function formatWindowDiff(
  d: WindowDiff,
  names: { a: string; b: string } = { a: 'a', b: 'b' },
): string {
  const within = `within +-${d.window} step${d.window === 1 ? '' : 's'}`;
  const lines = [
    `a: ${names.a} (${d.totalA} spikes)`,
    `b: ${names.b} (${d.totalB} spikes)`,
    d.matchedAll
      ? `${within}: all ${d.matched} spikes match (${d.sameStep} at the same step), count correlation ${corr(d.countCorrelation)}`
      : `${within}: ${d.matched} spikes match (${d.sameStep} at the same step), ${d.onlyInA} only in a, ${d.onlyInB} only in b, count correlation ${corr(d.countCorrelation)}`,
  ];
  const f = d.firstDivergence;
  if (f) {
    lines.push(
      `first divergence beyond the window: step ${f.step}, layer ${f.layer}, neuron c=${f.c} y=${f.y} x=${f.x} (a spike only in ${f.side})`,
    );
  }
  lines.push(
    '',
    ...table(
      [
        ['layer', 'a', 'b', 'matched', 'only in a', 'only in b', 'count corr.', 'first step'],
        ...d.layers.map((l) => [
          l.layer,
          String(l.a),
          String(l.b),
          String(l.matched),
          String(l.onlyInA),
          String(l.onlyInB),
          corr(l.countCorrelation),
          l.firstStep === null ? '-' : String(l.firstStep),
        ]),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  if (d.neurons.length > 0) {
    lines.push('', `neurons with the most spikes left unmatched (${d.neurons.length} shown):`);
    lines.push(
      ...table(
        [
          ['layer', 'c', 'y', 'x', 'a', 'b', 'unmatched'],
          ...d.neurons.map((n) => [
            n.layer,
            String(n.c),
            String(n.y),
            String(n.x),
            String(n.a),
            String(n.b),
            String(n.mismatched),
          ]),
        ],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ).map((l) => `  ${l}`),
    );
  }
  return lines.join('\n');
}

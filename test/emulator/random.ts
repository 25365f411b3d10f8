/** Random small chip configurations and inputs for the property tests (deterministic from a seed). */

import type { InputEvents } from '../../src/events/types.ts';
import { makeInputEvents } from '../../src/events/types.ts';
import type { ChipConfig, CoreConfig, Destination } from '../../src/image/config.ts';

export type Topology = 'chain' | 'fanout' | 'merge' | 'inputFanout';

export interface CaseOptions {
  topology?: Topology;
  /** Force these poolings on every core-to-core destination. */
  pooling?: number;
  reset?: 'subtract' | 'zero';
  /** Large weights, thresholds and event counts, so the membrane hits the int16 bounds. */
  saturate?: boolean;
  /** Features per core at most (default 4); more reach the engines' vector loops (8 lanes and tails). */
  maxFeatures?: number;
}

export interface RandomCase {
  config: ChipConfig;
  events: InputEvents;
  steps: number;
}

/** mulberry32: a tiny seeded PRNG. */
export function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (n: number) => Math.floor(next() * n);
}

type Geometry = { k: number; s: number; p: number; F: number };

function outSize(n: number, g: Geometry): number {
  return Math.floor((n + 2 * g.p - g.k) / g.s) + 1;
}

export function randomCase(seed: number, o: CaseOptions = {}): RandomCase {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[r(xs.length)];
  const topology = o.topology ?? pick<Topology>(['chain', 'fanout', 'merge', 'inputFanout']);
  const sat = o.saturate ?? r(4) === 0;
  const C0 = 1 + r(2);
  const H0 = 6 + r(9);
  const W0 = 6 + r(9);
  const y0 = r(2);
  const x0 = r(2);
  const crop: [number, number, number, number] = [y0, x0, H0 - r(2), W0 - r(2)];
  const swapXY = r(3) === 0;
  let ch = crop[2] - crop[0];
  let cw = crop[3] - crop[1];
  if (swapXY) [ch, cw] = [cw, ch];
  const inputPool = pick([1, 1, 2]);
  const geometry = (): Geometry => {
    const k = 1 + r(4);
    return { k, s: pick([1, 1, 2, 4]), p: r(Math.min(k, 3)), F: 1 + r(o.maxFeatures ?? 4) };
  };
  let id = 0;
  const cores: CoreConfig[] = [];
  const makeCore = (inShape: [number, number, number], g: Geometry): CoreConfig => {
    const H = outSize(inShape[1], g);
    const W = outSize(inShape[2], g);
    const C = inShape[0];
    const n = g.F * C * g.k * g.k;
    const weights = new Int8Array(n);
    for (let i = 0; i < n; i++)
      weights[i] = sat ? (r(4) === 0 ? -128 + r(68) : 60 + r(68)) : r(4) === 0 ? 0 : r(120) - 50;
    const hasBias = r(3) === 0;
    const biases = hasBias ? Int16Array.from({ length: g.F }, () => (r(2) === 0 ? 0 : r(21) - 8)) : null;
    const thresholdHigh = sat ? 500 + r(6000) : pick([1 + r(20), 20 + r(300), 1000 + r(3000)]);
    const thresholdLow = sat ? -32768 + r(100) : r(6) === 0 ? r(Math.max(1, thresholdHigh)) : -r(400);
    const initialState =
      r(3) === 0
        ? Int16Array.from({ length: g.F * H * W }, () => (r(2) === 0 ? 0 : r(2 * thresholdHigh + 200) - 200))
        : null;
    return {
      coreId: id++,
      layer: `L${id}`,
      inputShape: inShape,
      outputShape: [g.F, Math.max(H, 0), Math.max(W, 0)],
      kernelSize: g.k,
      stride: [g.s, g.s],
      padding: [g.p, g.p],
      weights,
      biases,
      thresholdHigh,
      thresholdLow,
      reset: o.reset ?? pick(['subtract', 'zero']),
      initialState,
      destinations: [],
      monitor: true,
    };
  };
  const validGeometry = (inShape: [number, number, number]): Geometry => {
    for (;;) {
      const g = geometry();
      if (outSize(inShape[1], g) >= 1 && outSize(inShape[2], g) >= 1) return g;
    }
  };
  const pooled = (s: [number, number, number], p: number): [number, number, number] => [
    s[0],
    Math.max(1, Math.floor(s[1] / p)),
    Math.max(1, Math.floor(s[2] / p)),
  ];
  const poolOf = () => o.pooling ?? pick([1, 2, 4]);
  const link = (from: CoreConfig, to: CoreConfig, pooling: number) => {
    from.destinations.push({ coreId: to.coreId, pooling });
  };
  const inShape = pooled([C0, ch, cw], inputPool);
  const inputDest: Destination[] = [];
  const first = makeCore(inShape, validGeometry(inShape));
  cores.push(first);
  inputDest.push({ coreId: first.coreId, pooling: inputPool });
  const next = (from: CoreConfig, pooling = poolOf()): CoreConfig => {
    const s = pooled(from.outputShape, pooling);
    const c = makeCore(s, validGeometry(s));
    cores.push(c);
    link(from, c, pooling);
    return c;
  };
  if (topology === 'chain') {
    next(next(first));
  } else if (topology === 'fanout') {
    next(first);
    next(first);
  } else if (topology === 'inputFanout') {
    const g = validGeometry(inShape);
    const second = makeCore(inShape, g);
    cores.push(second);
    inputDest.push({ coreId: second.coreId, pooling: inputPool });
    next(second);
  } else {
    // Two cores of the same geometry (different weights) summed into a third.
    const g = validGeometry(inShape);
    const a = makeCore(inShape, g);
    const b = makeCore(inShape, g);
    cores.splice(0, 1, a, b);
    inputDest.splice(
      0,
      1,
      { coreId: a.coreId, pooling: inputPool },
      { coreId: b.coreId, pooling: inputPool },
    );
    const pool = poolOf();
    const s = pooled(a.outputShape, pool);
    const m = makeCore(s, validGeometry(s));
    cores.push(m);
    link(a, m, pool);
    link(b, m, pool);
  }
  cores.sort((p, q) => p.coreId - q.coreId);
  const config: ChipConfig = {
    formatVersion: 1,
    chip: 'dynapcnn9',
    sourceHash: '0'.repeat(64),
    input: {
      name: 'input',
      shape: [C0, H0, W0],
      crop,
      flipX: r(2) === 0,
      flipY: r(2) === 0,
      swapXY,
      destinations: inputDest,
    },
    cores,
  };
  const steps = 1 + r(8);
  const perStep = sat ? 400 : 25;
  const events = makeInputEvents(steps * perStep);
  let n = 0;
  for (let t = 0; t < steps; t++) {
    const m = r(perStep);
    // Saturating inputs hammer few addresses, so counts per neuron pile up.
    const hot = { y: r(H0), x: r(W0) };
    for (let i = 0; i < m; i++) {
      events.t[n] = t;
      events.c[n] = r(C0 + (r(10) === 0 ? 1 : 0));
      const onHot = sat && r(4) !== 0;
      events.y[n] = onHot ? hot.y : r(H0 + 1);
      events.x[n] = onHot ? hot.x : r(W0 + 1);
      n++;
    }
  }
  events.count = n;
  return { config, events, steps: steps + r(3) };
}

export { rowsOf as spikeRows } from '../helpers.ts';

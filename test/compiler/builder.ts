/** Hand-built quantized networks for the compiler tests (independent of quantize). */
import type { Shape3 } from '../../src/network/schema.ts';
import type { QuantizedLayer, QuantizedNetwork } from '../../src/quantize/types.ts';

export const HASH = 'ab'.repeat(32);

/** Deterministic int8 values in [-range, range] (a small LCG, so tests are reproducible). */
export function int8s(n: number, seed = 1, range = 100): Int8Array {
  const out = new Int8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s % (2 * range + 1)) - range;
  }
  return out;
}

const stats = {
  scale: 1,
  limitedBy: 'weights' as const,
  maxWeightError: 0,
  zeroedWeightShare: 0,
  zeroWeightShare: 0,
};

export interface ConvSpec {
  name: string;
  from: string;
  inputShape: Shape3;
  out: number;
  k: number | [number, number];
  stride?: number;
  padding?: number;
  pooling?: number | [number, number];
  bias?: boolean;
  sources?: { from: string; pooling: [number, number] }[];
}

const outSize = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

export function conv(spec: ConvSpec, seed = 1): QuantizedLayer {
  const [c, h, w] = spec.inputShape;
  const [kh, kw] = typeof spec.k === 'number' ? [spec.k, spec.k] : spec.k;
  const s = spec.stride ?? 1;
  const p = spec.padding ?? 0;
  const pool = spec.pooling ?? 1;
  const f = spec.out;
  return {
    name: spec.name,
    weightName: spec.name,
    kind: 'conv2d',
    sources: spec.sources ?? [{ from: spec.from, pooling: typeof pool === 'number' ? [pool, pool] : pool }],
    inputShape: [c, h, w],
    outputShape: [f, outSize(h, kh, s, p), outSize(w, kw, s, p)],
    weightShape: [f, c, kh, kw],
    weight: int8s(f * c * kh * kw, seed),
    bias: spec.bias ? Int16Array.from(int8s(f, seed + 7)) : null,
    stride: [s, s],
    padding: [p, p],
    thresholdHigh: 300,
    thresholdLow: -300,
    reset: 'subtract',
    initialState: null,
    stats,
  };
}

export function linear(
  name: string,
  from: string,
  inputShape: Shape3,
  out: number,
  pooling = 1,
  seed = 3,
): QuantizedLayer {
  const [c, h, w] = inputShape;
  return {
    name,
    weightName: name,
    kind: 'linear',
    sources: [{ from, pooling: [pooling, pooling] }],
    inputShape,
    outputShape: [out, 1, 1],
    weightShape: [out, c * h * w],
    weight: int8s(out * c * h * w, seed),
    bias: null,
    stride: [1, 1],
    padding: [0, 0],
    thresholdHigh: 200,
    thresholdLow: -200,
    reset: 'zero',
    initialState: null,
    stats,
  };
}

export function network(inputShape: Shape3, layers: QuantizedLayer[], name = 'test'): QuantizedNetwork {
  return { name, sourceHash: HASH, input: { name: 'input', shape: inputShape }, layers, notes: [] };
}

/** The N-MNIST CSNN of the NIR paper, as sinabs exports it (2x34x34 input), built by hand. */
export function nmnistLike(): QuantizedNetwork {
  const l1 = conv(
    { name: 'conv1', from: 'input', inputShape: [2, 34, 34], out: 12, k: 5, stride: 2, padding: 1 },
    1,
  );
  const l2 = conv(
    {
      name: 'conv2',
      from: 'conv1',
      inputShape: [12, 16, 16],
      out: 32,
      k: 5,
      stride: 2,
      padding: 1,
      pooling: 1,
    },
    2,
  );
  const l3 = conv(
    { name: 'conv3', from: 'conv2', inputShape: [32, 7, 7], out: 64, k: 3, stride: 1, padding: 1 },
    3,
  );
  const l4 = linear('fc1', 'conv3', [64, 3, 3], 10, 2, 4);
  return network([2, 34, 34], [l1, l2, l3, l4], 'nmnist-like');
}

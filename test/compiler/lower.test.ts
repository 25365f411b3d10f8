import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { compile, type LoweredLayer, lowerLayer } from '../../src/compiler/index.ts';
import type { Shape3 } from '../../src/network/schema.ts';
import type { QuantizedLayer } from '../../src/quantize/types.ts';
import { conv, int8s, linear, network } from './builder.ts';

function lowered(q: QuantizedLayer): LoweredLayer {
  const l = lowerLayer(q, dynapcnn9);
  if ('message' in l) throw new Error(l.message);
  return l;
}

/** The chip's convolution, straight from the CoreConfig comment: out[f,oy,ox] += w[f,c,ky,kx] * in[c, oy*sy-py+ky, ox*sx-px+kx]. */
function chipConv(l: LoweredLayer, input: Int32Array): Int32Array {
  const [c, h, w] = l.inputShape;
  const [f, oh, ow] = l.outputShape;
  const k = l.kernelSize;
  const out = new Int32Array(f * oh * ow);
  for (let fi = 0; fi < f; fi++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++) {
        let acc = 0;
        for (let ci = 0; ci < c; ci++)
          for (let ky = 0; ky < k; ky++)
            for (let kx = 0; kx < k; kx++) {
              const y = oy * l.stride[0] - l.padding[0] + ky;
              const x = ox * l.stride[1] - l.padding[1] + kx;
              if (y < 0 || y >= h || x < 0 || x >= w) continue;
              acc += l.weights[((fi * c + ci) * k + ky) * k + kx] * input[(ci * h + y) * w + x];
            }
        out[(fi * oh + oy) * ow + ox] = acc;
      }
  return out;
}

/** The unpadded maths: a linear layer over the C,H,W-flattened input, or a (non-square) conv. */
function reference(q: QuantizedLayer, input: Int32Array): Int32Array {
  const [c, h, w] = q.inputShape;
  const [f, oh, ow] = q.outputShape;
  const out = new Int32Array(f * oh * ow);
  if (q.kind === 'linear') {
    for (let fi = 0; fi < f; fi++) {
      let acc = 0;
      for (let i = 0; i < c * h * w; i++) acc += q.weight[fi * c * h * w + i] * input[i];
      out[fi] = acc;
    }
    return out;
  }
  const [, , kh, kw] = q.weightShape;
  for (let fi = 0; fi < f; fi++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++) {
        let acc = 0;
        for (let ci = 0; ci < c; ci++)
          for (let ky = 0; ky < kh; ky++)
            for (let kx = 0; kx < kw; kx++) {
              const y = oy * q.stride[0] - q.padding[0] + ky;
              const x = ox * q.stride[1] - q.padding[1] + kx;
              if (y < 0 || y >= h || x < 0 || x >= w) continue;
              acc += q.weight[((fi * c + ci) * kh + ky) * kw + kx] * input[(ci * h + y) * w + x];
            }
        out[(fi * oh + oy) * ow + ox] = acc;
      }
  return out;
}

const counts = (n: number, seed: number): Int32Array =>
  Int32Array.from(int8s(n, seed, 3), (v) => Math.abs(v));

describe('lowering', () => {
  it('a non-square linear (4x6 map) becomes a 6x6 kernel with padding y=1, weights in rows 1..4', () => {
    const q = linear('fc', 'input', [2, 4, 6], 5);
    const l = lowered(q);
    expect(l.kernelSize).toBe(6);
    expect(l.padding).toEqual([1, 0]);
    expect(l.stride).toEqual([1, 1]);
    // weight (f, c, y, x) of the linear layer sits at kernel (f, c, y + 1, x); rows 0 and 5 are zero
    for (let f = 0; f < 5; f++)
      for (let c = 0; c < 2; c++)
        for (let ky = 0; ky < 6; ky++)
          for (let kx = 0; kx < 6; kx++) {
            const got = l.weights[((f * 2 + c) * 6 + ky) * 6 + kx];
            const want = ky >= 1 && ky <= 4 ? q.weight[f * 48 + c * 24 + (ky - 1) * 6 + kx] : 0;
            expect(got).toBe(want);
          }
    const input = counts(48, 9);
    expect(chipConv(l, input)).toEqual(reference(q, input));
  });

  it('a linear on a 3x4 map (odd difference) uses stride 2 to keep a 1x1 output', () => {
    const q = linear('fc', 'input', [1, 3, 4], 3);
    const l = lowered(q);
    expect(l.kernelSize).toBe(4);
    expect(l.padding).toEqual([1, 0]);
    expect(l.stride).toEqual([2, 1]);
    const input = counts(12, 5);
    expect(chipConv(l, input)).toEqual(reference(q, input));
  });

  it('compiles a network ending in a non-square linear and says so in the report', () => {
    const c1 = conv({ name: 'c1', from: 'input', inputShape: [2, 8, 12], out: 4, k: 3, padding: 1 });
    const fc1 = linear('fc', 'c1', [4, 4, 6], 10, 2);
    const { config, report } = compile(network([2, 8, 12], [c1, fc1]), dynapcnn9);
    expect(config.cores.find((c) => c.layer === 'fc')!.kernelSize).toBe(6);
    expect(report.notes.join('\n')).toMatch(
      /linear layer "fc" on a non-square 4x6 map runs as a zero-padded 6x6 convolution/,
    );
  });

  it('property: any linear map up to 16x16 lowers to a square conv computing the same sums', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (c, h, w, f, seed) => {
          const shape: Shape3 = [c, h, w];
          const q = linear('fc', 'input', shape, f, 1, seed);
          if (Math.abs(h - w) > 2 * dynapcnn9.paddingMax) {
            // 16x1: the 1-wide axis would need padding 8 > 7 to stay 1 wide under a 16-wide kernel.
            expect(lowerLayer(q, dynapcnn9)).toMatchObject({
              message: expect.stringMatching(/within padding 7/),
            });
            return;
          }
          const l = lowered(q);
          expect(l.kernelSize).toBe(Math.max(h, w));
          expect(l.outputShape).toEqual([f, 1, 1]);
          const input = counts(c * h * w, seed ^ 0x55);
          expect(chipConv(l, input)).toEqual(reference(q, input));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('property: a non-square conv kernel that can be squared computes the same map', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 6, max: 12 }),
        fc.constantFrom(1, 2),
        fc.integer({ min: 0, max: 2 }),
        fc.integer(),
        (kh, kw, n, s, p, seed) => {
          const q = conv(
            {
              name: 'c',
              from: 'input',
              inputShape: [2, n, n + 1],
              out: 2,
              k: [kh, kw],
              stride: s,
              padding: p,
            },
            seed,
          );
          const l = lowerLayer(q, dynapcnn9);
          if ('message' in l) {
            expect(l.message).toMatch(/is not square and cannot be padded/);
            return;
          }
          expect(l.outputShape).toEqual(q.outputShape);
          const input = counts(2 * n * (n + 1), seed);
          expect(chipConv(l, input)).toEqual(reference(q, input));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps a square conv exactly as it is', () => {
    const q = conv({ name: 'c', from: 'input', inputShape: [2, 9, 9], out: 3, k: 3, stride: 2, padding: 1 });
    const l = lowered(q);
    expect(l.weights).toBe(q.weight);
    expect([l.kernelSize, l.stride, l.padding]).toEqual([3, [2, 2], [1, 1]]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  determineScale,
  formatSpikeComparison,
  quantizeValue,
  quantizeValues,
  roundHalfEven,
} from '../../src/quantize/index.ts';

describe('sinabs discretization', () => {
  it("gives sinabs' own test values: round(13.5594 * 3.0917) = 42 and -42", () => {
    expect(quantizeValue(13.5594, 3.0917)).toBe(42);
    expect(quantizeValue(-13.5594, 3.0917)).toBe(-42);
    expect(Array.from(quantizeValues([13.5594, -13.5594], 3.0917))).toEqual([42, -42]);
  });

  it('rounds half to even, like torch.round', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([
      0, 2, 2, 0, -2, -2, 2, 3,
    ]);
    expect(Array.from(quantizeValues([0.25, 0.75, -0.25, 1.25], 2))).toEqual([0, 2, 0, 2]);
  });

  it('agrees with Math.round away from ties', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        fc.pre(Math.abs(x - Math.floor(x) - 0.5) > 1e-9);
        expect(roundHalfEven(x) === Math.round(x)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('scales by the positive side when it dominates: 127 / max', () => {
    expect(determineScale([-1, 0.5, 2], 8)).toBe(Math.fround(127 / 2));
    // |min| <= |max| * 128/127 still counts as positive-dominated.
    expect(determineScale([-128, 127], 8)).toBe(1);
  });

  it('scales by the negative side when it dominates: 128 / |min|', () => {
    expect(determineScale([-4, 1], 8)).toBe(32);
    expect(determineScale([-2.56, 0.01], 8)).toBe(Math.fround(128 / Math.fround(2.56)));
    expect(quantizeValues([-4, 1], determineScale([-4, 1], 8))[0]).toBe(-128);
  });

  it('gives infinity for an all-zero tensor (it drops out of the min)', () => {
    expect(determineScale(new Float32Array(5), 8)).toBe(Number.POSITIVE_INFINITY);
    expect(determineScale([], 8)).toBe(Number.POSITIVE_INFINITY);
  });

  it('uses 16 bits for thresholds [threshold, -threshold]', () => {
    expect(determineScale([300, -300], 16)).toBe(109.22333526611328);
    expect(determineScale([1000, -1000], 16)).toBe(32.76700210571289);
    expect(determineScale([1, -1], 16)).toBe(32767);
  });

  it("divides like torch: 127 / max is reciprocal(max) * 127, two float32 roundings (sinabs' scale)", () => {
    // The case: one rounding (fround(127 / max)) would give 131.2326202392578 and weight 1.
    const weights = [0.96774715, 0.011430084];
    const scale = determineScale(weights, 8);
    expect(scale).toBe(131.23263549804688);
    expect(Array.from(quantizeValues(weights, scale))).toEqual([127, 2]);
    expect(Math.fround(127 / Math.fround(0.96774715))).toBe(131.2326202392578);
  });

  it('agrees with fround(fround(1 / max) * maxd) over many maxima, on both sides', () => {
    const twoRoundings = (d: number, x: number) => Math.abs(Math.fround(Math.fround(1 / x) * d));
    let oneRoundingDiffers = 0;
    fc.assert(
      fc.property(
        fc.float({ min: Math.fround(1e-6), max: Math.fround(1e6), noNaN: true }),
        fc.constantFrom(8, 16),
        (max, bits) => {
          const maxd = 2 ** (bits - 1) - 1;
          // Positive side: [-max/2, max]; negative side: [-max, max/2] scales by 2^(bits-1) / max.
          expect(determineScale([Math.fround(-max / 2), max], bits)).toBe(twoRoundings(maxd, max));
          expect(determineScale([-max, Math.fround(max / 2)], bits)).toBe(twoRoundings(-(maxd + 1), -max));
          expect(determineScale([-max, Math.fround(max / 2)], bits)).toBe(Math.fround((maxd + 1) / max));
          if (Math.fround(maxd / max) !== twoRoundings(maxd, max)) oneRoundingDiffers++;
        },
      ),
      { numRuns: 2000, seed: 14 },
    );
    // The property tells the two forms apart: one rounding is off by an ulp for many maxima.
    expect(oneRoundingDiffers).toBeGreaterThan(100);
  });

  it('computes in float32: the scale is a float32 and so is every product', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (xs) => {
          const s = determineScale(xs, 8);
          if (!Number.isFinite(s)) return;
          expect(Math.fround(s)).toBe(s);
          for (const q of quantizeValues(xs, s)) {
            expect(q).toBeGreaterThanOrEqual(-128);
            expect(q).toBeLessThanOrEqual(127);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('formatSpikeComparison', () => {
  it('prints float and quantized counts with the relative change', () => {
    const text = formatSpikeComparison([
      { layer: 'a', float: 200, quantized: 150 },
      { layer: 'b', float: 0, quantized: 3 },
      { layer: 'c', float: 0, quantized: 0 },
    ]);
    expect(text.split('\n')).toEqual([
      'layer  float  quantized  change',
      'a        200        150  -25.0%',
      'b          0          3     new',
      'c          0          0      0%',
    ]);
  });
});

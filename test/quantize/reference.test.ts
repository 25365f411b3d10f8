import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { readInputCsv, readSpikesCsv } from '../../src/events/csv.ts';
import type { Spikes } from '../../src/events/types.ts';
import { loadNetwork } from '../../src/network/index.ts';
import { compareSpikeCounts, integerNetwork, quantize, simulateFloat } from '../../src/quantize/index.ts';
import { goldenFile } from '../fixtures.ts';
import { errorOf, inputOf, rowsOf } from '../helpers.ts';
import { net } from '../network/build.ts';

/** One input feature -> linear weight w -> IF, so membrane arithmetic is visible in the spikes. */
const single = (
  w: number,
  threshold: number,
  extra: { reset?: 'subtract' | 'zero'; thresholdLow?: number; bias?: number } = {},
) =>
  net({
    input: { shape: [1, 1, 1] },
    layers: [
      {
        type: 'linear',
        name: 'l',
        weight: [[w]],
        ...(extra.bias !== undefined ? { bias: [extra.bias] } : {}),
      },
      {
        type: 'if',
        name: 's',
        threshold,
        ...(extra.reset ? { reset: extra.reset } : {}),
        ...(extra.thresholdLow !== undefined ? { thresholdLow: extra.thresholdLow } : {}),
      },
    ],
  });

const spikesPerStep = (s: Spikes, steps: number): number[] => {
  const out = new Array<number>(steps).fill(0);
  for (let i = 0; i < s.count; i++) out[s.t[i]]++;
  return out;
};

describe('simulateFloat', () => {
  it('emits floor(v / threshold) spikes and subtracts them (multi-spike, subtract reset)', () => {
    // v: 2.5 -> 2 spikes, v 0.5; +2.5 = 3 -> 3 spikes, v 0; 1 event of 2.5 at step 2... counts events.
    const s = simulateFloat(
      single(2.5, 1),
      inputOf([
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [3, 0, 0, 0],
        [3, 0, 0, 0],
      ]),
    );
    expect(spikesPerStep(s, 4)).toEqual([2, 3, 0, 5]);
    expect(s.layers).toEqual(['s']);
  });

  it('resets to zero in zero mode, losing the remainder', () => {
    const s = simulateFloat(
      single(2.5, 1, { reset: 'zero' }),
      inputOf([
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [2, 0, 0, 0],
      ]),
    );
    expect(spikesPerStep(s, 3)).toEqual([2, 2, 2]);
  });

  it('floors the membrane at thresholdLow and integrates the bias every step', () => {
    // Negative input pushes v to the floor -1; then the bias 0.5 climbs back: -0.5, 0, 0.5, 1 -> spike.
    const s = simulateFloat(single(-5, 1, { bias: 0.5 }), inputOf([[0, 0, 0, 0]]), { steps: 6 });
    expect(spikesPerStep(s, 6)).toEqual([0, 0, 0, 0, 1, 0]);
    const deeper = simulateFloat(single(-5, 1, { bias: 0.5, thresholdLow: -3 }), inputOf([[0, 0, 0, 0]]), {
      steps: 9,
    });
    expect(spikesPerStep(deeper, 9)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('defaults steps to the last event step + 1 and returns no spikes for no events', () => {
    const s = simulateFloat(single(1, 1, { bias: 1 }), inputOf([[4, 0, 0, 0]]));
    expect(spikesPerStep(s, 6)).toEqual([1, 1, 1, 1, 2, 0]);
    expect(simulateFloat(single(1, 1), inputOf([])).count).toBe(0);
  });

  it('takes events in any order, and names the input map an event falls outside of', () => {
    const n = single(1, 1);
    const sorted = simulateFloat(
      n,
      inputOf([
        [0, 0, 0, 0],
        [2, 0, 0, 0],
        [2, 0, 0, 0],
      ]),
    );
    const shuffled = simulateFloat(
      n,
      inputOf([
        [2, 0, 0, 0],
        [0, 0, 0, 0],
        [2, 0, 0, 0],
      ]),
    );
    expect(rowsOf(shuffled)).toEqual(rowsOf(sorted));
    expect(spikesPerStep(shuffled, 3)).toEqual([1, 0, 2]);
    const e = errorOf(() => simulateFloat(n, inputOf([[0, 0, 0, 1]])));
    expect(e.code).toBe('EVENTS_FORMAT');
    expect(e.message).toBe('input event 0 (t=0, c=0, y=0, x=1) is outside the input "input" map [1, 1, 1]');
    expect(e.hint).toMatch(/crop or rescale them/);
  });

  it('saturates only when asked', () => {
    const n = single(30000, 40000, {});
    const ev = inputOf([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    // 60000 -> 1 spike without saturation; clamped to 32767 < 40000 -> none.
    expect(simulateFloat(n, ev).count).toBe(1);
    expect(simulateFloat(n, ev, { saturate: dynapcnn9 }).count).toBe(0);
    expect(dynapcnn9.stateBits).toBe(16);
  });

  it('passes spikes of step t through every layer within step t, with sum pooling on counts', () => {
    const n = net({
      input: { shape: [1, 2, 2] },
      layers: [
        { type: 'conv2d', name: 'c', weight: [[[[1]]]] },
        { type: 'if', name: 's1', threshold: 1 },
        { type: 'sumpool2d', name: 'p', kernel: 2 },
        { type: 'flatten', name: 'f' },
        { type: 'linear', name: 'l', weight: [[1], [0.5]] },
        { type: 'if', name: 's2', threshold: 2 },
      ],
    });
    const s = simulateFloat(
      n,
      inputOf([
        [0, 0, 0, 0],
        [0, 0, 1, 1],
        [0, 0, 1, 1],
        [1, 0, 0, 1],
      ]),
    );
    expect(rowsOf(s)).toEqual(
      [
        '0,s1,0,0,0',
        '0,s1,0,1,1',
        '0,s1,0,1,1',
        '0,s2,0,0,0', // 3 spikes pooled -> 3 -> 1 spike, v 1
        '1,s1,0,0,1',
        '1,s2,0,0,0', // 1 + 1 = 2 -> 1 spike; neuron 1: 1.5 + 0.5 = 2 -> 1 spike
        '1,s2,1,0,0',
      ].sort(),
    );
  });

  it('sums the two inputs of a merge', () => {
    const n = net({
      input: { shape: [1, 1, 1] },
      layers: [
        { type: 'linear', name: 'a', weight: [[1]] },
        { type: 'if', name: 'sa', threshold: 1 },
        { type: 'linear', name: 'b', weight: [[2]], inputs: ['input'] },
        { type: 'if', name: 'sb', threshold: 1 },
        { type: 'linear', name: 'm', weight: [[1]], inputs: ['sa', 'sb'] },
        { type: 'if', name: 'sm', threshold: 1 },
      ],
    });
    const s = simulateFloat(n, inputOf([[0, 0, 0, 0]]));
    expect(spikesPerStep(s, 1)).toEqual([1 + 2 + 3]);
    expect(s.layers).toEqual(['sa', 'sb', 'sm']);
  });

  it('reproduces sinabs exactly on integer_exact (scale 1: float and chip agree)', async () => {
    const n = await loadNetwork(goldenFile('integer_exact', 'network.nir'));
    const s = simulateFloat(n, readInputCsv(goldenFile('integer_exact', 'input.csv')), { steps: 60 });
    expect(rowsOf(s)).toEqual(rowsOf(readSpikesCsv(goldenFile('integer_exact', 'expected.csv'))));
  });

  it('equals the quantized network when weights are integers within range (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -128, max: 127 }), { minLength: 18, maxLength: 18 }),
        fc.integer({ min: 1, max: 255 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 7 }),
            fc.integer({ min: 0, max: 1 }),
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 3 }),
          ),
          { maxLength: 40 },
        ),
        (w, threshold, raw) => {
          // An extreme weight (127 or -128) pins the weight scale to 1.
          w[0] = w[1] < 0 ? -128 : 127;
          // One 3x3 conv over two channels, weights w in [1, 2, 3, 3] order.
          const weight = [
            [0, 1].map((c) => [0, 1, 2].map((y) => [0, 1, 2].map((x) => w[c * 9 + y * 3 + x]))),
          ];
          const n = net({
            input: { shape: [2, 4, 4] },
            layers: [
              { type: 'conv2d', name: 'c', weight, padding: 1 },
              { type: 'if', name: 's', threshold },
            ],
          });
          const q = quantize(n, dynapcnn9);
          // max |w| is 127 (or min -128) and thresholds <= 255 fit int16 at scale 1: the scale is exactly 1.
          expect(q.layers[0].stats.scale).toBe(1);
          const ev = inputOf([...raw].sort((a, b) => a[0] - b[0]));
          expect(rowsOf(simulateFloat(n, ev, { steps: 8 }))).toEqual(
            rowsOf(simulateFloat(integerNetwork(q), ev, { steps: 8 })),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('compareSpikeCounts', () => {
  it('counts spikes per layer for the float and the quantized network on the same input', async () => {
    const n = await loadNetwork(goldenFile('conv_pool_affine', 'network.nir'));
    const q = quantize(n, dynapcnn9);
    const ev = readInputCsv(goldenFile('conv_pool_affine', 'input.csv'));
    const cmp = compareSpikeCounts(n, q, ev, dynapcnn9, { steps: 80 });
    const meta = JSON.parse(readFileSync(goldenFile('conv_pool_affine', 'meta.json'), 'utf8')) as {
      spikes_per_layer: Record<string, number>;
    };
    // The quantized side is what sinabs computed for the chip.
    expect(cmp.map((c) => [c.layer, c.quantized])).toEqual(Object.entries(meta.spikes_per_layer));
    expect(cmp.map((c) => c.float)).toEqual(
      cmp.map(
        (c) => rowsOf(simulateFloat(n, ev, { steps: 80 })).filter((r) => r.split(',')[1] === c.layer).length,
      ),
    );
  });
});

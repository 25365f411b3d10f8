import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { readInputCsv, readSpikesCsv } from '../../src/events/csv.ts';
import { loadNetwork } from '../../src/network/index.ts';
import {
  formatQuantizationReport,
  integerNetwork,
  quantize,
  quantizeValue,
  simulateFloat,
  summarizeQuantization,
} from '../../src/quantize/index.ts';
import { goldenCases, goldenFile } from '../fixtures.ts';
import { errorOf, inputOf, rowsOf } from '../helpers.ts';
import { net, tinyConvNet, weights } from '../network/build.ts';

describe('quantize', () => {
  it('gives scale 1 for integer_exact (integer weights, max |w| = 127, thresholds 300 / 500)', async () => {
    const n = await loadNetwork(goldenFile('integer_exact', 'network.nir'));
    const q = quantize(n, dynapcnn9);
    expect(q.layers.map((l) => [l.name, l.stats.scale, l.thresholdHigh, l.thresholdLow])).toEqual([
      ['1', 1, 300, -300],
      ['3', 1, 500, -500],
    ]);
    const conv = n.layers[0];
    if (conv.type !== 'conv2d') throw new Error('fixture');
    expect(Array.from(q.layers[0].weight)).toEqual(Array.from(conv.weight.data));
    expect(q.layers[0].stats.maxWeightError).toBe(0);
  });

  it('matches sinabs on every golden case: the integer network reproduces the expected spikes', async () => {
    for (const c of goldenCases()) {
      const n = await loadNetwork(goldenFile(c, 'network.nir'));
      const q = quantize(n, dynapcnn9);
      const meta = JSON.parse(readFileSync(goldenFile(c, 'meta.json'), 'utf8')) as { steps: number };
      const spikes = simulateFloat(integerNetwork(q), readInputCsv(goldenFile(c, 'input.csv')), {
        steps: meta.steps,
        saturate: dynapcnn9,
      });
      expect(rowsOf(spikes), c).toEqual(rowsOf(readSpikesCsv(goldenFile(c, 'expected.csv'))));
    }
  });

  it('groups the CSNN into five chip layers with pooling folded into the sources', async () => {
    const n = await loadNetwork(goldenFile('nmnist_csnn', 'network.nir'));
    const q = quantize(n, dynapcnn9);
    expect(q.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(q.input).toEqual({ name: 'input', shape: [2, 34, 34] });
    expect(
      q.layers.map((l) => [
        l.name,
        l.weightName,
        l.kind,
        l.sources,
        l.inputShape,
        l.outputShape,
        l.weightShape,
      ]),
    ).toEqual([
      ['1', '0', 'conv2d', [{ from: 'input', pooling: [1, 1] }], [2, 34, 34], [16, 16, 16], [16, 2, 5, 5]],
      ['3', '2', 'conv2d', [{ from: '1', pooling: [1, 1] }], [16, 16, 16], [16, 16, 16], [16, 16, 3, 3]],
      ['6', '5', 'conv2d', [{ from: '3', pooling: [2, 2] }], [16, 8, 8], [8, 8, 8], [8, 16, 3, 3]],
      ['10', '9', 'linear', [{ from: '6', pooling: [2, 2] }], [8, 4, 4], [256, 1, 1], [256, 128]],
      ['12', '11', 'linear', [{ from: '10', pooling: [1, 1] }], [256, 1, 1], [10, 1, 1], [10, 256]],
    ]);
    // sinabs' CSNN has all-zero biases: read as no bias (the infinite bias scale drops out).
    expect(q.layers.every((l) => l.bias === null)).toBe(true);
    expect(q.layers[0].stride).toEqual([2, 2]);
    expect(q.layers[3].stride).toEqual([1, 1]);
    const report = formatQuantizationReport(q);
    expect(report.split('\n')[0]).toMatch(/^layer\s+weights\s+scale/);
    expect(report).toContain('10     9 (linear)');
    const summary = summarizeQuantization(q);
    expect(summary.map((l) => [l.name, l.weightName, l.scale, l.thresholdHigh])).toEqual(
      q.layers.map((l) => [l.name, l.weightName, l.stats.scale, l.thresholdHigh]),
    );
    expect(Object.keys(summary[0])).not.toContain('weight');
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('scales like sinabs to the last float32 bit: weights [0.96774715, 0.011430084] -> [127, 2]', () => {
    const n = net({
      input: { shape: [2, 1, 1] },
      layers: [
        { type: 'conv2d', name: 'c', weight: [[[[0.96774715]], [[0.011430084]]]] },
        { type: 'if', name: 's', threshold: 1 },
      ],
    });
    const q = quantize(n, dynapcnn9).layers[0];
    expect(q.stats.scale).toBe(131.23263549804688);
    expect(Array.from(q.weight)).toEqual([127, 2]);
    expect(q.thresholdHigh).toBe(131);
    // One event a step on channel 1: +2 a step reaches 131 at step 65 (with weight 1 it would be step 130).
    const input = inputOf(Array.from({ length: 140 }, (_, t) => [t, 1, 0, 0]));
    const spikes = simulateFloat(integerNetwork(quantize(n, dynapcnn9)), input, {
      steps: 140,
      saturate: dynapcnn9,
    });
    expect(rowsOf(spikes)).toEqual(['130,s,0,0,0', '65,s,0,0,0']); // subtract reset: 1 + 2 * 65 = 131
  });

  it('lets a large bias or a threshold limit the scale', () => {
    const make = (bias: number, threshold: number) =>
      net({
        input: { shape: [1, 1, 1] },
        layers: [
          { type: 'linear', name: 'l', weight: [[1], [-0.5]], bias: [bias, 0] },
          { type: 'if', name: 's', threshold },
        ],
      });
    const byBias = quantize(make(-4, 1), dynapcnn9).layers[0];
    expect([byBias.stats.limitedBy, byBias.stats.scale]).toEqual(['bias', 32]);
    expect(Array.from(byBias.weight)).toEqual([32, -16]);
    expect(Array.from(byBias.bias!)).toEqual([-128, 0]);
    expect([byBias.thresholdHigh, byBias.thresholdLow]).toEqual([32, -32]);
    // A threshold of 1000 needs scale <= 32767 / 1000: it limits, weights become small.
    const byThreshold = quantize(make(0.5, 1000), dynapcnn9).layers[0];
    expect(byThreshold.stats.limitedBy).toBe('threshold');
    expect(byThreshold.stats.scale).toBe(32.76700210571289); // fround(fround(1 / 1000) * 32767)
    expect([byThreshold.thresholdHigh, byThreshold.thresholdLow]).toEqual([32767, -32767]);
    expect(Array.from(byThreshold.weight)).toEqual([33, -16]);
    expect(Array.from(byThreshold.bias!)).toEqual([16, 0]);
    expect(byThreshold.stats.zeroedWeightShare).toBe(0);
  });

  it('drops an all-zero bias out of the scale (its scale is infinite)', () => {
    const n = net({
      input: { shape: [2, 1, 1] },
      layers: [
        { type: 'linear', name: 'l', weight: [[0.5, -0.25]], bias: [0] },
        { type: 'if', name: 's', threshold: 1 },
      ],
    });
    const l = quantize(n, dynapcnn9).layers[0];
    expect([l.stats.limitedBy, l.stats.scale]).toEqual(['weights', 254]);
    expect(Array.from(l.weight)).toEqual([127, -64]);
    expect(Array.from(l.bias!)).toEqual([0]);
    expect(l.thresholdHigh).toBe(254);
  });

  it('reports zeroed weights and the largest weight error in float units', () => {
    const n = net({
      input: { shape: [3, 1, 1] },
      layers: [
        { type: 'linear', name: 'l', weight: [[1, 0.001, 0]] },
        { type: 'if', name: 's', threshold: 1 },
      ],
    });
    const l = quantize(n, dynapcnn9).layers[0];
    expect(Array.from(l.weight)).toEqual([127, 0, 0]);
    expect(l.stats.zeroedWeightShare).toBe(0.5);
    expect(l.stats.zeroWeightShare).toBeCloseTo(2 / 3);
    expect(l.stats.maxWeightError).toBeCloseTo(0.001, 6);
  });

  it('folds average pooling into the next weights (not the bias), consecutive poolings multiplied', () => {
    const n = net({
      input: { shape: [1, 8, 8] },
      layers: [
        { type: 'conv2d', name: 'c', weight: [[[[1]]]] },
        { type: 'if', name: 's', threshold: 1 },
        { type: 'avgpool2d', name: 'a', kernel: 2 },
        { type: 'sumpool2d', name: 'p', kernel: 2 },
        { type: 'flatten', name: 'f' },
        { type: 'linear', name: 'l', weight: weights([2, 4], 5), bias: [0.5, -0.25] },
        { type: 'if', name: 's2', threshold: 1 },
      ],
    });
    const q = quantize(n, dynapcnn9);
    const l = q.layers[1];
    expect(l.sources).toEqual([{ from: 's', pooling: [4, 4] }]);
    expect(l.inputShape).toEqual([1, 2, 2]);
    const w = n.layers[5].type === 'linear' ? n.layers[5].weight.data : new Float32Array();
    const scaled = Array.from(w, (x) => Math.fround(x / 4));
    const maxAbs = Math.max(...scaled.map(Math.abs), 0.5);
    expect(l.stats.scale).toBeLessThanOrEqual(127 / maxAbs + 1e-3);
    // The bias is not divided: it keeps its own value at the layer's scale (ties to even).
    expect(Array.from(l.bias!)).toEqual([
      quantizeValue(0.5, l.stats.scale),
      quantizeValue(-0.25, l.stats.scale),
    ]);
    expect(Array.from(l.weight)).toEqual(scaled.map((x) => quantizeValue(x, l.stats.scale)));
    expect(q.notes).toEqual([
      'layer "s2": average pooling folded in as sum pooling, weights of "l" divided by 4',
    ]);
  });

  it('rejects what the chip cannot group, naming the layer and why', () => {
    const bad = (layers: Parameters<typeof net>[0]['layers']) =>
      errorOf(() => quantize(net({ input: { shape: [1, 4, 4] }, layers }), dynapcnn9)).message;
    const conv = { type: 'conv2d' as const, name: 'c', weight: [[[[1]]]] };
    expect(bad([conv])).toBe('layer "c" (conv2d): is not followed by an IF layer');
    expect(bad([{ type: 'if', name: 's', threshold: 1 }])).toMatch(
      /^layer "s" \(if\): has no conv2d or linear layer right before it/,
    );
    expect(bad([conv, { type: 'sumpool2d', name: 'p', kernel: 2 }])).toMatch(
      /^layer "p" \(sumpool2d\): reads "c", the output of a conv2d layer with no IF layer after it/,
    );
    expect(
      bad([
        { type: 'sumpool2d', name: 'p', kernel: 2, stride: 1 },
        { ...conv },
        { type: 'if', name: 's', threshold: 1 },
      ]),
    ).toMatch(/^layer "p" \(sumpool2d\): stride 1x1 differs from the kernel 2x2/);
    expect(
      bad([
        conv,
        { type: 'if', name: 's', threshold: 1 },
        { type: 'conv2d', name: 'c2', weight: [[[[1]]]], inputs: ['input'] },
        { type: 'if', name: 's2', threshold: 1 },
        { type: 'if', name: 'm', threshold: 1, inputs: ['s', 's2'] },
      ]),
    ).toMatch(/^layer "m" \(if\): a merge right before an IF layer is not supported/);
  });

  it('groups a merge into one layer with two sources', () => {
    const n = net({
      input: { shape: [1, 4, 4] },
      layers: [
        { type: 'conv2d', name: 'a', weight: [[[[1]]]] },
        { type: 'if', name: 'sa', threshold: 1 },
        { type: 'conv2d', name: 'b', weight: [[[[2]]]], inputs: ['input'] },
        { type: 'if', name: 'sb', threshold: 1 },
        { type: 'conv2d', name: 'm', weight: [[[[1]]]], inputs: ['sa', 'sb'] },
        { type: 'if', name: 'sm', threshold: 1 },
      ],
    });
    const q = quantize(n, dynapcnn9);
    expect(q.layers.map((l) => l.sources.map((s) => s.from))).toEqual([['input'], ['input'], ['sa', 'sb']]);
  });

  it('quantizes the tiny test network within the profile ranges', () => {
    const q = quantize(tinyConvNet(), dynapcnn9);
    for (const l of q.layers) {
      expect(Math.max(...l.weight)).toBeLessThanOrEqual(127);
      expect(Math.min(...l.weight)).toBeGreaterThanOrEqual(-128);
      expect(l.thresholdHigh).toBeGreaterThan(0);
    }
    expect(q.layers[1].reset).toBe('zero');
    expect(q.layers[1].weightShape).toEqual([3, 64]);
  });
});

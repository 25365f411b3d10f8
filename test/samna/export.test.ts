/**
 * The samna export, field by field: axes (weights [out][in][x][y], initial state [f][x][y]), shapes,
 * destinations with pooling, monitor flags, and the DVS layer, on hand-built configurations whose every
 * value says where it came from, and on the golden cases.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { compileNetwork } from '../../src/compiler/index.ts';
import type { ChipConfig } from '../../src/image/config.ts';
import {
  formatSamnaExport,
  parseSamnaExport,
  SamnaExportSchema,
  toSamnaConfig,
} from '../../src/image/samna.ts';
import { loadNetwork } from '../../src/network/index.ts';
import { oneCoreConfig } from '../configs.ts';
import { goldenCases, goldenFile } from '../fixtures.ts';

/** F=2, C=3, k=2 on a 3x4 map (H != W, so x and y cannot be confused): w = 1000f + 100c + 10ky + kx. */
function tagged(): ChipConfig {
  const w = new Int8Array(2 * 3 * 2 * 2);
  const init = new Int16Array(2 * 2 * 3);
  for (let f = 0; f < 2; f++)
    for (let c = 0; c < 3; c++)
      for (let ky = 0; ky < 2; ky++)
        for (let kx = 0; kx < 2; kx++) w[((f * 3 + c) * 2 + ky) * 2 + kx] = 40 * f + 10 * c + 2 * ky + kx;
  // output 2 x 2 x 3 (H=2, W=3): v = 100f + 10y + x
  for (let f = 0; f < 2; f++)
    for (let y = 0; y < 2; y++) for (let x = 0; x < 3; x++) init[(f * 2 + y) * 3 + x] = 100 * f + 10 * y + x;
  const config = oneCoreConfig([3, 3, 4], {
    outputShape: [2, 2, 3],
    kernelSize: 2,
    stride: [1, 1],
    padding: [0, 0],
    weights: w,
    biases: Int16Array.from([0, -3]),
    thresholdHigh: 500,
    thresholdLow: -400,
    reset: 'zero',
    initialState: init,
  });
  return config;
}

describe('toSamnaConfig', () => {
  it('writes weights as [out][in][x][y] and initial values as [f][x][y], as sinabs does', () => {
    const e = toSamnaConfig(tagged(), { chip: 'speck2fdevkit' });
    const l = e.cnn_layers['0'];
    expect(l.dimensions).toEqual({
      input_shape: { size: { x: 4, y: 3 }, feature_count: 3 },
      output_shape: { size: { x: 3, y: 2 }, feature_count: 2 },
      padding: { x: 0, y: 0 },
      stride: { x: 1, y: 1 },
      kernel_size: 2,
    });
    // weights[f][c][x][y] = 40f + 10c + 2y + x
    expect(l.weights[1][2][1][0]).toBe(40 + 20 + 0 + 1);
    expect(l.weights[0][1][0][1]).toBe(10 + 2);
    expect(l.weights.length).toBe(2);
    expect(l.weights[0].length).toBe(3);
    // initial [f][x][y] = 100f + 10y + x, 2 features x 3 columns x 2 rows
    expect(l.neurons_initial_value.length).toBe(2);
    expect(l.neurons_initial_value[0].length).toBe(3);
    expect(l.neurons_initial_value[0][0].length).toBe(2);
    expect(l.neurons_initial_value[1][2][1]).toBe(100 + 10 + 2);
    expect(l.biases).toEqual([0, -3]);
    expect(l.leak_enable).toBe(true);
    expect(l.return_to_zero).toBe(true);
    expect(l.threshold_high).toBe(500);
    expect(l.threshold_low).toBe(-400);
    expect(l.monitor_enable).toBe(true);
    expect(l.destinations).toEqual([]);
    // sinabs' key order
    expect(Object.keys(l)).toEqual([
      'destinations',
      'dimensions',
      'weights',
      'biases',
      'leak_enable',
      'return_to_zero',
      'threshold_high',
      'threshold_low',
      'monitor_enable',
      'neurons_initial_value',
    ]);
    expect(e.input).toEqual({
      name: 'input',
      source: 'cnn',
      shape: { size: { x: 4, y: 3 }, feature_count: 3 },
      layers: [0],
    });
    expect(e.dvs_layer).toEqual({ pass_sensor_events: false });
  });

  it('zero biases: a list of zeros and leak disabled; integers stay integers in the file', () => {
    const c = tagged();
    c.cores[0].biases = null;
    c.cores[0].initialState = null;
    const e = toSamnaConfig(c, { chip: 'speck2fmodule' });
    expect(e.cnn_layers['0'].biases).toEqual([0, 0]);
    expect(e.cnn_layers['0'].leak_enable).toBe(false);
    expect(e.cnn_layers['0'].neurons_initial_value).toEqual([
      [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    ]);
    const text = formatSamnaExport(e);
    expect(text).not.toMatch(/\d\.\d/);
    expect(parseSamnaExport(JSON.parse(text), 'x.json')).toEqual(e);
  });

  it('routes the input through the DVS layer when it crops, mirrors or pools', () => {
    const c = tagged();
    c.input.shape = [3, 8, 10];
    c.input.crop = [1, 2, 7, 10];
    c.input.flipX = true;
    c.input.swapXY = true;
    c.input.destinations = [{ coreId: 0, pooling: 2 }];
    const e = toSamnaConfig(c, { chip: 'speck2edevkit' });
    expect(e.family).toBe('speck2e');
    expect(e.input.source).toBe('dvs');
    expect(e.dvs_layer).toEqual({
      merge: false,
      mirror: { x: true, y: false },
      mirror_diagonal: true,
      cut: { x: 9, y: 6 },
      origin: { x: 2, y: 1 },
      pooling: { y: 2, x: 2 },
      pass_sensor_events: false,
      destinations: [{ layer: 0, enable: true }],
    });
  });

  it('refuses an unknown chip with the known ones, and unknown monitor names (the library names no flag)', () => {
    expect(() => toSamnaConfig(tagged(), { chip: 'speck3' })).toThrow(
      'unknown samna chip "speck3": known are speck2fdevkit, speck2fmodule, speck2edevkit',
    );
    expect(() => toSamnaConfig(tagged(), { chip: 'speck2fdevkit', monitor: ['zz'] })).toThrow(
      'monitor: no layer named "zz"',
    );
  });

  it('refuses a file that is not an export, naming the field', () => {
    const e = toSamnaConfig(tagged(), { chip: 'speck2fdevkit' }) as unknown as Record<string, unknown>;
    expect(() => parseSamnaExport({ ...e, extra: 1 }, 'speck.json')).toThrow(/speck\.json/);
    const bad = structuredClone(e) as { cnn_layers: Record<string, { threshold_high: number }> };
    bad.cnn_layers['0'].threshold_high = 1.5;
    expect(() => parseSamnaExport(bad, 'speck.json')).toThrow(/cnn_layers\.0\.threshold_high/);
  });
});

describe('golden cases exported for samna', () => {
  for (const name of goldenCases()) {
    it(name, async () => {
      const { config, quantized } = compileNetwork(
        await loadNetwork(goldenFile(name, 'network.nir')),
        dynapcnn9,
      );
      const e = SamnaExportSchema.parse(
        JSON.parse(formatSamnaExport(toSamnaConfig(config, { chip: 'speck2fdevkit' }))),
      );
      const meta = JSON.parse(readFileSync(goldenFile(name, 'meta.json'), 'utf8')) as {
        input_shape: [number, number, number];
        spikes_per_layer: Record<string, number>;
      };
      expect(Object.keys(e.layer_cores).sort()).toEqual(Object.keys(meta.spikes_per_layer).sort());
      const [ch, h, w] = meta.input_shape;
      expect(e.input.shape).toEqual({ size: { x: w, y: h }, feature_count: ch });
      expect(e.input.layers.map((id) => config.cores.find((c) => c.coreId === id)?.inputShape)).toEqual(
        e.input.layers.map(() => meta.input_shape),
      );
      for (const core of config.cores) {
        const l = e.cnn_layers[String(core.coreId)];
        const q = quantized.layers.find((x) => x.name === core.layer)!;
        const [F, C, H, W] = [
          core.outputShape[0],
          core.inputShape[0],
          core.outputShape[1],
          core.outputShape[2],
        ];
        const k = l.dimensions.kernel_size;
        expect(l.dimensions.output_shape).toEqual({ size: { x: W, y: H }, feature_count: F });
        expect(l.dimensions.input_shape.feature_count).toBe(C);
        expect([
          l.weights.length,
          l.weights[0].length,
          l.weights[0][0].length,
          l.weights[0][0][0].length,
        ]).toEqual([F, C, k, k]);
        expect([
          l.neurons_initial_value.length,
          l.neurons_initial_value[0].length,
          l.neurons_initial_value[0][0].length,
        ]).toEqual([F, W, H]);
        // every weight at its samna place: [f][c][x][y] = the kernel's (f, c, y, x)
        for (let f = 0; f < F; f++)
          for (let c = 0; c < C; c++)
            for (let ky = 0; ky < k; ky++)
              for (let kx = 0; kx < k; kx++)
                if (l.weights[f][c][kx][ky] !== core.weights[((f * C + c) * k + ky) * k + kx])
                  throw new Error(`${name} ${core.layer}: weight ${f},${c},${ky},${kx} misplaced`);
        expect(l.threshold_high).toBe(q.thresholdHigh);
        expect(l.threshold_low).toBe(q.thresholdLow);
        expect(l.return_to_zero).toBe(false);
        expect(l.biases.length).toBe(F);
        expect(l.leak_enable).toBe(l.biases.some((b) => b !== 0));
        // exit layers are monitored, the others not (compiled with the default monitor)
        expect(l.monitor_enable).toBe(core.destinations.length === 0);
        expect(l.destinations).toEqual(
          core.destinations.map((d) => ({ layer: d.coreId, enable: true, pooling: d.pooling })),
        );
        for (const d of l.destinations) {
          // the destination's input map is this layer's output after the pooling
          const next = e.cnn_layers[String(d.layer)].dimensions.input_shape;
          expect(next.feature_count).toBe(F);
          expect(next.size).toEqual({ x: Math.floor(W / d.pooling), y: Math.floor(H / d.pooling) });
        }
      }
      const all = toSamnaConfig(config, { chip: 'speck2fdevkit', monitor: 'all' });
      expect(Object.values(all.cnn_layers).every((l) => l.monitor_enable)).toBe(true);
    });
  }
});

/**
 * Every golden case through the real bridge on the fake samna: the image is applied as samna
 * configuration, the events go in as samna Spikes, and the fake's own integer model of the chip
 * (written from the samna configuration alone) answers with exactly sinabs' expected spikes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { compile } from '../../src/compiler/compile.ts';
import { compileNetwork } from '../../src/compiler/index.ts';
import { runOnDevice } from '../../src/device/index.ts';
import { Emulator } from '../../src/emulator/index.ts';
import { readInputCsv, readSpikesCsv } from '../../src/events/csv.ts';
import { encodeImage } from '../../src/image/index.ts';
import { toSamnaConfig } from '../../src/image/samna.ts';
import { loadNetwork } from '../../src/network/index.ts';
import { conv, linear, network } from '../compiler/builder.ts';
import { goldenCases, goldenFile } from '../fixtures.ts';
import { inputOf, rowsOf } from '../helpers.ts';
import { FAST, restoreEnvironment, useFakeSamna } from './env.ts';

const work = mkdtempSync(join(tmpdir(), 'sf-samna-golden-'));
const record = join(work, 'applied.jsonl');
beforeAll(() => {
  useFakeSamna();
  process.env.FAKE_SAMNA_RECORD = record;
});
afterAll(() => {
  restoreEnvironment();
  rmSync(work, { recursive: true, force: true });
});

describe('golden cases on a (fake) Speck through the samna bridge', () => {
  for (const name of goldenCases()) {
    it(name, { timeout: 30_000 }, async () => {
      const meta = JSON.parse(readFileSync(goldenFile(name, 'meta.json'), 'utf8')) as { steps: number };
      const { config } = compileNetwork(await loadNetwork(goldenFile(name, 'network.nir')), dynapcnn9);
      const image = encodeImage(config);
      rmSync(record, { force: true });
      const got = await runOnDevice(FAST, readInputCsv(goldenFile(name, 'input.csv')), {
        image,
        monitor: 'all',
        steps: meta.steps,
      });
      expect(rowsOf(got)).toEqual(rowsOf(readSpikesCsv(goldenFile(name, 'expected.csv'))));
      // What samna was given is the export, field by field (the last apply monitors every layer).
      const applied = readFileSync(record, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { used: number[]; config: { cnn_layers: Record<string, unknown>[] } });
      const last = applied.at(-1)!;
      const exported = toSamnaConfig(config, { chip: 'speck2fdevkit', monitor: 'all' });
      expect(last.used).toEqual(config.cores.map((c) => c.coreId));
      for (const [core, layer] of Object.entries(exported.cnn_layers)) {
        const chip = last.config.cnn_layers[Number(core)] as Record<string, unknown>;
        const { destinations, ...fields } = layer;
        for (const [k, v] of Object.entries(fields)) expect(chip[k], `core ${core} ${k}`).toEqual(v);
        const enabled = (chip.destinations as { enable: boolean }[]).filter((d) => d.enable);
        expect(enabled).toEqual(destinations);
      }
    });
  }
});

describe('beyond sinabs', () => {
  it('a Linear on a non-square map (sinabs refuses it) is exported as a zero-padded square kernel and runs as the emulator says', {
    timeout: 30_000,
  }, async () => {
    const q = network(
      [2, 8, 12],
      [
        conv({ name: 'c1', from: 'input', inputShape: [2, 8, 12], out: 4, k: 3, stride: 2, padding: 1 }, 5),
        linear('fc', 'c1', [4, 4, 6], 6, 1, 7),
      ],
    );
    const { config } = compile(q, dynapcnn9, { monitor: 'all' });
    const fc = config.cores.find((c) => c.layer === 'fc')!;
    const e = toSamnaConfig(config, { chip: 'speck2fdevkit' });
    const layer = e.cnn_layers[String(fc.coreId)];
    expect(layer.dimensions.kernel_size).toBe(6);
    expect(layer.dimensions.input_shape).toEqual({ size: { x: 6, y: 4 }, feature_count: 4 });
    expect(layer.dimensions.output_shape).toEqual({ size: { x: 1, y: 1 }, feature_count: 6 });
    // the 4 real rows sit inside the 6-row kernel; the padding rows (y outside them) are zero
    const real = new Set<number>();
    for (const f of layer.weights)
      for (const c of f)
        for (const col of c)
          col.forEach((w, y) => {
            if (w !== 0) real.add(y);
          });
    expect(real.size).toBe(4);
    const events = inputOf(
      Array.from({ length: 600 }, (_, i) => [Math.floor(i / 20), i % 2, (i * 7) % 8, (i * 5) % 12]),
    );
    const got = await runOnDevice(FAST, events, { image: encodeImage(config), monitor: 'all', steps: 30 });
    const want = new Emulator(config, { monitor: 'all' }).run(events, { steps: 30 });
    expect(want.count).toBeGreaterThan(50);
    expect(rowsOf(got)).toEqual(rowsOf(want));
  });
});

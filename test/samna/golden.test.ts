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
import { compileNetwork } from '../../src/compiler/index.ts';
import { runOnDevice } from '../../src/device/index.ts';
import { readInputCsv, readSpikesCsv } from '../../src/events/csv.ts';
import { encodeImage } from '../../src/image/index.ts';
import { toSamnaConfig } from '../../src/image/samna.ts';
import { loadNetwork } from '../../src/network/index.ts';
import { goldenCases, goldenFile } from '../fixtures.ts';
import { rowsOf } from '../helpers.ts';
import { FAST, useFakeSamna } from './env.ts';

const work = mkdtempSync(join(tmpdir(), 'sf-samna-golden-'));
const record = join(work, 'applied.jsonl');
beforeAll(() => {
  useFakeSamna();
  process.env.FAKE_SAMNA_RECORD = record;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

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

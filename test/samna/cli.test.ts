/** The commands people already use, with `--device samna:` (the real bridge on the fake samna), and `export --to samna`. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpikesCsv } from '../../src/events/csv.ts';
import { parseSamnaExport } from '../../src/image/samna.ts';
import { goldenFile } from '../fixtures.ts';
import { cli, rowsOf } from '../helpers.ts';
import { FAST, restoreEnvironment, useFakeSamna } from './env.ts';

const work = mkdtempSync(join(tmpdir(), 'sf-samna-cli-'));
beforeAll(() => useFakeSamna());
afterAll(() => {
  restoreEnvironment();
  rmSync(work, { recursive: true, force: true });
});

describe('spikeforge with a samna board', () => {
  it('run <golden case> --device samna:... gives the expected spikes; devices lists the board', {
    timeout: 60_000,
  }, async () => {
    const out = join(work, 'chip.csv');
    const r = await cli([
      'run',
      goldenFile('integer_exact', 'network.nir'),
      '--input',
      goldenFile('integer_exact', 'input.csv'),
      '--output',
      out,
      '--monitor',
      'all',
      '--device',
      FAST,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /run: 2861 events in, 9707 spikes out \(1: 8937, 3: 770\) on samna:speck2fdevkit/,
    );
    expect(rowsOf(readSpikesCsv(out))).toEqual(
      rowsOf(readSpikesCsv(goldenFile('integer_exact', 'expected.csv'))),
    );
    const d = await cli(['devices', '--json']);
    expect(d.code, d.stderr).toBe(0);
    const listed = JSON.parse(d.stdout) as {
      devices: { uri: string; kind: string; serialNumber?: string }[];
    };
    expect(listed.devices).toContainEqual(
      expect.objectContaining({ uri: 'samna:speck2fdevkit', kind: 'samna', serialNumber: 'FAKE-0001' }),
    );
  });

  it('export --to samna writes the schema-checked file', {
    timeout: 60_000,
  }, async () => {
    const file = join(work, 'speck.json');
    const r = await cli([
      'export',
      goldenFile('nmnist_csnn', 'network.nir'),
      '--to',
      'samna',
      '-o',
      file,
      '--chip',
      'speck2fmodule',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`wrote ${file} (samna speck2fmodule, 5 cores, 1 monitored, input via core 7)\n`);
    const e = parseSamnaExport(JSON.parse(readFileSync(file, 'utf8')), file);
    expect(e.chip).toBe('speck2fmodule');
    expect(Object.keys(e.cnn_layers)).toEqual(['0', '3', '4', '7', '8']);
  });
});

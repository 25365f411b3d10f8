import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simBoards } from '../../firmware-sim/demo-boards.ts';
import { readInputCsv, readSpikesCsv } from '../../src/events/csv.ts';
import { readInputEvents, writeEvents } from '../../src/events/io.ts';
import type { InputEvents } from '../../src/events/types.ts';
import { formatDemoSummary, runDemo } from '../../src/workflows/demo.ts';
import { goldenFile, repoRoot } from '../fixtures.ts';
import { type CliResult, expectCleanError, cli as spikeforge } from '../helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'sf-tools-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[], cwd = work): Promise<CliResult> => spikeforge(args, cwd);

const expected = goldenFile('nmnist_csnn', 'expected.csv');
const input = goldenFile('nmnist_csnn', 'input.csv');

describe('spikeforge demo', () => {
  it('runs end to end in a fresh folder: identical to the emulator, every angle named, raster written', async () => {
    const cwd = mkdtempSync(join(work, 'demo-'));
    const started = Date.now();
    const r = await cli(['demo'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stdout).toContain('fits (2 of 9 cores)');
    expect(r.stdout).toMatch(/board vs offline emulator: identical \(\d+ spikes/);
    expect(r.stdout).toContain('4 of 4 angles named correctly');
    expect(r.stdout).toContain('spikeforge compare');
    expect(r.stderr).toContain('100%');
    const svg = readFileSync(join(cwd, 'raster.svg'), 'utf8');
    expect(svg).toContain('font-weight="bold">output</tspan>');
    expect(existsSync(join(cwd, 'demo-spikes.csv'))).toBe(true);
    // The files it suggests work with the other tools.
    const c = await cli(
      ['compare', join(repoRoot, 'examples', 'orientation.json'), '--input', 'demo-input.csv'],
      cwd,
    );
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/orientation\s+4x32x32/);
  });
});

describe('runDemo (library)', () => {
  it('falls back to the in-process board and gives the same verdict', async () => {
    const outDir = mkdtempSync(join(work, 'lib-'));
    const r = await runDemo({
      boards: simBoards,
      outDir,
      links: ['in-process'],
      segmentSteps: 24,
      gapSteps: 4,
    });
    expect(r.link).toBe('in-process');
    expect(r.diff.identical).toBe(true);
    expect(r.segments.map((s) => s.winner)).toEqual([0, 1, 2, 3]);
    expect(r.steps).toBe(4 * 28);
    expect(readFileSync(r.files.raster, 'utf8')).toContain('<svg');
    expect(formatDemoSummary(r)).toContain('4 of 4 angles named correctly');
  });
});

describe('spikeforge events / diff / plot', () => {
  it('converts CSV -> SFEV and CSV -> npy, and summarizes a file', async () => {
    expect((await cli(['events', 'convert', expected, 'spikes.sfev'])).code).toBe(0);
    const json = JSON.parse((await cli(['events', 'info', 'spikes.sfev', '--json'])).stdout);
    expect(json).toMatchObject({ format: 'sfev', kind: 'spikes', count: 41076, steps: 100 });
    expect(json.layers.find((l: { layer: string }) => l.layer === '12').count).toBe(231);
    expect((await cli(['events', 'convert', input, 'input.npy', '--shape', '2,34,34'])).code).toBe(0);
    const back = readInputEvents(join(work, 'input.npy'));
    const rows = (ev: InputEvents) =>
      Array.from({ length: ev.count }, (_, i) => `${ev.t[i]},${ev.c[i]},${ev.y[i]},${ev.x[i]}`).sort();
    expect(rows(back)).toEqual(rows(readInputCsv(input)));
  });

  it('diff: exit 0 and "identical", or exit 1 with a report and stable JSON', async () => {
    writeEvents(join(work, 'same.sfev'), readSpikesCsv(expected));
    const same = await cli(['diff', expected, 'same.sfev']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^identical: 41076 spikes in 5 layers/);
    const lines = readFileSync(expected, 'utf8').trim().split(/\r?\n/);
    writeFileSync(
      join(work, 'changed.csv'),
      [...lines.slice(0, 501), ...lines.slice(502), '99,12,7,0,0'].join('\n'),
    );
    const changed = await cli(['diff', expected, 'changed.csv']);
    expect(changed.code).toBe(1);
    const [t, layer, c, y, x] = lines[501].split(',');
    expect(changed.stdout).toContain('first divergence:');
    expect(changed.stdout).toContain('1 only in a, 1 only in b');
    const j = JSON.parse((await cli(['diff', expected, 'changed.csv', '--json'])).stdout);
    expect(Object.keys(j)).toEqual([
      'a',
      'b',
      'identical',
      'totalA',
      'totalB',
      'matched',
      'onlyInA',
      'onlyInB',
      'differingSteps',
      'firstDivergence',
      'layers',
      'neurons',
    ]);
    expect(j.neurons).toContainEqual(
      expect.objectContaining({ layer, c: Number(c), y: Number(y), x: Number(x), mismatched: 1 }),
    );
    expect(Number(t)).toBeGreaterThanOrEqual(j.firstDivergence.step);
  });

  it('plot writes an SVG; errors name the file and give no stack trace', async () => {
    const r = await cli(['plot', expected, '-o', 'r.svg', '--heatmap', '--layers', '1,12']);
    expect(r.code, r.stderr).toBe(0);
    const svg = readFileSync(join(work, 'r.svg'), 'utf8');
    expect(svg).toContain('one map per channel');
    expect(svg).not.toContain('font-weight="bold">3</tspan>');
    const bad = await cli(['plot', expected, '-o', 'x.svg', '--layers', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error: no layer named "nope"');
    expect(bad.stderr).toContain('hint: layers present: 1, 3, 10, 6, 12');
    const missing = await cli(['events', 'info', 'missing.sfev']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: missing\.sfev: no such file/);
    expect(missing.stderr).not.toContain('    at ');
  });

  it('a number option that is not a whole number is refused, naming the flag and the value', async () => {
    // diff: 1 means "they differ", so trouble is 2
    expectCleanError(
      await cli(['diff', expected, expected, '--top', '2.5']),
      /--top: "2\.5" is not an integer >= 1$/,
      2,
    );
    expectCleanError(
      await cli(['events', 'info', 'any.csv', '--step-us', '0']),
      /--step-us: "0" is not a number > 0$/,
    );
    const network = join(repoRoot, 'examples', 'orientation.json');
    expectCleanError(
      await cli(['run', network, '-i', input, '-o', 'never.csv', '--step-us', '-1']),
      /--step-us: "-1" is not a number > 0$/,
    );
  });
});

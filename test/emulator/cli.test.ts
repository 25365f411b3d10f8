import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goldenFile } from '../fixtures.ts';
import { cli } from '../helpers.ts';

const sortedRows = (text: string) =>
  text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .slice(1)
    .sort();

describe('spikeforge run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reproduces a golden expected.csv from the NIR file', async () => {
    const out = join(dir, 'spikes.csv');
    const trace = join(dir, 'trace.csv');
    const { code, stderr } = await cli([
      'run',
      goldenFile('nmnist_csnn', 'network.nir'),
      '--input',
      goldenFile('nmnist_csnn', 'input.csv'),
      '--output',
      out,
      '--monitor',
      'all',
      '--trace',
      '12:0:0:0',
      '--trace-output',
      trace,
    ]);
    expect(code, stderr).toBe(0);
    expect(sortedRows(readFileSync(out, 'utf8'))).toEqual(
      sortedRows(readFileSync(goldenFile('nmnist_csnn', 'expected.csv'), 'utf8')),
    );
    expect(stderr).toMatch(/run: 100 steps, 41076 spikes \(.*12: 231.*\), 0 bandwidth warnings/);
    const tr = readFileSync(trace, 'utf8').trim().split('\n');
    expect(tr[0]).toBe('t,layer,c,y,x,v');
    expect(tr).toHaveLength(101);
  });

  it('runs a batch folder with labels and reports the accuracy', async () => {
    const samples = join(dir, 'samples');
    const input = readFileSync(goldenFile('nmnist_csnn', 'input.csv'), 'utf8').split(/\r?\n/);
    mkdirSync(samples);
    // Three samples: the golden input, its first half of steps, and its second half.
    const rowsOf = (keep: (t: number) => boolean) =>
      [input[0], ...input.slice(1).filter((l) => l !== '' && keep(Number(l.split(',')[0])))].join('\n');
    writeFileSync(
      join(samples, 'a.csv'),
      rowsOf(() => true),
    );
    writeFileSync(
      join(samples, 'b.csv'),
      rowsOf((t) => t < 50),
    );
    writeFileSync(
      join(samples, 'c.csv'),
      rowsOf((t) => t >= 50),
    );
    const out = join(dir, 'batch.csv');
    const labels = join(dir, 'labels.csv');
    writeFileSync(labels, 'file,label\na.csv,3\nb.csv,3\nc.csv,9\n');
    const { code, stderr } = await cli([
      'run',
      goldenFile('nmnist_csnn', 'network.nir'),
      '--batch',
      samples,
      '--labels',
      labels,
      '--workers',
      '2',
      '--steps',
      '100',
      '--output',
      out,
      // The JavaScript engine in the workers (the single run above uses the default, WebAssembly).
      '--engine',
      'js',
    ]);
    expect(code, stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0].split(',').slice(0, 5)).toEqual(['file', 'label', 'prediction', 'spikes', 'count0']);
    expect(lines).toHaveLength(4);
    // Sample a is the golden input: its output layer "12" spiked 231 times.
    expect(lines[1].split(',')[3]).toBe('231');
    const correct = lines.slice(1).filter((l) => {
      const f = l.split(',');
      return f[1] === f[2];
    }).length;
    expect(stderr).toContain(`accuracy ${((correct / 3) * 100).toFixed(2)}% (${correct}/3)`);
  });

  const refusals: [string, string, string, RegExp][] = [
    ['an unknown layer', '--monitor', 'nope', /error: --monitor: no layer named "nope"[\s\S]*hint: layers:/],
    [
      'an unknown engine',
      '--engine',
      'gpu',
      /error: --engine: unknown engine "gpu"[\s\S]*hint: engines: js, wasm/,
    ],
  ];
  for (const [what, flag, value, message] of refusals) {
    it(`fails with a hint on ${what}`, async () => {
      const err = await cli([
        'run',
        goldenFile('integer_exact', 'network.nir'),
        '--input',
        goldenFile('integer_exact', 'input.csv'),
        '--output',
        join(dir, 'x.csv'),
        flag,
        value,
      ]);
      expect(err).toMatchObject({ code: 1 });
      expect(err.stderr).toMatch(message);
    });
  }
});

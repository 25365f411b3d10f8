import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBatchSamples } from '../../src/emulator/samples.ts';
import { errorOf } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-samples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const folder = join(dir, 'samples');
mkdirSync(folder);
for (const f of ['a.csv', 'b.csv', 'c.csv']) writeFileSync(join(folder, f), 't,c,y,x\n0,0,0,0\n');
const labelsOf = (name: string, text: string): number[] => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return loadBatchSamples(folder, path).map((s) => s.label!);
};

describe('--batch labels: every documented format', () => {
  it('file,label rows without a header, in any order', () => {
    expect(labelsOf('rows.csv', 'c.csv,9\na.csv,3\nb.csv,4\n')).toEqual([3, 4, 9]);
  });

  it('file,label rows under a header (file or sample)', () => {
    expect(labelsOf('h1.csv', 'file,label\nb.csv,4\na.csv,3\nc.csv,9\n')).toEqual([3, 4, 9]);
    expect(labelsOf('h2.csv', 'sample,label\r\nsamples/a.csv,1\r\nb.csv,2\r\nc.csv,0\r\n')).toEqual([
      1, 2, 0,
    ]);
  });

  it('one label per line, in the order of the sorted sample files, with or without a label header', () => {
    expect(labelsOf('lines.txt', '7\n8\n\n9\n')).toEqual([7, 8, 9]);
    expect(labelsOf('lines.csv', 'label\n7\n8\n9\n')).toEqual([7, 8, 9]);
  });

  it('says which line is wrong and how the file should look', () => {
    writeFileSync(join(dir, 'bad.csv'), 'a.csv,3\nb.csv\nc.csv,9\n');
    const e = errorOf(() => loadBatchSamples(folder, join(dir, 'bad.csv')));
    expect(e.message).toBe(`${join(dir, 'bad.csv')}: line 2: 1 cells, expected file,label`);
    expect(e.hint).toMatch(/file,label rows .* or one label per line/);
    writeFileSync(join(dir, 'neg.csv'), '1\n-2\n3\n');
    expect(errorOf(() => loadBatchSamples(folder, join(dir, 'neg.csv'))).message).toBe(
      `${join(dir, 'neg.csv')}: line 2: label: "-2" is not a class index (an integer >= 0)`,
    );
    writeFileSync(join(dir, 'short.csv'), '1\n2\n');
    expect(errorOf(() => loadBatchSamples(folder, join(dir, 'short.csv'))).message).toBe(
      `${join(dir, 'short.csv')}: 2 labels for 3 samples`,
    );
    writeFileSync(join(dir, 'miss.csv'), 'a.csv,1\nb.csv,2\n');
    const miss = errorOf(() => loadBatchSamples(folder, join(dir, 'miss.csv')));
    expect([miss.message, miss.hint?.startsWith('add a row "c.csv,<label>"')]).toEqual([
      `${join(dir, 'miss.csv')}: no label for c.csv`,
      true,
    ]);
  });
});

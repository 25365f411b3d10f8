/**
 * The fast CSV paths against the plain text reading they replace: the same events (or the same error)
 * for any file, however its bytes are split into blocks; spike rows byte for byte as the text writer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputCsv, readInputCsvChunks, spikesCsvRows } from '../../src/events/csv.ts';
import { columnsOf, InputCsvParser, int, SpikesCsvEncoder } from '../../src/events/csvfast.ts';
import { readInputEventChunks } from '../../src/events/io.ts';
import { concatInputEvents } from '../../src/events/ops.ts';
import type { InputEvents } from '../../src/events/types.ts';
import { goldenFile } from '../fixtures.ts';
import { rowsOf, spikesOf } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-csvfast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text reading (split lines, split fields, Number per value) the fast path must agree with. */
function byText(text: string, file: string): string[] {
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (rows.length === 0) throw new Error(`${file}: empty file, expected a header t,c,y,x`);
  const [ti, ci, yi, xi] = columnsOf(rows[0], file, ['t', 'c', 'y', 'x']);
  const out: string[] = [];
  let last = 0;
  const i32 = new Int32Array(4);
  for (let r = 1; r < rows.length; r++) {
    const f = rows[r].split(',');
    i32[0] = int(f[ti], file, r + 1, 't');
    i32[1] = int(f[ci], file, r + 1, 'c');
    i32[2] = int(f[yi], file, r + 1, 'y');
    i32[3] = int(f[xi], file, r + 1, 'x');
    if (i32[0] < last) throw new Error(`${file}:${r + 1}: step ${i32[0]} comes after step ${last}`);
    last = i32[0];
    out.push(i32.join(','));
  }
  return out;
}

/** The fast path fed `text` in blocks cut at `cuts`, in chunks of `chunk` events. */
function byBytes(text: string, file: string, cuts: number[], chunk: number): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const parser = new InputCsvParser(file, chunk);
  const chunks: InputEvents[] = [];
  // one buffer refilled for every block, as a file reader does
  const scratch = Buffer.alloc(bytes.length);
  let from = 0;
  for (const cut of [...cuts.map((c) => Math.min(c, bytes.length)).sort((a, b) => a - b), bytes.length]) {
    const n = bytes.copy(scratch, 0, from, Math.max(from, cut));
    parser.push(scratch.subarray(0, n));
    scratch.fill(0x2c);
    from = Math.max(from, cut);
    chunks.push(...parser.ready.splice(0));
  }
  parser.end();
  chunks.push(...parser.ready.splice(0));
  expect(chunks.every((c) => c.count > 0 && c.count <= chunk)).toBe(true);
  const ev = concatInputEvents(chunks);
  return Array.from({ length: ev.count }, (_, i) => `${ev.t[i]},${ev.c[i]},${ev.y[i]},${ev.x[i]}`);
}

const outcome = (f: () => string[]): { rows: string[] } | { error: string } => {
  try {
    return { rows: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

// Values: mostly plain digits, sometimes what Number() takes or refuses.
const value = fc.oneof(
  { weight: 12, arbitrary: fc.nat(300).map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ' 7',
      '8 ',
      '\t9',
      '5.0',
      '1e2',
      '0x1f',
      '+3',
      '-1',
      '',
      ' ',
      'a',
      '1 2',
      '2.5',
      '00012',
      '4294967297',
      '12345678901234567890',
      '\u00a06',
      '\r',
    ),
  },
);
const row = fc.array(value, { minLength: 3, maxLength: 6 }).map((f) => f.join(','));
const header = fc.constantFrom(
  't,c,y,x',
  'x,y,c,t',
  't,c,y,x,p',
  ' t , c ,y,x',
  'p,t,c,y,x',
  't,c,y',
  'T,c,y,x',
);
const newline = fc.constantFrom('\n', '\r\n', '\n\n', '\n  \n');
const file = fc
  .tuple(header, fc.array(fc.tuple(row, newline), { maxLength: 40 }), fc.boolean())
  .map(([h, rows, endsWithNewline]) => {
    const text = `${h}\n${rows.map(([r, nl]) => r + nl).join('')}`;
    return endsWithNewline ? text : text.replace(/\s+$/, '');
  });
// Sorted plain rows too, so that long valid files are common.
const sortedFile = fc
  .array(fc.tuple(fc.nat(5), fc.nat(3), fc.nat(40), fc.nat(40)), { maxLength: 200 })
  .map((rows) => {
    let t = 0;
    const lines = rows.map(([dt, c, y, x]) => {
      t += dt;
      return `${t},${c},${y},${x}\n`;
    });
    return `t,c,y,x\n${lines.join('')}`;
  });

describe('fast CSV input', () => {
  it('reads what the text reading reads, fails where it fails, for any block boundaries and chunk size', () => {
    fc.assert(
      fc.property(
        fc.oneof(file, sortedFile),
        fc.array(fc.nat(4000), { maxLength: 6 }),
        fc.integer({ min: 1, max: 50 }),
        (text, cuts, chunk) => {
          expect(outcome(() => byBytes(text, 'f.csv', cuts, chunk))).toEqual(
            outcome(() => byText(text, 'f.csv')),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads a file in chunks in file order, and whole, as the golden input', () => {
    const path = goldenFile('nmnist_csnn', 'input.csv');
    const chunks = [...readInputCsvChunks(path, 1000)];
    expect(chunks.map((c) => c.count)).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000, 1]);
    const whole = readInputCsv(path);
    expect(rowsOf(concatInputEvents(chunks))).toEqual(rowsOf(whole));
    expect([...readInputEventChunks(path)].reduce((n, c) => n + c.count, 0)).toBe(whole.count);
  });

  it('names the file and the line of a bad row, and an empty file', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `t,c,y,x\n${'0,0,1,1\n'.repeat(70000)}1,0,x,1\n`);
    expect(() => readInputCsv(bad)).toThrow(
      `${bad}:70002: column "y" is "x", expected a non-negative integer`,
    );
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '\n \n');
    expect(() => readInputCsv(empty)).toThrow(`${empty}: empty file, expected a header t,c,y,x`);
  });
});

describe('fast CSV spikes', () => {
  it('writes the rows byte for byte as spikesCsvRows, across buffer refills', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 2 ** 31 - 1 }),
            fc.nat(2),
            fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
            fc.nat(9),
            fc.nat(100000),
          ),
          { maxLength: 300 },
        ),
        fc.integer({ min: 64, max: 400 }),
        (rows, size) => {
          const sp = spikesOf(['conv1', '12', 'ü-layer'], rows);
          const parts: Buffer[] = [];
          const enc = new SpikesCsvEncoder((b) => parts.push(Buffer.from(b)), size);
          enc.rows(sp);
          enc.rows(sp);
          enc.flush();
          expect(Buffer.concat(parts).toString('utf8')).toBe(spikesCsvRows(sp) + spikesCsvRows(sp));
        },
      ),
      { numRuns: 200 },
    );
  });
});

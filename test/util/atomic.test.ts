import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveNetwork } from '../../src/network/index.ts';
import { writeFileAtomic } from '../../src/util/atomic.ts';
import { errorOf, rejectionOf } from '../helpers.ts';
import { tinyConvNet } from '../network/build.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the whole file and leaves no temporary sibling', () => {
    writeFileAtomic(join(dir, 'a.txt'), 'hello');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('hello');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('names the target and the reason in words, never the temporary file', () => {
    const missing = join(dir, 'missing', 'x.csv');
    const e = errorOf(() => writeFileAtomic(missing, 'x'));
    expect(e.code).toBe('FILE_WRITE');
    expect(e.message).toBe(`${missing}: cannot write (the folder ${join(dir, 'missing')} does not exist)`);
    expect(e.hint).toBe('create the folder first, or write somewhere else');
    const folder = join(dir, 'out.csv');
    mkdirSync(folder);
    expect(errorOf(() => writeFileAtomic(folder, 'x')).message).toBe(
      `${folder}: cannot write (it is a directory)`,
    );
  });

  it('a NIR write into a missing folder reports the same, not wrapped twice', async () => {
    const path = join(dir, 'missing', 'net.nir');
    const e = await rejectionOf(saveNetwork(tinyConvNet(), path));
    expect(e.message).toBe(`${path}: cannot write (the folder ${join(dir, 'missing')} does not exist)`);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../src/events/io.ts';
import { readTraceCsv } from '../../src/events/trace.ts';
import { loadNetwork } from '../../src/network/index.ts';
import { openUserFile, readUserFile, readUserText } from '../../src/util/files.ts';
import { errorOf } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading user files', () => {
  it('reads bytes and text', () => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'héllo');
    expect(readUserText(path)).toBe('héllo');
    expect([...readUserFile(path)]).toEqual([...Buffer.from('héllo')]);
  });

  it('names a missing file and says to check the path', () => {
    const path = join(dir, 'missing.csv');
    for (const read of [readUserFile, readUserText, openUserFile]) {
      const e = errorOf(() => read(path));
      expect(e.code).toBe('FILE_NOT_FOUND');
      expect(e.message).toBe(`${path}: no such file`);
      expect(e.hint).toMatch(/check the path/);
    }
  });

  it('refuses a directory on open, not on the first read', () => {
    for (const read of [readUserFile, readUserText, openUserFile]) {
      const e = errorOf(() => read(dir));
      expect(e.code).toBe('FILE_READ');
      expect(e.message).toBe(`${dir}: is a directory, expected a file`);
    }
  });

  it('every reader of events, traces and networks maps a directory the same way', async () => {
    for (const read of [
      () => readEvents(dir),
      () => readEvents(dir, { format: 'csv' }),
      () => readTraceCsv(dir),
    ]) {
      expect(errorOf(read).message).toBe(`${dir}: is a directory, expected a file`);
    }
    await expect(loadNetwork(dir)).rejects.toThrow(`${dir}: is a directory, expected a file`);
  });

  it('an explicit event format still reports a missing file precisely', () => {
    const path = join(dir, 'nope.npy');
    const e = errorOf(() => readEvents(path, { format: 'npy' }));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.message).toBe(`${path}: no such file`);
  });
});

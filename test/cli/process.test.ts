/**
 * The command line as a real process (most CLI tests run it in-process, test/helpers.ts cli): what only
 * a process shows, its exit status and its output streams.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenFile, repoRoot } from '../fixtures.ts';
import { cliProcess, expectCleanError } from '../helpers.ts';

describe('spikeforge as a process', () => {
  it('--version prints the package version and exits 0', () => {
    const r = cliProcess(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')).version);
  });

  it('diff exits 2 on a file it cannot read, with a clean error on stderr and nothing on stdout', () => {
    const r = cliProcess(['diff', goldenFile('integer_exact', 'expected.csv'), 'missing.csv']);
    expectCleanError(r, /missing\.csv: no such file/, 2);
    expect(r.stdout).toBe('');
  });
});

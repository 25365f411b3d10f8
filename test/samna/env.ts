/** The fake samna (test/samna/fake, standard-library Python) for the bridge started by these tests. */
import { join } from 'node:path';
import { repoRoot } from '../fixtures.ts';

export const fakeSamnaDir = join(repoRoot, 'test', 'samna', 'fake');

const KEYS = [
  'PYTHONPATH',
  'SPIKEFORGE_PYTHON',
  'FAKE_SAMNA_BUSY',
  'FAKE_SAMNA_DEVICES',
  'FAKE_SAMNA_WITHOUT',
  'FAKE_SAMNA_RECORD',
] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

/** Puts the fake samna first on the bridge's Python path (the bridge inherits process.env). */
export function useFakeSamna(): void {
  process.env.PYTHONPATH = fakeSamnaDir;
  for (const k of KEYS) if (k !== 'PYTHONPATH' && k !== 'FAKE_SAMNA_RECORD') delete process.env[k];
}

/** The environment as it was before these tests. */
export function restoreEnvironment(): void {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
}

/** A samna URI that does not wait the second sinabs waits after applying (the fake needs none). */
export const FAST = 'samna:speck2fdevkit?settle_ms=0&quiet_ms=20';

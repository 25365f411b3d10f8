/** The fake samna (test/samna/fake, standard-library Python) for the bridge started by these tests. */
import { join } from 'node:path';
import { repoRoot } from '../fixtures.ts';

export const fakeSamnaDir = join(repoRoot, 'test', 'samna', 'fake');

/** Puts the fake samna first on the bridge's Python path (the bridge inherits process.env). */
export function useFakeSamna(): void {
  process.env.PYTHONPATH = fakeSamnaDir;
  delete process.env.SPIKEFORGE_PYTHON;
  delete process.env.FAKE_SAMNA_BUSY;
  delete process.env.FAKE_SAMNA_DEVICES;
  delete process.env.FAKE_SAMNA_WITHOUT;
}

/** A samna URI that does not wait the second sinabs waits after applying (the fake needs none). */
export const FAST = 'samna:speck2fdevkit?settle_ms=0&quiet_ms=20';

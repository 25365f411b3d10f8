/** Paths to ../shared/fixtures (CI has shared/ beside the checkout); the package itself never needs them. */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = resolve(repoRoot, '..', 'shared');
export const fixturesDir = join(sharedDir, 'fixtures');
export const nirFixture = (name: string): string => join(fixturesDir, 'nir', name);
export const goldenDir = join(fixturesDir, 'golden');
export const goldenCases = (): string[] => readdirSync(goldenDir).sort();
export const goldenFile = (caseName: string, file: string): string => join(goldenDir, caseName, file);

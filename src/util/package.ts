/**
 * The package's own files (package.json, examples/), found from this module whether it runs from the
 * TypeScript sources (src/util/) or compiled (dist/src/util/): the first directory up with a package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

/** The directory of spikeforge's package.json. */
export const packageRoot = findRoot();

/** A path inside the package (`packagePath('examples', 'orientation.json')`). */
export const packagePath = (...parts: string[]): string => join(packageRoot, ...parts);

/** The package's version (package.json). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

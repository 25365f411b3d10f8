// Builds dist/: the compiled JavaScript and type declarations of src/ and firmware-sim/ (tsc, with the
// sources' `.ts` import extensions rewritten to `.js`), plus the generated protocol code they import.
// Run by `npm install` (prepare, after gen-proto.js) and `npm run build`. Does nothing when dist/ is newer
// than every source it is built from (a no-op tsc still takes seconds); `--force` builds anyway.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', '.bin', 'tsc');
if (!existsSync(tsc)) {
  console.log('build: typescript not installed (production install?); keeping the shipped dist/');
  process.exit(0);
}
/** The newest modification time of the files under `path` (a file or a folder). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const stamp = join(root, 'dist', '.tsbuildinfo');
const inputs = [
  'src',
  'firmware-sim',
  join('protocol', 'gen'),
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];
const upToDate =
  !process.argv.includes('--force') &&
  existsSync(stamp) &&
  inputs.every((p) => newest(join(root, p)) < statSync(stamp).mtimeMs);
if (upToDate) {
  console.log('build: dist/ is up to date');
  process.exit(0);
}
const started = new Date();
execFileSync(tsc, ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
mkdirSync(join(root, 'dist', 'protocol', 'gen'), { recursive: true });
for (const f of ['spikeforge.js', 'spikeforge.d.ts']) {
  copyFileSync(join(root, 'protocol', 'gen', f), join(root, 'dist', 'protocol', 'gen', f));
}
// tsc leaves its build info untouched when no output changed: the stamp says which sources dist/ has
// (those older than the start of this build)
utimesSync(stamp, started, started);

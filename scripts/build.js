// Builds dist/: the compiled JavaScript and type declarations of src/ and firmware-sim/ (tsc, with the
// sources' `.ts` import extensions rewritten to `.js`), plus the generated protocol code they import.
// Run by `npm install` (prepare, after gen-proto.js) and `npm run build`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', '.bin', 'tsc');
if (!existsSync(tsc)) {
  console.log('build: typescript not installed (production install?); keeping the shipped dist/');
  process.exit(0);
}
execFileSync(tsc, ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
mkdirSync(join(root, 'dist', 'protocol', 'gen'), { recursive: true });
for (const f of ['spikeforge.js', 'spikeforge.d.ts']) {
  copyFileSync(join(root, 'protocol', 'gen', f), join(root, 'dist', 'protocol', 'gen', f));
}

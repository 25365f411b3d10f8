// Generates protocol/gen/spikeforge.{js,d.ts} from protocol/spikeforge.proto (run by `npm install`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'node_modules', '.bin');
if (!existsSync(join(bin, 'pbjs'))) {
  console.log(
    'gen-proto: protobufjs-cli not installed (production install?); using the shipped protocol/gen',
  );
  process.exit(0);
}
mkdirSync(join(root, 'protocol', 'gen'), { recursive: true });
const js = join(root, 'protocol', 'gen', 'spikeforge.js');
execFileSync(
  join(bin, 'pbjs'),
  [
    '-t',
    'static-module',
    '-w',
    'es6',
    '--force-number',
    '-o',
    js,
    join(root, 'protocol', 'spikeforge.proto'),
  ],
  { stdio: 'inherit' },
);
execFileSync(join(bin, 'pbts'), ['-o', join(root, 'protocol', 'gen', 'spikeforge.d.ts'), js], {
  stdio: 'inherit',
});

/**
 * Start-up as a user meets it: `bin/spikeforge.js` (the compiled dist/: `npm run build` first) run as a
 * process per command, wall time (median of a few runs), CPU time (user + system, median; a steadier
 * figure on a busy machine) and peak RSS (`/usr/bin/time`, when installed). Goals on a 2-core laptop class
 * machine: `--version`, `--help`, `diff`, `events info` <= 0.3 s and <= 100 MB; `compile` of the
 * N-MNIST CSNN NIR file <= 0.6 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goldenFile, nirFixture } from '../test/fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'spikeforge.js');
const gnuTime = '/usr/bin/time';

interface Sample {
  wallMs: number;
  cpuMs: number | undefined;
  rssMb: number | undefined;
  code: number | null;
}

function once(args: string[], cwd: string): Sample {
  const withTime = existsSync(gnuTime);
  const cmd = withTime ? gnuTime : process.execPath;
  const argv = withTime ? ['-f', '%M %U %S', process.execPath, bin, ...args] : [bin, ...args];
  const t = performance.now();
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8' });
  const wallMs = performance.now() - t;
  const [kb, user, sys] = withTime ? (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number) : [];
  const cpu = (user ?? Number.NaN) + (sys ?? Number.NaN);
  return {
    wallMs,
    cpuMs: Number.isFinite(cpu) ? cpu * 1000 : undefined,
    rssMb: Number.isFinite(kb) ? kb / 1024 : undefined,
    code: r.status,
  };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spikeforge-startup-'));
  const spikes = goldenFile('integer_exact', 'expected.csv');
  const commands: [string, string[], number][] = [
    ['--version', ['--version'], 0.3],
    ['--help', ['--help'], 0.3],
    ['diff (two small files)', ['diff', spikes, spikes], 0.3],
    ['events info (input.csv)', ['events', 'info', goldenFile('integer_exact', 'input.csv')], 0.3],
    [
      'compile N-MNIST CSNN (NIR)',
      ['compile', nirFixture('cnn_sinabs_nir020.nir'), '-o', join(dir, 'n.img')],
      0.6,
    ],
  ];
  const runs = 5;
  try {
    console.log(
      `${'command'.padEnd(30)} ${'wall (median)'.padStart(14)} ${'cpu (median)'.padStart(13)} ${'peak RSS'.padStart(10)}  goal`,
    );
    for (const [name, args, goal] of commands) {
      once(args, dir); // warm the file cache
      const samples = Array.from({ length: runs }, () => once(args, dir));
      const bad = samples.find((s) => s.code !== 0);
      if (bad) throw new Error(`spikeforge ${args.join(' ')} exited with ${bad.code}`);
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const wall = median(samples.map((s) => s.wallMs));
      const cpu = median(samples.map((s) => s.cpuMs ?? Number.NaN));
      const rss = Math.max(...samples.map((s) => s.rssMb ?? Number.NaN));
      const shown = (x: number, text: string) => (Number.isNaN(x) ? 'n/a' : text);
      console.log(
        `${name.padEnd(30)} ${`${(wall / 1000).toFixed(3)} s`.padStart(14)} ${shown(cpu, `${(cpu / 1000).toFixed(3)} s`).padStart(13)} ${shown(rss, `${rss.toFixed(0)} MB`).padStart(10)}  <= ${goal} s${goal < 0.5 ? ', 100 MB' : ''}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

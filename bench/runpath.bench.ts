/**
 * `spikeforge run` end to end on a long recording against the engine alone: the golden N-MNIST input
 * repeated 300 times one after the other (about 2.1M events, 30,000 steps) as a CSV file. End to end =
 * read the file in chunks, simulate, write the spike CSV (in this process, after compiling); engine
 * alone = the same simulation of events already in memory, spikes counted and dropped. Goal: end to end
 * within 1.3x of the engine. Then the same run as a process (`bin/spikeforge.js`, needs `npm run build`):
 * wall time and peak RSS, which a chunked run keeps bounded by a window, not by the recording.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';
import { loadConfig } from '../src/compiler/index.ts';
import { Emulator } from '../src/emulator/index.ts';
import { readInputCsv } from '../src/events/csv.ts';
import { goldenFile } from '../test/fixtures.ts';

const SAMPLES = 300;
const STEPS = 100;

const sink = () =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spikeforge-runpath-'));
  try {
    const one = readInputCsv(goldenFile('nmnist_csnn', 'input.csv'));
    const rows: string[] = ['t,c,y,x'];
    for (let s = 0; s < SAMPLES; s++) {
      for (let i = 0; i < one.count; i++)
        rows.push(`${one.t[i] + s * STEPS},${one.c[i]},${one.y[i]},${one.x[i]}`);
    }
    const input = join(dir, 'long.csv');
    writeFileSync(input, `${rows.join('\n')}\n`);
    const { config, image } = await loadConfig(goldenFile('nmnist_csnn', 'network.nir'), { monitor: 'last' });
    const img = join(dir, 'net.img');
    writeFileSync(img, image);
    const events = readInputCsv(input);
    console.log(
      `recording: ${events.count} events, ${SAMPLES * STEPS} steps (${SAMPLES} N-MNIST samples), ${(statSync(input).size / 1e6).toFixed(1)} MB CSV`,
    );

    for (const monitor of ['last', 'all'] as const) {
      const emulator = new Emulator(config, { monitor });
      const out = join(dir, `spikes-${monitor}.csv`);
      const args = ['node', 'spikeforge', 'run', img, '-i', input, '-o', out, '--monitor', monitor];
      let spikes = 0;
      let engineMs = Number.POSITIVE_INFINITY;
      let e2eMs = Number.POSITIVE_INFINITY;
      // alternating, best of 3 each: the two see the same machine (and the same warm JIT)
      for (let rep = 0; rep < 3; rep++) {
        spikes = 0;
        const t0 = performance.now();
        emulator.run(events, { steps: SAMPLES * STEPS, onSpikes: (b) => (spikes += b.count) });
        engineMs = Math.min(engineMs, performance.now() - t0);
        const t1 = performance.now();
        const code = await main(args, { stdout: sink(), stderr: sink() });
        e2eMs = Math.min(e2eMs, performance.now() - t1);
        if (code !== 0) throw new Error(`spikeforge run exited with ${code}`);
      }
      const perSample = (ms: number) => `${(ms / SAMPLES).toFixed(2)} ms/sample`;
      console.log(
        `--monitor ${monitor}: ${spikes} spikes (${(statSync(out).size / 1e6).toFixed(1)} MB CSV); engine alone ${perSample(engineMs)}, run end to end ${perSample(e2eMs)}: ${(e2eMs / engineMs).toFixed(2)}x the engine (goal <= 1.3x)`,
      );
    }

    const bin = fileURLToPath(new URL('../bin/spikeforge.js', import.meta.url));
    const built = existsSync(fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url)));
    if (built && existsSync('/usr/bin/time')) {
      for (const monitor of ['last', 'all']) {
        const out = join(dir, 'p.csv');
        const t = performance.now();
        const r = spawnSync(
          '/usr/bin/time',
          ['-f', '%M', process.execPath, bin, 'run', img, '-i', input, '-o', out, '--monitor', monitor],
          { encoding: 'utf8' },
        );
        const wall = performance.now() - t;
        const rss = Number(r.stderr.trim().split('\n').at(-1)) / 1024;
        console.log(
          `as a process (--monitor ${monitor}, start-up included): ${(wall / 1000).toFixed(2)} s wall, peak RSS ${rss.toFixed(0)} MB`,
        );
      }
    } else console.log('as a process: skipped (run `npm run build` first; needs /usr/bin/time)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

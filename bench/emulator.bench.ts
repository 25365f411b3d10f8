/**
 * Emulator speed on the golden N-MNIST CSNN (100 steps): the event-driven engine against the dense
 * reference, and batch throughput on 1 and 2 worker threads, all measured in this run: cold (`runBatch`,
 * which starts and ends its workers, so each batch pays their start-up and JIT warm-up) and warm (a
 * `BatchPool` warmed by one run, then timed). Target: <= 4 ms per sample on one core (sinabs: about
 * 22 ms), >= 1.8x on two workers.
 */
import { dynapcnn9 } from '../src/chip/index.ts';
import { compileNetwork } from '../src/compiler/index.ts';
import { BatchPool, denseReference, Emulator, runBatch } from '../src/emulator/index.ts';
import { readInputCsv } from '../src/events/csv.ts';
import { decodeImage, encodeImage } from '../src/image/index.ts';
import { loadNetwork } from '../src/network/index.ts';
import { goldenFile } from '../test/fixtures.ts';

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function time(reps: number, fn: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs: wall / reps, cpuMs: (c.user + c.system) / 1000 / reps };
}

const fmt = (x: number, d = 2) => x.toFixed(d);

export async function run(): Promise<void> {
  const network = await loadNetwork(goldenFile('nmnist_csnn', 'network.nir'));
  const config = decodeImage(encodeImage(compileNetwork(network, dynapcnn9).config));
  const events = readInputCsv(goldenFile('nmnist_csnn', 'input.csv'));
  const steps = 100;

  const emu = new Emulator(config, { monitor: 'all' });
  for (let i = 0; i < 30; i++) emu.run(events, { steps });
  const synops = emu.stats().cores.reduce((s, c) => s + c.synops, 0);
  const spikes = emu.run(events, { steps }).count;
  const fast = time(200, () => emu.run(events, { steps }));

  denseReference(config, events, steps);
  const dense = time(3, () => denseReference(config, events, steps));
  let macs = 0;
  for (const c of config.cores) {
    macs += c.outputShape[0] * c.outputShape[1] * c.outputShape[2] * c.inputShape[0] * c.kernelSize ** 2;
  }
  macs *= steps;

  console.log(
    `nmnist_csnn, ${steps} steps, ${events.count} input events, ${spikes} spikes, ${synops} synaptic ops`,
  );
  console.log(
    `event-driven: ${fmt(fast.wallMs, 3)} ms/sample wall, ${fmt(fast.cpuMs, 3)} ms/sample cpu, ${fmt(synops / fast.wallMs / 1e3, 0)} M synops/s (target <= 4 ms; sinabs ~22 ms)`,
  );
  console.log(
    `dense reference: ${fmt(dense.wallMs, 1)} ms/sample wall, ${fmt(dense.cpuMs, 1)} ms/sample cpu, ${fmt(synops / dense.wallMs / 1e3, 1)} M event synops/s (${fmt(macs / dense.wallMs / 1e3, 0)} M dense MAC/s)`,
  );
  console.log(`event-driven / dense speed-up: ${fmt(dense.wallMs / fast.wallMs, 1)}x`);

  const samples = Array.from({ length: 400 }, () => ({ events }));
  const rate = (ms: number) => (samples.length / ms) * 1000;
  const scaling = (one: number, two: number) =>
    `1 worker ${fmt(rate(one), 0)} samples/s, 2 workers ${fmt(rate(two), 0)} samples/s, scaling ${fmt(one / two)}x`;

  await runBatch(config, samples.slice(0, 8), { workers: 2, steps });
  const cold1 = await runBatch(config, samples, { workers: 1, steps });
  const cold2 = await runBatch(config, samples, { workers: 2, steps });
  console.log(
    `batch cold, runBatch (${samples.length} samples, worker start-up included): ${scaling(cold1.elapsedMs, cold2.elapsedMs)}`,
  );

  const warm = async (workers: number) => {
    const pool = new BatchPool({ workers });
    try {
      await pool.run(config, samples.slice(0, 40), { steps });
      return (await pool.run(config, samples, { steps })).elapsedMs;
    } finally {
      await pool.close();
    }
  };
  const warm1 = await warm(1);
  const warm2 = await warm(2);
  console.log(
    `batch warm, BatchPool (${samples.length} samples, pool warmed by one run): ${scaling(warm1, warm2)} (target >= 1.8x)`,
  );
}

/**
 * Emulator speed on the golden N-MNIST CSNN (34x34 input, 100 steps: an N-MNIST sample), all measured in
 * this run: the two engines (WebAssembly SIMD, JavaScript) against each other and the dense reference,
 * per sample as `spikeforge run` sees it (the output layer monitored) and with every layer monitored;
 * batch throughput on 1 and 2 worker threads, cold (`runBatch`: worker start-up and warm-up included) and
 * warm (a `BatchPool` warmed by one run); and synaptic operations per second against this machine's
 * SIMD add rate, measured here by the engine's own module. For scale: sinabs (PyTorch, one thread) needs
 * about 22-40 ms per N-MNIST sample on this machine class. Goals: >= 15x sinabs, >= 1.8x on two workers.
 */
import { dynapcnn9 } from '../src/chip/index.ts';
import { compileNetwork } from '../src/compiler/index.ts';
import type { EngineName } from '../src/emulator/index.ts';
import { BatchPool, denseReference, Emulator, runBatch } from '../src/emulator/index.ts';
import { wasmInstance } from '../src/emulator/wasm.ts';
import { readInputCsv } from '../src/events/csv.ts';
import type { Monitor } from '../src/image/index.ts';
import { decodeImage, encodeImage } from '../src/image/index.ts';
import { loadNetwork } from '../src/network/index.ts';
import { goldenFile } from '../test/fixtures.ts';

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Per call of `fn`: the best of `rounds` rounds of `reps` calls (the least disturbed by other load). */
function time(reps: number, fn: () => void, rounds = 5): Timing {
  let best: Timing = { wallMs: Infinity, cpuMs: Infinity };
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    const wall = (performance.now() - t0) / reps;
    const c = process.cpuUsage(c0);
    if (wall < best.wallMs) best = { wallMs: wall, cpuMs: (c.user + c.system) / 1000 / reps };
  }
  return best;
}

const fmt = (x: number, d = 2) => x.toFixed(d);
const SINABS_MS = [22, 40];

/** Lane adds per second: registers only (the add units' limit) and the scatter's load-add-store loop. */
function simdRates(): { i16x8: number; i32x4: number; accumulate16: number } {
  const { exports, memory } = wasmInstance(1);
  const simdAdds = exports.simdAdds as (at: number, reps: number, wide: number) => void;
  const accumulate = exports.simdAccumulate as (
    a: number,
    w: number,
    len: number,
    c: number,
    r: number,
  ) => void;
  new Int16Array(memory).fill(1);
  const reps = 2_000_000;
  const adds = (wide: number) => {
    simdAdds(0, reps / 10, wide);
    const t = time(1, () => simdAdds(0, reps, wide), 5);
    return (reps * 8 * (wide ? 4 : 8)) / (t.wallMs / 1000);
  };
  // 48 lanes: one kernel row of the N-MNIST net's 3x3 layers (3 outputs x 16 features), in L1.
  const len = 48;
  const passes = 200_000;
  accumulate(4096, 8192, len, 1, passes / 10);
  const acc = time(1, () => accumulate(4096, 8192, len, 1, passes), 5);
  return { i16x8: adds(0), i32x4: adds(1), accumulate16: (len * passes) / (acc.wallMs / 1000) };
}

export async function run(): Promise<void> {
  const network = await loadNetwork(goldenFile('nmnist_csnn', 'network.nir'));
  const config = decodeImage(encodeImage(compileNetwork(network, dynapcnn9).config));
  const events = readInputCsv(goldenFile('nmnist_csnn', 'input.csv'));
  const steps = 100;

  const engineRun = (engine: EngineName, monitor: Monitor) => {
    const emu = new Emulator(config, { monitor, engine });
    for (let i = 0; i < 40; i++) emu.run(events, { steps });
    return { emu, t: time(60, () => emu.run(events, { steps })) };
  };
  const wasmLast = engineRun('wasm', 'last');
  const jsLast = engineRun('js', 'last');
  const wasmAll = engineRun('wasm', 'all');
  const jsAll = engineRun('js', 'all');
  const synops = wasmAll.emu.stats().cores.reduce((s, c) => s + c.synops, 0);
  const spikes = wasmAll.emu.run(events, { steps }).count;

  denseReference(config, events, steps);
  const dense = time(2, () => denseReference(config, events, steps), 1);

  console.log(
    `nmnist_csnn, ${steps} steps, ${events.count} input events, ${spikes} spikes, ${synops} synaptic ops per sample`,
  );
  // CPU time is what this process got: on a shared machine, wall time also counts waiting for a core.
  const line = (name: string, t: Timing) =>
    `${name}: ${fmt(t.wallMs, 3)} ms/sample wall, ${fmt(t.cpuMs, 3)} cpu, ${fmt(synops / t.cpuMs / 1e3, 0)} M synops/s (cpu), ` +
    `${fmt(SINABS_MS[0] / t.cpuMs, 1)}-${fmt(SINABS_MS[1] / t.cpuMs, 1)}x sinabs (cpu)`;
  console.log(line('engine wasm, output layer monitored', wasmLast.t));
  console.log(line('engine js,   output layer monitored', jsLast.t));
  console.log(line('engine wasm, all layers monitored', wasmAll.t));
  console.log(line('engine js,   all layers monitored', jsAll.t));
  console.log(line('dense reference', dense));
  console.log(
    `wasm / js (cpu): ${fmt(jsLast.t.cpuMs / wasmLast.t.cpuMs)}x (output layer), ${fmt(jsAll.t.cpuMs / wasmAll.t.cpuMs)}x (all layers); ` +
      `wasm / dense: ${fmt(dense.cpuMs / wasmLast.t.cpuMs, 0)}x (goal >= 15x sinabs, i.e. <= ${fmt(SINABS_MS[0] / 15)}-${fmt(SINABS_MS[1] / 15)} ms)`,
  );

  const simd = simdRates();
  const rate = synops / (wasmLast.t.cpuMs / 1000);
  console.log(
    `SIMD adds measured here: i16x8 ${fmt(simd.i16x8 / 1e9, 1)} G lane-adds/s, i32x4 ${fmt(simd.i32x4 / 1e9, 1)} G lane-adds/s (registers), ` +
      `scatter loop (int16 acc += w * cnt, in L1) ${fmt(simd.accumulate16 / 1e9, 1)} G/s`,
  );
  console.log(
    `engine wasm: ${fmt(rate / 1e9, 2)} G synops/s (cpu) = ${fmt((100 * rate) / simd.i16x8, 1)}% of the i16x8 add limit, ` +
      `${fmt((100 * rate) / simd.accumulate16, 1)}% of the scatter loop's (the rest: update, firing, routing)`,
  );

  const samples = Array.from({ length: 400 }, () => ({ events }));
  const perSec = (ms: number) => (samples.length / ms) * 1000;
  const scaling = (one: number, two: number) =>
    `1 worker ${fmt(perSec(one), 0)} samples/s, 2 workers ${fmt(perSec(two), 0)} samples/s, scaling ${fmt(one / two)}x`;

  await runBatch(config, samples.slice(0, 8), { workers: 2, steps });
  const cold1 = await runBatch(config, samples, { workers: 1, steps });
  const cold2 = await runBatch(config, samples, { workers: 2, steps });
  console.log(
    `batch cold, runBatch (${samples.length} samples, wasm, worker start-up included): ${scaling(cold1.elapsedMs, cold2.elapsedMs)}`,
  );
  for (const engine of ['wasm', 'js'] as const) {
    const warm = async (workers: number) => {
      const pool = new BatchPool({ workers });
      try {
        await pool.run(config, samples.slice(0, 40), { steps, engine });
        let best = Infinity;
        for (let r = 0; r < 3; r++)
          best = Math.min(best, (await pool.run(config, samples, { steps, engine })).elapsedMs);
        return best;
      } finally {
        await pool.close();
      }
    };
    const warm1 = await warm(1);
    const warm2 = await warm(2);
    console.log(
      `batch warm, BatchPool (${samples.length} samples, ${engine}, best of 3): ${scaling(warm1, warm2)} (goal >= 1.8x)`,
    );
  }
}

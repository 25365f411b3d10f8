import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BatchResult, BatchSample } from '../../src/emulator/index.ts';
import { BatchPool, Emulator, runBatch } from '../../src/emulator/index.ts';
import { formatInputCsv } from '../../src/events/csv.ts';
import type { ChipConfig } from '../../src/image/config.ts';
import type { RandomCase, Topology } from './random.ts';
import { randomCase } from './random.ts';

/** The first seed (from `from`) whose random case of this topology spikes at its output on its input. */
function activeSeed(topology: Topology, from = 0): number {
  for (let s = from; s < from + 300; s++) {
    const c = randomCase(s, { topology });
    if (new Emulator(c.config, { monitor: 'last' }).run(c.events, { steps: 12 }).count >= 20) return s;
  }
  throw new Error(`no active ${topology} case`);
}

const counts = (r: BatchResult) => r.samples.map((s) => Array.from(s.counts));

describe('batch mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-batch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Six samples, each dropping a different share of the case's input; half of them as files. */
  function variants(c: RandomCase, name: string): BatchSample[] {
    return Array.from({ length: 6 }, (_, i) => {
      const keep = [...Array(c.events.count).keys()].filter((j) => (j * 7 + i) % (i + 2) !== 0);
      const events = {
        count: keep.length,
        t: Int32Array.from(keep, (j) => c.events.t[j]),
        c: Int32Array.from(keep, (j) => c.events.c[j]),
        y: Int32Array.from(keep, (j) => c.events.y[j]),
        x: Int32Array.from(keep, (j) => c.events.x[j]),
      };
      if (i % 2 === 0) return { events, label: i % 3 };
      const file = join(dir, `${name}${i}.csv`);
      writeFileSync(file, formatInputCsv(events));
      return { events: file, label: i % 3 };
    });
  }

  const chainSeed = activeSeed('chain');
  const base = randomCase(chainSeed, { topology: 'chain' });
  const samples = variants(base, 's');
  const config = base.config;
  const output = config.cores.find((c) => c.destinations.length === 0)!;
  // A second, different network for the pool's second run.
  const other = randomCase(activeSeed('fanout'), { topology: 'fanout' });
  const otherSamples = variants(other, 'o');

  it('counts output spikes per neuron, predicts the argmax, and agrees across 0, 1 and 2 workers', async () => {
    const progress: number[] = [];
    const inThread = await runBatch(config, samples, { workers: 0, steps: 12 });
    const one = await runBatch(config, samples, { workers: 1, steps: 12 });
    const two = await runBatch(config, samples, {
      workers: 2,
      steps: 12,
      onProgress: (d) => progress.push(d),
    });
    expect(two.workers).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(inThread.outputLayer).toBe(output.layer);
    expect(counts(one)).toEqual(counts(inThread));
    expect(counts(two)).toEqual(counts(inThread));
    // Counts against a direct run of each sample.
    samples.forEach((s, i) => {
      if (typeof s.events === 'string') return;
      const spikes = new Emulator(config, { monitor: [output.layer] }).run(s.events, { steps: 12 });
      expect(inThread.samples[i].spikes).toBe(spikes.count);
    });
    const r = inThread.samples;
    expect(r.filter((s) => s.spikes > 0).length).toBeGreaterThan(2);
    const correct = r.filter((s) => s.prediction === s.label).length;
    expect(inThread.correct).toBe(correct);
    expect(inThread.accuracy).toBeCloseTo(correct / 6);
    for (const s of r) {
      const max = Math.max(...s.counts);
      expect(s.prediction).toBe(max === 0 ? -1 : s.counts.indexOf(max));
    }
    expect(r[1].file).toBe(join(dir, 's1.csv'));
  });

  it('reports a bad sample file with its path', async () => {
    await expect(runBatch(config, [{ events: join(dir, 'missing.csv') }], { workers: 1 })).rejects.toThrow(
      /missing\.csv: .*no such file/,
    );
  });

  it('a pool keeps its workers across runs of different networks, with the counts of runBatch and of 0 workers', async () => {
    const pool = new BatchPool({ workers: 2 });
    try {
      const first = await pool.run(config, samples, { steps: 12 });
      const progress: number[] = [];
      const second = await pool.run(other.config, otherSamples, {
        steps: 12,
        onProgress: (d) => progress.push(d),
      });
      // The first network once more: the workers must drop the second run's configuration.
      const third = await pool.run(config, samples.slice(2), { steps: 12 });
      expect([first.workers, second.workers, third.workers]).toEqual([2, 2, 2]);
      expect(progress).toEqual([1, 2, 3, 4, 5, 6]);

      const inThread = await runBatch(config, samples, { workers: 0, steps: 12 });
      const otherInThread = await runBatch(other.config, otherSamples, { workers: 0, steps: 12 });
      const otherCold = await runBatch(other.config, otherSamples, { workers: 2, steps: 12 });
      expect(counts(first)).toEqual(counts(inThread));
      expect(counts(second)).toEqual(counts(otherInThread));
      expect(counts(second)).toEqual(counts(otherCold));
      expect(counts(third)).toEqual(counts(inThread).slice(2));
      expect(third.samples[1].file).toBe(samples[3].events);
      expect(second.outputLayer).toBe(otherInThread.outputLayer);
      expect(second.correct).toBe(otherInThread.correct);
      // The two networks differ, so the second run did not reuse the first one's emulator.
      expect(counts(second)).not.toEqual(counts(first));
    } finally {
      await pool.close();
    }
  });

  it('names a bad sample file in a pool run, and the pool runs the next batch after the failure', async () => {
    const pool = new BatchPool({ workers: 2 });
    try {
      const bad = join(dir, 'not-events.csv');
      writeFileSync(bad, 't,c,y,x\n0,0,0,oops\n');
      const withBad = [...samples.slice(0, 3), { events: bad }, ...samples.slice(3)];
      const error = await pool.run(config, withBad, { steps: 12 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'SpikeforgeError', code: 'EVENTS_FORMAT' });
      expect((error as Error).message).toMatch(/not-events\.csv:2: column "x" is "oops"/);
      // Named once, not prefixed again by the pool.
      expect((error as Error).message.split('not-events.csv').length).toBe(2);
      const after = await pool.run(config, samples, { steps: 12 });
      expect(counts(after)).toEqual(counts(await runBatch(config, samples, { workers: 0, steps: 12 })));
    } finally {
      await pool.close();
    }
  });

  it('fails a run whose configuration the emulator rejects with the emulator error, on workers as in-thread', async () => {
    const broken: ChipConfig = {
      ...config,
      cores: config.cores.map((c, i) => (i === 0 ? { ...c, thresholdHigh: 40000 } : c)),
    };
    const inThread = await runBatch(broken, samples, { workers: 0 }).catch((e: unknown) => e);
    const pool = new BatchPool({ workers: 1 });
    try {
      const onWorkers = await pool.run(broken, samples).catch((e: unknown) => e);
      expect(onWorkers).toMatchObject({ name: 'SpikeforgeError', code: 'IMAGE_FORMAT' });
      expect((onWorkers as Error).message).toBe((inThread as Error).message);
    } finally {
      await pool.close();
    }
  });

  it('close() ends the workers: a run in progress fails, later runs fail clearly', async () => {
    const pool = new BatchPool({ workers: 2 });
    await pool.run(config, samples, { steps: 12 });
    const many = Array.from({ length: 200 }, () => samples[0]);
    let started: () => void = () => {};
    const progressing = new Promise<void>((resolve) => {
      started = resolve;
    });
    const during = pool.run(config, many, { steps: 12, onProgress: () => started() });
    const queued = pool.run(config, samples, { steps: 12 });
    await progressing;
    await pool.close();
    await pool.close();
    await expect(during).rejects.toMatchObject({ code: 'USAGE', message: 'batch pool closed during a run' });
    await expect(queued).rejects.toThrow(/batch pool is closed/);
    await expect(pool.run(config, samples)).rejects.toMatchObject({
      name: 'SpikeforgeError',
      code: 'USAGE',
      message: expect.stringMatching(/batch pool is closed/),
    });
  });

  it('an idle pool does not keep the process alive', () => {
    // A child process that runs a batch on a pool and never closes it must still exit by itself.
    const script = join(dir, 'idle-pool.mts');
    const src = (p: string) => JSON.stringify(fileURLToPath(new URL(p, import.meta.url)));
    writeFileSync(
      script,
      `import { BatchPool } from ${src('../../src/emulator/index.ts')};
import { randomCase } from ${src('./random.ts')};
const c = randomCase(${chainSeed}, { topology: 'chain' });
const pool = new BatchPool({ workers: 2 });
const r = await pool.run(c.config, [{ events: c.events }, { events: c.events }], { steps: 12 });
console.log(r.workers, r.samples.map((s) => s.spikes).join(' '));
`,
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      timeout: 10_000,
      encoding: 'utf8',
    });
    const spikes = new Emulator(config, { monitor: [output.layer] }).run(base.events, { steps: 12 }).count;
    expect(out.trim()).toBe(`2 ${spikes} ${spikes}`);
  }, 15_000);
});

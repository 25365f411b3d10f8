import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Emulator, runBatch } from '../../src/emulator/index.ts';
import { formatInputCsv } from '../../src/events/csv.ts';
import { randomCase } from './random.ts';

describe('batch mode', () => {
  // A random chain whose output layer is active on its input.
  const base = Array.from({ length: 300 }, (_, s) => randomCase(s, { topology: 'chain' })).find((c) => {
    const out = new Emulator(c.config, { monitor: 'last' }).run(c.events, { steps: 12 });
    return out.count >= 20;
  })!;
  const dir = mkdtempSync(join(tmpdir(), 'sf-batch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const samples = Array.from({ length: 6 }, (_, i) => {
    // Each sample drops a different share of the base input.
    const keep = [...Array(base.events.count).keys()].filter((j) => (j * 7 + i) % (i + 2) !== 0);
    const events = {
      count: keep.length,
      t: Int32Array.from(keep, (j) => base.events.t[j]),
      c: Int32Array.from(keep, (j) => base.events.c[j]),
      y: Int32Array.from(keep, (j) => base.events.y[j]),
      x: Int32Array.from(keep, (j) => base.events.x[j]),
    };
    // Half the samples as files, read by the workers.
    if (i % 2 === 0) return { events, label: i % 3 };
    const file = join(dir, `s${i}.csv`);
    writeFileSync(file, formatInputCsv(events));
    return { events: file, label: i % 3 };
  });
  const config = base.config;
  const output = config.cores.find((c) => c.destinations.length === 0)!;

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
    const counts = (r: typeof one) => r.samples.map((s) => Array.from(s.counts));
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
});

/**
 * diff --window (hardware mode) on planted jitter and planted missing spikes: spikes of the same
 * neuron pair up within +-N steps; per layer matched / only-in-a / only-in-b and count correlation;
 * the first spike left without a partner; exit codes as for the exact diff.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSpikesCsv, readSpikesCsv } from '../../src/events/csv.ts';
import { diffSpikes, diffSpikesWithin, formatWindowDiff } from '../../src/events/diff.ts';
import type { Spikes } from '../../src/events/types.ts';
import { makeSpikes } from '../../src/events/types.ts';
import { goldenFile } from '../fixtures.ts';
import { cli, spikesOf } from '../helpers.ts';

const golden = readSpikesCsv(goldenFile('integer_exact', 'expected.csv'));

/** A copy of `s` with each spike i moved by shift(i) steps (never below 0) and dropped where drop(i). */
function planted(
  s: Spikes,
  shift: (i: number) => number,
  drop: (i: number) => boolean = () => false,
): Spikes {
  const out = makeSpikes(s.layers, s.count);
  for (let i = 0; i < s.count; i++) {
    if (drop(i)) continue;
    const n = out.count++;
    out.t[n] = Math.max(0, s.t[i] + shift(i));
    out.layer[n] = s.layer[i];
    out.c[n] = s.c[i];
    out.y[n] = s.y[i];
    out.x[n] = s.x[i];
  }
  return out;
}

describe('diffSpikesWithin', () => {
  it('planted jitter of +-1 step: every spike matched within 1, none at window 0', async () => {
    const jittered = planted(golden, (i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? -1 : 0));
    expect(diffSpikes(golden, jittered).identical).toBe(false);
    const w1 = diffSpikesWithin(golden, jittered, 1);
    expect(w1.matchedAll).toBe(true);
    expect(w1.matched).toBe(golden.count);
    expect(w1.onlyInA + w1.onlyInB).toBe(0);
    expect(w1.firstDivergence).toBeNull();
    expect(w1.countCorrelation).toBe(1);
    expect(w1.layers.map((l) => [l.layer, l.a, l.matched, l.onlyInA, l.onlyInB])).toEqual([
      ['1', 8937, 8937, 0, 0],
      ['3', 770, 770, 0, 0],
    ]);
    // spikes that did not move (and some that moved onto a neighbour's step) are at the same step
    expect(w1.sameStep).toBeGreaterThanOrEqual(Math.floor(golden.count / 3));
    expect(w1.sameStep).toBeLessThan(golden.count);
    const w0 = diffSpikesWithin(golden, jittered, 0);
    expect(w0.matchedAll).toBe(false);
    expect(w0.matched).toBe(diffSpikes(golden, jittered).matched);
  });

  it('planted jitter of 2 steps is beyond a window of 1: the first such spike is reported', async () => {
    const b = planted(golden, (i) => (i === 500 ? 2 : 0));
    const d = diffSpikesWithin(golden, b, 1);
    expect(d.onlyInA).toBe(1);
    expect(d.onlyInB).toBe(1);
    const step = golden.t[500];
    expect(d.firstDivergence).toEqual({
      step,
      side: 'a',
      layer: golden.layers[golden.layer[500]],
      c: golden.c[500],
      y: golden.y[500],
      x: golden.x[500],
    });
    expect(diffSpikesWithin(golden, b, 2).matchedAll).toBe(true);
  });

  it('planted missing spikes: only in a, per layer, first divergence at the earliest missing one', async () => {
    const layer3 = golden.layers.indexOf('3');
    const missing = new Set<number>();
    for (let i = 0; i < golden.count; i++) if (golden.layer[i] === layer3 && i % 7 === 0) missing.add(i);
    const b = planted(
      golden,
      () => 0,
      (i) => missing.has(i),
    );
    const d = diffSpikesWithin(golden, b, 1);
    expect(d.onlyInA).toBe(missing.size);
    expect(d.onlyInB).toBe(0);
    expect(d.layers.find((l) => l.layer === '1')).toMatchObject({
      matched: 8937,
      onlyInA: 0,
      firstStep: null,
    });
    const l3 = d.layers.find((l) => l.layer === '3')!;
    expect(l3).toMatchObject({ a: 770, b: 770 - missing.size, onlyInA: missing.size, onlyInB: 0 });
    expect(l3.countCorrelation).toBeGreaterThan(0.5);
    expect(l3.countCorrelation).toBeLessThan(1);
    const earliest = Math.min(...[...missing].map((i) => golden.t[i]));
    expect(d.firstDivergence?.step).toBe(earliest);
    expect(d.firstDivergence?.side).toBe('a');
    expect(l3.firstStep).toBe(earliest);
    const text = formatWindowDiff(d, { a: 'emu.csv', b: 'chip.csv' });
    expect(text).toContain(`within +-1 step: ${golden.count - missing.size} spikes match`);
    expect(text).toContain(`${missing.size} only in a, 0 only in b`);
    expect(text).toContain(`first divergence beyond the window: step ${earliest}, layer 3`);
  });

  it('pairs as many spikes as any matching can (property, against a brute force on small trains)', async () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 7 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 7 }),
        fc.integer({ min: 0, max: 3 }),
        (ta, tb, w) => {
          const a = spikesOf(
            ['n'],
            ta.map((t) => [t, 0, 0, 0, 0]),
          );
          const b = spikesOf(
            ['n'],
            tb.map((t) => [t, 0, 0, 0, 0]),
          );
          const best = (i: number, used: boolean[]): number => {
            if (i === ta.length) return 0;
            let m = best(i + 1, used);
            tb.forEach((t, j) => {
              if (!used[j] && Math.abs(t - ta[i]) <= w) {
                used[j] = true;
                m = Math.max(m, 1 + best(i + 1, used));
                used[j] = false;
              }
            });
            return m;
          };
          expect(diffSpikesWithin(a, b, w).matched).toBe(
            best(
              0,
              tb.map(() => false),
            ),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('spikeforge diff --window', () => {
  const work = mkdtempSync(join(tmpdir(), 'sf-window-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  it('exit 0 when every spike has a partner within the window, 1 otherwise, 2 on trouble', async () => {
    const a = join(work, 'a.csv');
    const b = join(work, 'b.csv');
    writeFileSync(a, formatSpikesCsv(golden));
    writeFileSync(
      b,
      formatSpikesCsv(
        planted(
          golden,
          (i) => (i % 2 ? 1 : 0),
          (i) => i === 10,
        ),
      ),
    );
    const ok = await cli(['diff', a, a, '--window', '1']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(
      `within +-1 step: all ${golden.count} spikes match (${golden.count} at the same step)`,
    );
    const differ = await cli(['diff', a, b, '--window', '1', '--json']);
    expect(differ.code).toBe(1);
    const j = JSON.parse(differ.stdout) as { onlyInA: number; onlyInB: number; window: number };
    expect([j.window, j.onlyInA, j.onlyInB]).toEqual([1, 1, 0]);
    const bad = await cli(['diff', a, b, '--window', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --window: "-1" is not an integer >= 0/);
  });
});

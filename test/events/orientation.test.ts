import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { compileNetwork } from '../../src/compiler/index.ts';
import { runEmulator } from '../../src/emulator/index.ts';
import { movingBars } from '../../src/events/synthetic.ts';
import type { Spikes } from '../../src/events/types.ts';
import { makeSpikes } from '../../src/events/types.ts';
import { loadNetwork } from '../../src/network/index.ts';
import {
  compareQuantization,
  countCorrelation,
  formatQuantizationComparison,
} from '../../src/workflows/compare.ts';

const example = fileURLToPath(new URL('../../examples/orientation.json', import.meta.url));
const ANGLES = [0, 45, 90, 135];

function outputCounts(s: Spikes): number[] {
  const id = s.layers.indexOf('output');
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < s.count; i++) if (s.layer[i] === id) counts[s.c[i]]++;
  return counts;
}

describe('examples/orientation.json', async () => {
  const network = await loadNetwork(example);
  const { config, report } = compileNetwork(network, dynapcnn9);

  it('fits the chip', () => {
    expect(config.cores.map((c) => c.layer).sort()).toEqual(['orientation', 'output']);
    expect(report.layers.length).toBe(2);
  });

  for (const [channel, angle] of ANGLES.entries()) {
    it(`names bars at ${angle} degrees on output channel ${channel}, with noise`, () => {
      const events = movingBars({ angleDeg: angle, steps: 48, seed: 11 + channel, noise: 4 });
      const counts = outputCounts(runEmulator(config, events, { steps: 48 }));
      const winner = counts.indexOf(Math.max(...counts));
      expect(winner, `output counts ${counts.join(',')}`).toBe(channel);
      const others = counts.filter((_, i) => i !== channel);
      expect(counts[channel]).toBeGreaterThan(10 * Math.max(1, ...others));
    });
  }

  it('loses little to quantization (float reference vs emulator)', () => {
    const events = movingBars({ angleDeg: 45, steps: 40, seed: 3, noise: 2 });
    const c = compareQuantization(network, events, dynapcnn9, { steps: 40 });
    expect(c.layers.map((l) => l.layer)).toEqual(['orientation', 'output']);
    for (const l of c.layers) {
      expect(l.float).toBeGreaterThan(0);
      expect(Math.abs(l.quantized - l.float) / l.float).toBeLessThan(0.1);
      expect(l.correlation).toBeGreaterThan(0.95);
      expect(l.matched).toBeLessThanOrEqual(Math.min(l.float, l.quantized));
      expect(l.scale).toBeCloseTo(127, 5);
    }
    expect(outputCounts(c.float).indexOf(Math.max(...outputCounts(c.float)))).toBe(1);
    expect(formatQuantizationComparison(c)).toMatch(
      /^float reference vs quantized emulator: \d+ input events, 40 steps/,
    );
  });

  it('compares events listed out of step order like the same events in order', () => {
    const events = movingBars({ angleDeg: 90, steps: 12, seed: 5 });
    const reversed = { ...events, t: events.t.slice().reverse(), c: events.c.slice().reverse() };
    reversed.y = events.y.slice().reverse();
    reversed.x = events.x.slice().reverse();
    const inOrder = compareQuantization(network, events, dynapcnn9);
    const shuffled = compareQuantization(network, reversed, dynapcnn9);
    expect(shuffled.steps).toBe(inOrder.steps);
    expect(shuffled.steps).toBe(events.t[events.count - 1] + 1);
    expect(shuffled.layers).toEqual(inOrder.layers);
  });
});

describe('countCorrelation', () => {
  it('is 1 for proportional counts, -1 for opposite ones, null for a constant side', () => {
    const sp = (rows: [number, number][]): Spikes => {
      const s = makeSpikes(['l'], rows.length);
      rows.forEach(([c, t], i) => {
        s.c[i] = c;
        s.t[i] = t;
      });
      s.count = rows.length;
      return s;
    };
    const a = sp([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
    const b = sp([
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 0],
      [1, 1],
    ]);
    expect(countCorrelation(a, b, 'l', [2, 1, 1])).toBeCloseTo(1, 10);
    const c = sp([
      [1, 0],
      [1, 1],
      [0, 5],
    ]);
    expect(countCorrelation(a, c, 'l', [2, 1, 1])).toBeCloseTo(-1, 10);
    expect(countCorrelation(a, sp([]), 'l', [2, 1, 1])).toBeNull();
  });
});

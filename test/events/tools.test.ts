import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSpikesCsv } from '../../src/events/csv.ts';
import { diffSpikes, formatSpikeDiff } from '../../src/events/diff.ts';
import { niceTicks, plotSpikes } from '../../src/events/plot.ts';
import { movingBars } from '../../src/events/synthetic.ts';
import { parseNeuronRef, parseTraceCsv } from '../../src/events/trace.ts';
import type { Spikes } from '../../src/events/types.ts';
import { goldenFile } from '../fixtures.ts';
import { errorOf, spikesOf } from '../helpers.ts';

function rowsFrom(sp: Spikes): number[][] {
  return Array.from({ length: sp.count }, (_, i) => [sp.t[i], sp.layer[i], sp.c[i], sp.y[i], sp.x[i]]);
}

const golden = readSpikesCsv(goldenFile('nmnist_csnn', 'expected.csv'));

describe('diffSpikes', () => {
  it('finds a recording identical to a shuffled copy of itself, with layers in another order (property)', () => {
    const rows = rowsFrom(golden).slice(0, 400);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: rows.length, maxLength: rows.length }), (keys) => {
        const order = rows.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
        const reversed = [...golden.layers].reverse();
        const b = spikesOf(
          reversed,
          order.map((i) => {
            const [t, l, c, y, x] = rows[i];
            return [t, reversed.indexOf(golden.layers[l]), c, y, x];
          }),
        );
        const d = diffSpikes(spikesOf(golden.layers, rows), b);
        expect(d.identical).toBe(true);
        expect(d.matched).toBe(rows.length);
        expect(d.differingSteps).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('reports the first divergence, counts per layer and the neurons that differ most', () => {
    const a = spikesOf(
      ['conv', 'out'],
      [
        [0, 0, 1, 2, 3],
        [1, 0, 1, 2, 3],
        [2, 1, 0, 0, 0],
        [2, 1, 0, 0, 0],
        [3, 1, 1, 0, 0],
      ],
    );
    const b = spikesOf(
      ['out', 'conv'],
      [
        [3, 0, 1, 0, 0],
        [0, 1, 1, 2, 3],
        [2, 0, 0, 0, 0],
        [2, 0, 0, 0, 0],
        [2, 0, 0, 0, 0],
        [2, 0, 0, 0, 0],
        [5, 1, 1, 2, 3],
      ],
    );
    const d = diffSpikes(a, b);
    expect(d.identical).toBe(false);
    expect(d.firstDivergence).toEqual({ step: 1, layer: 'conv', c: 1, y: 2, x: 3, a: 1, b: 0 });
    expect(d.matched).toBe(4);
    expect(d.onlyInA).toBe(1);
    expect(d.onlyInB).toBe(3);
    expect(d.differingSteps).toBe(3);
    expect(d.layers).toEqual([
      { layer: 'conv', a: 2, b: 2, difference: 0, mismatched: 2, firstStep: 1 },
      { layer: 'out', a: 3, b: 5, difference: 2, mismatched: 2, firstStep: 2 },
    ]);
    expect(d.neurons[0]).toMatchObject({ layer: 'out', c: 0, a: 2, b: 4, difference: 2, mismatched: 2 });
    expect(d.neurons[1]).toMatchObject({
      layer: 'conv',
      c: 1,
      y: 2,
      x: 3,
      a: 2,
      b: 2,
      difference: 0,
      mismatched: 2,
    });
    const text = formatSpikeDiff(d, { a: 'emu.csv', b: 'board.csv' });
    expect(text).toContain('first divergence: step 1, layer conv, neuron c=1 y=2 x=3');
    expect(text).toMatch(/out\s+3\s+5\s+\+2/);
  });

  it('finds a removed golden spike', () => {
    const rows = rowsFrom(golden);
    const removed = rows.splice(1234, 1)[0];
    const d = diffSpikes(golden, spikesOf(golden.layers, rows));
    expect(d.onlyInA).toBe(1);
    expect(d.onlyInB).toBe(0);
    expect(d.firstDivergence?.step).toBe(removed[0]);
    expect(d.firstDivergence?.layer).toBe(golden.layers[removed[1]]);
  });
});

describe('plotSpikes', () => {
  it('draws every layer with a few paths, not one element per spike', () => {
    const svg = plotSpikes(golden, { heatmap: true, title: 'nmnist' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    for (const layer of golden.layers) expect(svg).toContain(`font-weight="bold">${layer}</tspan>`);
    const paths = svg.match(/<path /g)?.length ?? 0;
    // Rasters: at most 4 intensity levels per layer; heat maps: at most 8 colours per conv layer.
    expect(paths).toBeLessThanOrEqual(golden.layers.length * 4 + 3 * 8);
    expect(paths).toBeGreaterThan(golden.layers.length);
    expect(svg).toContain('one map per channel');
    expect(svg.length).toBeLessThan(2_000_000);
  });

  it('draws the chosen layers only, and traces with a threshold line', () => {
    const sp = spikesOf(
      ['hidden', 'out'],
      [
        [2, 1, 0, 0, 0],
        [5, 1, 0, 0, 0],
        [5, 0, 3, 1, 1],
      ],
    );
    const traces = parseTraceCsv(
      't,layer,c,y,x,v\n0,out,0,0,0,3\n1,out,0,0,0,7\n2,out,0,0,0,1\n3,out,0,0,0,4\n4,out,0,0,0,8\n5,out,0,0,0,2\n',
    );
    const svg = plotSpikes(sp, { layers: ['out'], traces, thresholds: { out: 6 }, steps: 6 });
    expect(svg).not.toContain('>hidden<');
    expect(svg).toContain('membrane of c=0 y=0 x=0 · 2 spikes');
    expect(svg).toContain('threshold 6');
    expect(svg).toContain('stroke-dasharray');
  });

  it('labels the membrane axis and the steps, marks moments, and starts colour bars at 0', () => {
    const sp = spikesOf(['conv'], [[1, 0, 0, 1, 1]]);
    const traces = parseTraceCsv('t,layer,c,y,x,v\n0,conv,0,1,1,3\n1,conv,0,1,1,0\n');
    const marks = [
      { t: 0, label: '0°' },
      { t: 5, label: '45°' },
    ];
    const svg = plotSpikes(sp, { traces, heatmap: true, steps: 10, marks, shapes: { conv: [1, 2, 2] } });
    expect(svg).toContain(
      'rotate(-90)" font-family="Helvetica, Arial, sans-serif" font-size="11" fill="#555" text-anchor="middle">membrane (chip units)</text>',
    );
    expect(svg.match(/text-anchor="middle">step<\/text>/g)).toHaveLength(2); // raster and trace panel
    expect(svg.match(/>45°<\/text>/g)).toHaveLength(1);
    expect(svg.match(/stroke="#444" stroke-dasharray="3 3"/g)).toHaveLength(2);
    expect(svg).toMatch(
      /text-anchor="middle">0<\/text>\s*<text [^>]*>1<\/text>\s*<text [^>]*text-anchor="end">1<\/text>/,
    );
  });

  it('refuses a width with no room for the plot and a neuron that is not in the trace', () => {
    const sp = spikesOf(['out'], [[0, 0, 0, 0, 0]]);
    const w = errorOf(() => plotSpikes(sp, { width: 10 }));
    expect([w.message, w.option, w.hint]).toEqual([
      'width: 10 px leaves no room for the plot',
      'width',
      'give a width of at least 320 px',
    ]);
    expect(plotSpikes(sp, { width: 320 })).toMatch(/^<svg [^>]*width="320"/);
    const traces = parseTraceCsv('t,layer,c,y,x,v\n0,out,0,0,0,3\n0,out,1,0,0,2\n');
    const n = errorOf(() => plotSpikes(sp, { traces, traceNeurons: [{ layer: 'out', c: 2, y: 0, x: 0 }] }));
    expect([n.message, n.hint]).toEqual([
      'neuron: out:2:0:0 not in the trace',
      'the trace holds 2 neurons: out:0:0:0, out:1:0:0',
    ]);
  });

  it('chooses round tick values', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 7, 3)).toEqual([0, 5]);
    expect(parseNeuronRef('conv:1:2:3')).toEqual({ layer: 'conv', c: 1, y: 2, x: 3 });
    expect(parseNeuronRef('a:b:7')).toEqual({ layer: 'a:b', c: 7, y: 0, x: 0 });
  });
});

describe('movingBars', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = movingBars({ angleDeg: 45, steps: 20, seed: 5, noise: 2 });
    const b = movingBars({ angleDeg: 45, steps: 20, seed: 5, noise: 2 });
    const c = movingBars({ angleDeg: 45, steps: 20, seed: 6, noise: 2 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it('vertical bars moving right: ON at the leading edge, OFF barWidth behind, whole columns', () => {
    const ev = movingBars({ angleDeg: 90, steps: 12, size: 16, speed: 1, barWidth: 3, period: 8, seed: 2 });
    for (let step = 1; step < 12; step++) {
      const on = new Set<number>();
      const off = new Set<number>();
      const perColumn = new Map<number, number>();
      for (let i = 0; i < ev.count; i++) {
        if (ev.t[i] !== step) continue;
        (ev.c[i] === 1 ? on : off).add(ev.x[i]);
        perColumn.set(ev.x[i] * 2 + ev.c[i], (perColumn.get(ev.x[i] * 2 + ev.c[i]) ?? 0) + 1);
      }
      expect(on.size).toBe(2); // 16 px wide, period 8: two bars
      for (const x of on) expect(off.has((x - 3 + 16) % 16)).toBe(true);
      for (const n of perColumn.values()) expect(n).toBe(16);
    }
    // Steps are non-decreasing, addresses inside the sensor, polarity 0/1.
    for (let i = 1; i < ev.count; i++) expect(ev.t[i]).toBeGreaterThanOrEqual(ev.t[i - 1]);
    expect(Math.max(...ev.x)).toBeLessThan(16);
    expect(new Set(ev.c)).toEqual(new Set([0, 1]));
  });

  it('horizontal bars moving down put ON events in whole rows', () => {
    const ev = movingBars({ angleDeg: 0, steps: 6, size: [10, 20], seed: 1 });
    const rows = new Map<string, number>();
    for (let i = 0; i < ev.count; i++) {
      const key = `${ev.t[i]}:${ev.c[i]}:${ev.y[i]}`;
      rows.set(key, (rows.get(key) ?? 0) + 1);
    }
    for (const n of rows.values()) expect(n).toBe(20);
    expect(() => movingBars({ angleDeg: 0, barWidth: 20, period: 16 })).toThrow(/barWidth/);
  });
});

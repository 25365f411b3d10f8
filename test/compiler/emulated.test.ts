/**
 * The padding trick checked end to end: a network ending in a linear layer on a non-square map,
 * compiled (zero-padded 6x6 kernel) and run on the emulator, spikes exactly like the unpadded maths.
 */
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { compile } from '../../src/compiler/index.ts';
import { runEmulator } from '../../src/emulator/index.ts';
import { makeInputEvents } from '../../src/events/types.ts';
import { decodeImage, encodeImage } from '../../src/image/index.ts';
import type { QuantizedLayer } from '../../src/quantize/types.ts';
import { conv, linear, network } from './builder.ts';

/** One IF step of chip-spec.md on every neuron; returns the spike counts. */
function iafStep(layer: QuantizedLayer, v: Int32Array, current: Int32Array, perChannel: number): Int32Array {
  const n = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const b = layer.bias ? layer.bias[Math.floor(i / perChannel)] : 0;
    let x = Math.max(-32768, Math.min(32767, v[i] + current[i] + b));
    const spikes = x > 0 ? Math.floor(x / layer.thresholdHigh) : 0;
    if (spikes > 0) x = layer.reset === 'subtract' ? x - spikes * layer.thresholdHigh : 0;
    v[i] = Math.max(x, layer.thresholdLow);
    n[i] = spikes;
  }
  return n;
}

describe('non-square linear on the emulator', () => {
  it('gives the same spikes as the unpadded linear maths', () => {
    const c1 = conv(
      { name: 'c1', from: 'input', inputShape: [2, 8, 12], out: 4, k: 3, padding: 1, bias: true },
      11,
    );
    const fc = { ...linear('fc', 'c1', [4, 4, 6], 10, 2, 12), thresholdHigh: 150 };
    const q = network([2, 8, 12], [c1, fc]);
    const { config } = compile(q, dynapcnn9, { monitor: 'all' });
    expect(config.cores.find((c) => c.layer === 'fc')!.kernelSize).toBe(6);

    const steps = 30;
    const events = makeInputEvents(steps * 12);
    let seed = 7;
    const rnd = (m: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % m;
    };
    for (let t = 0; t < steps; t++)
      for (let k = 0; k < 12; k++) {
        const i = events.count++;
        events.t[i] = t;
        events.c[i] = rnd(2);
        events.y[i] = rnd(8);
        events.x[i] = rnd(12);
      }
    const spikes = runEmulator(decodeImage(encodeImage(config)), events, { steps });
    const got = new Map<string, number>();
    for (let i = 0; i < spikes.count; i++) {
      const key = `${spikes.t[i]},${spikes.layers[spikes.layer[i]]},${spikes.c[i]},${spikes.y[i]},${spikes.x[i]}`;
      got.set(key, (got.get(key) ?? 0) + 1);
    }

    // Reference: conv with the original weights, 2x2 sum pooling, linear over C,H,W-flattened counts.
    const want = new Map<string, number>();
    const v1 = new Int32Array(4 * 8 * 12);
    const v2 = new Int32Array(10);
    let e = 0;
    for (let t = 0; t < steps; t++) {
      const input = new Int32Array(2 * 8 * 12);
      for (; e < events.count && events.t[e] === t; e++)
        input[(events.c[e] * 8 + events.y[e]) * 12 + events.x[e]]++;
      const i1 = new Int32Array(4 * 8 * 12);
      for (let f = 0; f < 4; f++)
        for (let oy = 0; oy < 8; oy++)
          for (let ox = 0; ox < 12; ox++)
            for (let c = 0; c < 2; c++)
              for (let ky = 0; ky < 3; ky++)
                for (let kx = 0; kx < 3; kx++) {
                  const y = oy - 1 + ky;
                  const x = ox - 1 + kx;
                  if (y < 0 || y >= 8 || x < 0 || x >= 12) continue;
                  i1[(f * 8 + oy) * 12 + ox] +=
                    c1.weight[((f * 2 + c) * 3 + ky) * 3 + kx] * input[(c * 8 + y) * 12 + x];
                }
      const n1 = iafStep(c1, v1, i1, 96);
      const pooled = new Int32Array(4 * 4 * 6);
      n1.forEach((n, i) => {
        const f = Math.floor(i / 96);
        const y = Math.floor((i % 96) / 12);
        const x = i % 12;
        if (n > 0) want.set(`${t},c1,${f},${y},${x}`, n);
        pooled[(f * 4 + (y >> 1)) * 6 + (x >> 1)] += n;
      });
      const i2 = new Int32Array(10);
      for (let o = 0; o < 10; o++) for (let j = 0; j < 96; j++) i2[o] += fc.weight[o * 96 + j] * pooled[j];
      iafStep(fc, v2, i2, 1).forEach((n, o) => {
        if (n > 0) want.set(`${t},fc,${o},0,0`, n);
      });
    }
    const fcSpikes = [...want.entries()].filter(([k]) => k.includes(',fc,')).reduce((s, [, n]) => s + n, 0);
    expect(fcSpikes).toBeGreaterThan(20);
    expect(got).toEqual(want);
  });
});

/**
 * The dense reference: chip-spec.md written as plainly as possible over the config's own layouts (a
 * full convolution of every core every step). Slow on purpose; the event-driven engine is tested
 * against it and the benchmark reports both.
 */

import { findProfile, stateRange } from '../chip/index.ts';
import { SpikeBuffer } from '../events/buffer.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
import { evaluationOrder } from '../image/config.ts';

/** Spikes of every core (monitor all) over `steps` steps. */
export function denseReference(config: ChipConfig, events: InputEvents, steps: number): Spikes {
  // The chip's state width (16 bits when the configuration names no chip spikeforge knows).
  const range = stateRange(findProfile(config.chip) ?? { stateBits: 16 });
  const layers = config.cores.map((c) => c.layer);
  const index = new Map(config.cores.map((c, i) => [c.coreId, i]));
  const inputs = config.cores.map((c) => new Int32Array(c.inputShape[0] * c.inputShape[1] * c.inputShape[2]));
  const states = config.cores.map((c) =>
    c.initialState
      ? Int32Array.from(c.initialState)
      : new Int32Array(c.outputShape[0] * c.outputShape[1] * c.outputShape[2]),
  );
  const order = evaluationOrder(config).map((id) => index.get(id)!);
  const out = new SpikeBuffer();
  const inp = config.input;
  const [cy0, cx0, cy1, cx1] = inp.crop;
  let e = 0;

  const add = (coreId: number, pooling: number, c: number, y: number, x: number, n: number) => {
    const i = index.get(coreId)!;
    const [C, H, W] = config.cores[i].inputShape;
    const py = Math.floor(y / pooling);
    const px = Math.floor(x / pooling);
    if (c < C && py < H && px < W) inputs[i][(c * H + py) * W + px] += n;
  };

  for (let t = 0; t < steps; t++) {
    while (e < events.count && events.t[e] < t) e++;
    for (; e < events.count && events.t[e] === t; e++) {
      const c = events.c[e];
      let y = events.y[e];
      let x = events.x[e];
      if (c >= inp.shape[0] || y >= inp.shape[1] || x >= inp.shape[2]) continue;
      if (y < cy0 || y >= cy1 || x < cx0 || x >= cx1) continue;
      y -= cy0;
      x -= cx0;
      if (inp.flipY) y = cy1 - cy0 - 1 - y;
      if (inp.flipX) x = cx1 - cx0 - 1 - x;
      if (inp.swapXY) [y, x] = [x, y];
      for (const d of inp.destinations) add(d.coreId, d.pooling, c, y, x, 1);
    }
    for (const i of order) {
      const core = config.cores[i];
      const [C, Hin, Win] = core.inputShape;
      const [F, H, W] = core.outputShape;
      const k = core.kernelSize;
      const input = inputs[i];
      const state = states[i];
      for (let f = 0; f < F; f++) {
        for (let oy = 0; oy < H; oy++) {
          for (let ox = 0; ox < W; ox++) {
            let sum = 0;
            for (let c = 0; c < C; c++) {
              for (let ky = 0; ky < k; ky++) {
                const iy = oy * core.stride[0] - core.padding[0] + ky;
                if (iy < 0 || iy >= Hin) continue;
                for (let kx = 0; kx < k; kx++) {
                  const ix = ox * core.stride[1] - core.padding[1] + kx;
                  if (ix < 0 || ix >= Win) continue;
                  sum += core.weights[((f * C + c) * k + ky) * k + kx] * input[(c * Hin + iy) * Win + ix];
                }
              }
            }
            const s = (f * H + oy) * W + ox;
            let v = state[s] + sum + (core.biases ? core.biases[f] : 0);
            v = Math.min(range.max, Math.max(range.min, v));
            const n = v > 0 ? Math.floor(v / core.thresholdHigh) : 0;
            if (core.reset === 'subtract') v -= n * core.thresholdHigh;
            else if (n > 0) v = 0;
            v = Math.max(v, core.thresholdLow);
            state[s] = v;
            if (n === 0) continue;
            for (const d of core.destinations) add(d.coreId, d.pooling, f, oy, ox, n);
            out.push(t, i, f, oy, ox, n);
          }
        }
      }
      input.fill(0);
    }
  }
  return out.toSpikes(layers);
}

/**
 * The float reference: the network simulated in float64, dense and straightforward, with the chip's
 * time-stepped neuron semantics (chip-spec.md, "Neuron semantics") but no quantization. Comparing it
 * with the quantized network shows what quantization changes; the emulator's property tests use it
 * (on integer networks, where both must agree) as the dense reference.
 */
import type { ChipProfile } from '../chip/profile.ts';
import { SpikeforgeError } from '../errors.ts';
import { SpikeBuffer } from '../events/buffer.ts';
import { sortByStep } from '../events/ops.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import type { Layer, Network, Shape3 } from '../network/schema.ts';
import { inferShapes, sizeOf } from '../network/shapes.ts';

export interface SimulateFloatOptions {
  /** Steps to simulate; default: the last event's step + 1. */
  steps?: number;
  /** Clamp membranes to a chip's state range (signed `stateBits`, e.g. a ChipProfile) after integration. */
  saturate?: Pick<ChipProfile, 'stateBits'>;
}

/** One step of a weighted or pooling layer: `out` = f(`input`), both dense [C, H, W]. */
function forward(
  layer: Layer,
  input: Float64Array,
  inShape: Shape3,
  out: Float64Array,
  outShape: Shape3,
): void {
  const [C, H, W] = inShape;
  const [F, OH, OW] = outShape;
  switch (layer.type) {
    case 'conv2d': {
      const w = layer.weight.data;
      const [, , KH, KW] = layer.weight.shape;
      const [sy, sx] = layer.stride;
      const [py, px] = layer.padding;
      for (let f = 0; f < F; f++) {
        const b = layer.bias ? layer.bias.data[f] : 0;
        for (let oy = 0; oy < OH; oy++) {
          for (let ox = 0; ox < OW; ox++) {
            let acc = b;
            for (let c = 0; c < C; c++) {
              for (let ky = 0; ky < KH; ky++) {
                const y = oy * sy - py + ky;
                if (y < 0 || y >= H) continue;
                for (let kx = 0; kx < KW; kx++) {
                  const x = ox * sx - px + kx;
                  if (x < 0 || x >= W) continue;
                  const v = input[(c * H + y) * W + x];
                  if (v !== 0) acc += w[((f * C + c) * KH + ky) * KW + kx] * v;
                }
              }
            }
            out[(f * OH + oy) * OW + ox] = acc;
          }
        }
      }
      return;
    }
    case 'linear': {
      const w = layer.weight.data;
      const n = input.length;
      for (let o = 0; o < F; o++) {
        let acc = layer.bias ? layer.bias.data[o] : 0;
        for (let i = 0; i < n; i++) if (input[i] !== 0) acc += w[o * n + i] * input[i];
        out[o] = acc;
      }
      return;
    }
    case 'sumpool2d':
    case 'avgpool2d': {
      const [KH, KW] = layer.kernel;
      const [sy, sx] = layer.stride;
      const [py, px] = layer.padding;
      const div = layer.type === 'avgpool2d' ? KH * KW : 1;
      for (let c = 0; c < C; c++) {
        for (let oy = 0; oy < OH; oy++) {
          for (let ox = 0; ox < OW; ox++) {
            let acc = 0;
            for (let ky = 0; ky < KH; ky++) {
              const y = oy * sy - py + ky;
              if (y < 0 || y >= H) continue;
              for (let kx = 0; kx < KW; kx++) {
                const x = ox * sx - px + kx;
                if (x >= 0 && x < W) acc += input[(c * H + y) * W + x];
              }
            }
            out[(c * OH + oy) * OW + ox] = acc / div;
          }
        }
      }
      return;
    }
    case 'flatten':
      out.set(input);
      return;
    case 'if':
      throw new SpikeforgeError('INTERNAL', 'IF layers are stepped by simulateFloat itself');
  }
}

/**
 * Simulates `network` on `events` in float64: per step, the input events are counted into a dense map
 * and every layer runs in order (spikes of step t reach the next layer in step t). IF neurons:
 * v += I + b; [clamp to `saturate`'s state range]; n = v > 0 ? floor(v / threshold) : 0; subtract or zero reset;
 * v = max(v, thresholdLow). Spikes carry the IF layer's name; a flat layer's neuron i is c=i, y=0, x=0.
 */
export function simulateFloat(
  network: Network,
  unsorted: InputEvents,
  options: SimulateFloatOptions = {},
): Spikes {
  // Files need not list events in step order; the default length is the last step + 1 either way.
  const events = sortByStep(unsorted);
  const shapes = inferShapes(network);
  const steps = options.steps ?? (events.count > 0 ? events.t[events.count - 1] + 1 : 0);
  const stateBits = options.saturate?.stateBits ?? 0;
  const stateMax = 2 ** (stateBits - 1) - 1;
  const stateMin = -(2 ** (stateBits - 1));
  const [IC, IH, IW] = network.input.shape;
  const ifNames = network.layers.filter((l) => l.type === 'if').map((l) => l.name);
  const ifIndex = new Map(ifNames.map((n, i) => [n, i]));

  const outputs = new Map<string, Float64Array>();
  outputs.set(network.input.name, new Float64Array(IC * IH * IW));
  const membranes = new Map<string, Float64Array>();
  const merged = new Map<string, Float64Array>();
  for (const layer of network.layers) {
    const shape = shapes.get(layer.name)!;
    outputs.set(layer.name, new Float64Array(sizeOf(shape)));
    if (layer.inputs.length === 2)
      merged.set(layer.name, new Float64Array(sizeOf(shapes.get(layer.inputs[0])!)));
    if (layer.type === 'if') {
      const v = new Float64Array(sizeOf(shape));
      if (layer.initialState) v.set(layer.initialState.data);
      membranes.set(layer.name, v);
    }
  }

  const sink = new SpikeBuffer(1024);
  const input = outputs.get(network.input.name)!;
  let e = 0;
  for (let t = 0; t < steps; t++) {
    input.fill(0);
    for (; e < events.count && events.t[e] <= t; e++) {
      if (events.t[e] < 0) {
        throw new SpikeforgeError('EVENTS_FORMAT', `input event ${e}: step ${events.t[e]} is negative`, {
          hint: 'steps count from 0',
        });
      }
      const c = events.c[e];
      const y = events.y[e];
      const x = events.x[e];
      if (c < 0 || c >= IC || y < 0 || y >= IH || x < 0 || x >= IW) {
        throw new SpikeforgeError(
          'EVENTS_FORMAT',
          `input event ${e} (t=${t}, c=${c}, y=${y}, x=${x}) is outside the input "${network.input.name}" map [${IC}, ${IH}, ${IW}]`,
          {
            hint: 'the events must fit the network input (channels = polarities, height, width): crop or rescale them, or check that the x and y columns are not swapped',
          },
        );
      }
      input[(c * IH + y) * IW + x] += 1;
    }
    for (const layer of network.layers) {
      let inp = outputs.get(layer.inputs[0])!;
      if (layer.inputs.length === 2) {
        const sum = merged.get(layer.name)!;
        const other = outputs.get(layer.inputs[1])!;
        for (let i = 0; i < sum.length; i++) sum[i] = inp[i] + other[i];
        inp = sum;
      }
      const out = outputs.get(layer.name)!;
      const shape = shapes.get(layer.name)!;
      if (layer.type !== 'if') {
        forward(layer, inp, shapes.get(layer.inputs[0])!, out, shape);
        continue;
      }
      const v = membranes.get(layer.name)!;
      const th = layer.threshold;
      const [, H, W] = shape;
      const li = ifIndex.get(layer.name)!;
      for (let i = 0; i < v.length; i++) {
        let m = v[i] + inp[i];
        if (options.saturate) m = Math.min(stateMax, Math.max(stateMin, m));
        const n = m > 0 ? Math.floor(m / th) : 0;
        if (n > 0) {
          m = layer.reset === 'subtract' ? m - n * th : 0;
          const c = Math.floor(i / (H * W));
          const rest = i - c * H * W;
          sink.push(t, li, c, Math.floor(rest / W), rest % W, n);
        }
        v[i] = Math.max(m, layer.thresholdLow);
        out[i] = n;
      }
    }
  }
  return sink.toSpikes(ifNames);
}

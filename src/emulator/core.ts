/**
 * One core of the event-driven engine: its typed arrays laid out once from a `CoreConfig`, and the scatter
 * of one step's input events through the kernel (the neuron update of chip-spec.md is in update.ts).
 *
 * Internal layouts differ from the config's on purpose: the membrane is position-major ((y*W + x)*F + f)
 * and the weights input-major with kx reversed and grouped by phase: the reversed column rk = k-1-kx sits
 * at column (rk % sx)*ceil(k/sx) + floor(rk/sx) of a row of kw = sx*ceil(k/sx) columns
 * (((c*k + ky)*kw + column)*F + f). Consecutive output columns of one input use columns rk, rk + sx, ...:
 * adjacent, so for any stride a row of outputs and their weights is one contiguous run of (ox, f).
 *
 * A step's input is summed exactly (int32) before the neuron update saturates it: either two features
 * per int32 (when no sum can leave int16; half the adds, unpacked by the update) or straight into the
 * membrane. A neuron below threshold_high only needs the floor (which also covers saturation at -32768,
 * as threshold_low >= -32768); one at or above it fires.
 *
 * Speed notes (nmnist_csnn, measured; see bench/emulator.bench.ts): the update visits either the marked
 * positions or, when the step's input reaches most of the map, the whole map in order (no marking). Its
 * loops are branch-free where the outcome is a coin toss (floor, which neuron fires, first arrival at an
 * address) and write as little as possible (stores bound them). Firing neurons are listed and their spikes
 * sent afterwards through per-neuron address tables. Typed-array loops like these run about 20% slower
 * in a thread that has detached an ArrayBuffer (V8's detaching protector): batch workers never transfer.
 */

import type { ChipProfile } from '../chip/profile.ts';
import { stateRange } from '../chip/profile.ts';
import { SpikeforgeError } from '../errors.ts';
import type { CoreConfig } from '../image/config.ts';

/** Events arriving at a core within the current step, summed per input address (c, y, x). */
export interface InputPort {
  C: number;
  H: number;
  W: number;
  /** Event count per address, index (c*H + y)*W + x; zero outside the current step. */
  count: Int32Array;
  /** Addresses with a non-zero count, in arrival order. */
  list: Int32Array;
  n: number;
  /** Events whose pooled address fell outside the map (dropped, as the chip does). */
  dropped: number;
}

export function makePort(C: number, H: number, W: number): InputPort {
  const size = C * H * W;
  return { C, H, W, count: new Int32Array(size), list: new Int32Array(size), n: 0, dropped: 0 };
}

export interface CoreRuntime {
  cfg: CoreConfig;
  /** Index of the layer name in the emulator's `layers`. */
  layerIndex: number;
  F: number;
  H: number;
  W: number;
  k: number;
  port: InputPort;
  weights: Int32Array;
  bias: Int32Array;
  hasBias: boolean;
  thresholdHigh: number;
  thresholdLow: number;
  zeroReset: boolean;
  /** Every neuron is visited every step (a bias, or a positive threshold_low that lifts idle neurons). */
  alwaysVisit: boolean;
  /** Visit every neuron at the next step (initial state, or a state written by the user). */
  visitAll: boolean;
  /** Membrane, int16 values between steps (int32 so a step's input can be summed in place). */
  state: Int32Array;
  /**
   * The membrane as reset, state access and traces see it: `state`, or the WebAssembly engine's int16
   * membrane in its memory (the engine sums a step's input elsewhere).
   */
  membrane: Int32Array | Int16Array;
  /** Per input row: the first and last output row it reaches, and the kernel row at the first. */
  oyLo: Int32Array;
  oyHi: Int32Array;
  kyLo: Int32Array;
  oxLo: Int32Array;
  oxHi: Int32Array;
  /** Per input column: the weight column (see the layout above) of the first output column it reaches. */
  colLo: Int32Array;
  /** Weight columns per kernel row (k rounded up to a multiple of sx). */
  kw: number;
  sy: number;
  sx: number;
  /** Input address (c*H + y)*W + x -> c, y, x (no divisions in the scatter). */
  addrC: Uint16Array;
  addrY: Uint16Array;
  addrX: Uint16Array;
  /** Output positions one input address reaches at most. */
  fanMax: number;
  /**
   * Two features per int32 (f = 2g in the low 16 bits, 2g + 1 in the high 16): half the adds. Used for
   * a step only when no sum can leave int16 (|w| max times the step's input events <= 32767); the
   * update folds the pairs into the membrane.
   */
  F2: number;
  pairWeights: Int32Array;
  pairAcc: Int32Array;
  pairPending: boolean;
  /** F even and threshold_low < threshold_high: dense steps can use `updatePairsDense`. */
  pairsDense: boolean;
  maxAbsWeight: number;
  /** Output positions (y*W + x) touched by this step's scatter. */
  posFlag: Uint8Array;
  posList: Int32Array;
  posN: number;
  /** Set by the scatter when this step touched enough positions that the update visits them all. */
  denseStep: boolean;
  /** Neurons that fired this step (state index) and their spike counts. */
  firedJ: Int32Array;
  firedN: Int32Array;
  /** Membrane values of the fired neurons before saturation and reset. */
  firedV: Int32Array;
  destPorts: InputPort[];
  destPooling: Int32Array;
  /** Per destination, per neuron (state index): the pooled address in its port, or -1 (dropped). */
  destAddr: Int32Array[];
  monitored: boolean;
  synops: number;
  synopsMaxPerStep: number;
  synopsMaxStep: number;
  stepSynops: number;
  spikes: number;
}

function check(cond: boolean, core: CoreConfig, what: string): void {
  if (!cond) {
    throw new SpikeforgeError('IMAGE_FORMAT', `core ${core.coreId} (layer "${core.layer}"): ${what}`, {
      hint: 'the configuration is inconsistent; recompile the network',
    });
  }
}

/** Output range of each input row (or column) through a kernel of size k with stride s and padding p. */
function ranges(inSize: number, outSize: number, k: number, s: number, p: number) {
  const lo = new Int32Array(inSize);
  const hi = new Int32Array(inSize);
  const kLo = new Int32Array(inSize);
  for (let i = 0; i < inSize; i++) {
    // o*s - p + kk = i with 0 <= kk < k  <=>  (i + p - k + 1) / s <= o <= (i + p) / s
    const a = Math.max(0, Math.ceil((i + p - k + 1) / s));
    const b = Math.min(outSize - 1, Math.floor((i + p) / s));
    lo[i] = a;
    hi[i] = b;
    kLo[i] = i + p - a * s;
  }
  return { lo, hi, kLo };
}

function addrTable(C: number, H: number, W: number, pick: (c: number, y: number, x: number) => number) {
  const t = new Uint16Array(C * H * W);
  for (let c = 0; c < C; c++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) t[(c * H + y) * W + x] = pick(c, y, x);
    }
  }
  return t;
}

/**
 * The membrane width both engines implement: the JavaScript update saturates at its bounds, the
 * WebAssembly engine holds membranes in int16 lanes. A chip profile of another width needs an engine
 * of that width (the emulator refuses it by name rather than computing something else).
 */
export const ENGINE_STATE_BITS = 16;

/** The state range the engines run a chip with; a profile of another state width is refused. */
export function engineStateRange(profile: Pick<ChipProfile, 'id' | 'stateBits'> | undefined): {
  min: number;
  max: number;
} {
  const bits = profile?.stateBits ?? ENGINE_STATE_BITS;
  if (bits !== ENGINE_STATE_BITS) {
    throw new SpikeforgeError(
      'IMAGE_FORMAT',
      `chip ${profile?.id}: ${bits}-bit neuron state; the emulator's engines implement ${ENGINE_STATE_BITS}-bit state`,
      { hint: 'this chip needs an engine of its state width (src/emulator/update.ts, assembly/engine.ts)' },
    );
  }
  return stateRange({ stateBits: bits });
}

export function buildCore(
  cfg: CoreConfig,
  layerIndex: number,
  port: InputPort,
  range: { min: number; max: number },
): CoreRuntime {
  const [C, Hin, Win] = cfg.inputShape;
  const [F, H, W] = cfg.outputShape;
  const k = cfg.kernelSize;
  check(
    cfg.weights.length === F * C * k * k,
    cfg,
    `weights hold ${cfg.weights.length} values, expected F*C*k*k = ${F * C * k * k}`,
  );
  // Thresholds live in the chip's state range (chip-spec.md); the update relies on it (saturation and floor).
  check(
    Number.isInteger(cfg.thresholdHigh) && cfg.thresholdHigh > 0 && cfg.thresholdHigh <= range.max,
    cfg,
    `threshold_high is ${cfg.thresholdHigh}, must be an integer in 1..${range.max}`,
  );
  check(
    Number.isInteger(cfg.thresholdLow) && cfg.thresholdLow >= range.min && cfg.thresholdLow <= range.max,
    cfg,
    `threshold_low is ${cfg.thresholdLow}, must be an integer in ${range.min}..${range.max}`,
  );
  check(
    !cfg.biases || cfg.biases.length === F,
    cfg,
    `biases hold ${cfg.biases?.length} values, expected ${F}`,
  );
  check(
    !cfg.initialState || cfg.initialState.length === F * H * W,
    cfg,
    `initial state holds ${cfg.initialState?.length} values, expected F*H*W = ${F * H * W}`,
  );
  const sx = cfg.stride[1];
  const perPhase = Math.ceil(k / sx);
  const kw = sx * perPhase;
  const column = (rk: number) => (rk % sx) * perPhase + Math.floor(rk / sx);
  const rows = C * k * kw;
  const weights = new Int32Array(rows * F);
  for (let f = 0; f < F; f++) {
    for (let c = 0; c < C; c++) {
      for (let ky = 0; ky < k; ky++) {
        for (let kx = 0; kx < k; kx++) {
          weights[((c * k + ky) * kw + column(k - 1 - kx)) * F + f] =
            cfg.weights[((f * C + c) * k + ky) * k + kx];
        }
      }
    }
  }
  const F2 = (F + 1) >> 1;
  const pairWeights = new Int32Array(rows * F2);
  let maxAbsWeight = 0;
  for (let q = 0; q < rows; q++) {
    for (let g = 0; g < F2; g++) {
      const lo = weights[q * F + 2 * g];
      const hi = 2 * g + 1 < F ? weights[q * F + 2 * g + 1] : 0;
      pairWeights[q * F2 + g] = (lo + hi * 65536) | 0;
      maxAbsWeight = Math.max(maxAbsWeight, Math.abs(lo), Math.abs(hi));
    }
  }
  const bias = new Int32Array(F);
  let hasBias = false;
  if (cfg.biases) {
    for (let f = 0; f < F; f++) {
      bias[f] = cfg.biases[f];
      if (bias[f] !== 0) hasBias = true;
    }
  }
  const ry = ranges(Hin, H, k, cfg.stride[0], cfg.padding[0]);
  const rx = ranges(Win, W, k, cfg.stride[1], cfg.padding[1]);
  const state = new Int32Array(F * H * W);
  const core: CoreRuntime = {
    cfg,
    layerIndex,
    F,
    H,
    W,
    k,
    port,
    weights,
    bias,
    hasBias,
    thresholdHigh: cfg.thresholdHigh,
    thresholdLow: cfg.thresholdLow,
    zeroReset: cfg.reset === 'zero',
    alwaysVisit: hasBias || cfg.thresholdLow > 0,
    visitAll: false,
    state,
    membrane: state,
    oyLo: ry.lo,
    oyHi: ry.hi,
    kyLo: ry.kLo,
    oxLo: rx.lo,
    oxHi: rx.hi,
    colLo: rx.kLo.map((kx) => column(k - 1 - kx)),
    kw,
    sy: cfg.stride[0],
    sx: cfg.stride[1],
    addrC: addrTable(C, Hin, Win, (c, _y, _x) => c),
    addrY: addrTable(C, Hin, Win, (_c, y, _x) => y),
    addrX: addrTable(C, Hin, Win, (_c, _y, x) => x),
    fanMax: Math.ceil(k / cfg.stride[0]) * Math.ceil(k / cfg.stride[1]),
    F2,
    pairWeights,
    pairAcc: new Int32Array(H * W * F2),
    pairPending: false,
    pairsDense: (F & 1) === 0 && cfg.thresholdLow < cfg.thresholdHigh,
    maxAbsWeight,
    posFlag: new Uint8Array(H * W),
    posList: new Int32Array(H * W),
    posN: 0,
    denseStep: false,
    firedJ: new Int32Array(F * H * W),
    firedN: new Int32Array(F * H * W),
    firedV: new Int32Array(F * H * W),
    destPorts: [],
    destPooling: new Int32Array(cfg.destinations.length),
    destAddr: [],
    monitored: cfg.monitor,
    synops: 0,
    synopsMaxPerStep: 0,
    synopsMaxStep: -1,
    stepSynops: 0,
    spikes: 0,
  };
  resetCore(core);
  return core;
}

/** Connects a core's outputs to its destinations' ports, with the pooled address of every neuron. */
export function connectCore(core: CoreRuntime, ports: InputPort[]): void {
  const { F, H, W } = core;
  core.destPorts = ports;
  core.destAddr = ports.map((port, d) => {
    const pool = core.cfg.destinations[d].pooling;
    core.destPooling[d] = pool;
    const addr = new Int32Array(F * H * W);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const py = (y / pool) | 0;
        const px = (x / pool) | 0;
        for (let f = 0; f < F; f++) {
          const inside = f < port.C && py < port.H && px < port.W;
          addr[(y * W + x) * F + f] = inside ? (f * port.H + py) * port.W + px : -1;
        }
      }
    }
    return addr;
  });
}

/** State back to the configured initial state; nothing pending. */
export function resetCore(core: CoreRuntime): void {
  const init = core.cfg.initialState;
  if (init) writeCoreState(core, init);
  else {
    core.membrane.fill(0);
    core.visitAll = false;
  }
  core.posFlag.fill(0);
  core.posN = 0;
  core.denseStep = false;
  core.pairAcc.fill(0);
  core.pairPending = false;
  const port = core.port;
  for (let i = 0; i < port.n; i++) port.count[port.list[i]] = 0;
  port.n = 0;
  port.dropped = 0;
  core.synops = 0;
  core.synopsMaxPerStep = 0;
  core.synopsMaxStep = -1;
  core.stepSynops = 0;
  core.spikes = 0;
}

/** The membrane state in the config's layout (f*H + y)*W + x. */
export function readCoreState(core: CoreRuntime): Int16Array {
  const { F, H, W, membrane } = core;
  const out = new Int16Array(F * H * W);
  const HW = H * W;
  for (let p = 0; p < HW; p++) {
    for (let f = 0; f < F; f++) out[f * HW + p] = membrane[p * F + f];
  }
  return out;
}

export function writeCoreState(core: CoreRuntime, values: Int16Array): void {
  const { F, H, W, membrane } = core;
  const HW = H * W;
  let nonZero = false;
  for (let p = 0; p < HW; p++) {
    for (let f = 0; f < F; f++) {
      const v = values[f * HW + p];
      membrane[p * F + f] = v;
      if (v !== 0) nonZero = true;
    }
  }
  // A written neuron may sit above threshold: it must be visited once even without input.
  core.visitAll = nonZero;
}

/** acc[a .. a+len) += w[b .. b+len) (times cnt): the innermost loop, unrolled by 4. */
function addRun(acc: Int32Array, a: number, w: Int32Array, b: number, len: number, cnt: number): void {
  // Always multiplied: a branch on cnt === 1 mispredicts when counts mix (pooled inputs).
  let j = 0;
  const len4 = len & ~3;
  for (; j < len4; j += 4) {
    acc[a + j] += Math.imul(w[b + j], cnt);
    acc[a + j + 1] += Math.imul(w[b + j + 1], cnt);
    acc[a + j + 2] += Math.imul(w[b + j + 2], cnt);
    acc[a + j + 3] += Math.imul(w[b + j + 3], cnt);
  }
  for (; j < len; j++) acc[a + j] += Math.imul(w[b + j], cnt);
}

/**
 * Adds this step's input events, through the kernel, to the membrane. Weights are stored with kx
 * reversed, so with stride 1 along x the outputs of one row and their weights are both one contiguous
 * run of (ox, f).
 */
/**
 * `scatter` for a one-position output map (a fully connected layer): every event adds one run of all
 * features at the same place, so events are taken two at a time, one load and store of the accumulator
 * for both (stores bound this loop). Returns the events that reached the position.
 */
function scatterSingle(core: CoreRuntime, acc: Int32Array, weights: Int32Array, F: number): number {
  const { k, kw, oyLo, oyHi, kyLo, oxLo, oxHi, colLo, addrC, addrY, addrX, port } = core;
  const { count, list, n } = port;
  let events = 0;
  let held = -1;
  let heldCnt = 0;
  for (let i = 0; i < n; i++) {
    const a = list[i];
    const cnt = count[a];
    count[a] = 0;
    const iy = addrY[a];
    const ix = addrX[a];
    if (oyHi[iy] < oyLo[iy] || oxHi[ix] < oxLo[ix]) continue;
    events += cnt;
    const b = ((addrC[a] * k + kyLo[iy]) * kw + colLo[ix]) * F;
    if (held < 0) {
      held = b;
      heldCnt = cnt;
      continue;
    }
    const len4 = F & ~3;
    let j = 0;
    for (; j < len4; j += 4) {
      acc[j] += Math.imul(weights[held + j], heldCnt) + Math.imul(weights[b + j], cnt);
      acc[j + 1] += Math.imul(weights[held + j + 1], heldCnt) + Math.imul(weights[b + j + 1], cnt);
      acc[j + 2] += Math.imul(weights[held + j + 2], heldCnt) + Math.imul(weights[b + j + 2], cnt);
      acc[j + 3] += Math.imul(weights[held + j + 3], heldCnt) + Math.imul(weights[b + j + 3], cnt);
    }
    for (; j < F; j++) acc[j] += Math.imul(weights[held + j], heldCnt) + Math.imul(weights[b + j], cnt);
    held = -1;
  }
  if (held >= 0) addRun(acc, 0, weights, held, F, heldCnt);
  port.n = 0;
  return events;
}

/** Scatter steps whose addresses times the fan-out reach H*W / DENSE_FACTOR update every position. */
const DENSE_FACTOR = 4;

export function scatter(core: CoreRuntime): void {
  const port = core.port;
  const n = port.n;
  if (n === 0) return;
  const { W, k, kw, posFlag, posList, oyLo, oyHi, kyLo, oxLo, oxHi, colLo, sy } = core;
  const count = port.count;
  const list = port.list;
  let events = 0;
  for (let i = 0; i < n; i++) events += count[list[i]];
  const paired = core.maxAbsWeight * events <= 32767;
  if (paired) core.pairPending = true;
  // With pairs, F counts int32 lanes (features / 2).
  const F = paired ? core.F2 : core.F;
  const acc = paired ? core.pairAcc : core.state;
  const weights = paired ? core.pairWeights : core.weights;
  const { addrC, addrY, addrX } = core;
  // Positions one address reaches at most; when the step's addresses could reach about half the map,
  // the update visits every position (skipping those without input) instead of a marked list.
  const dense = n * core.fanMax * DENSE_FACTOR >= core.H * core.W;
  if (dense) core.denseStep = true;
  const mark = !core.alwaysVisit && !core.visitAll && !dense;
  if (core.H === 1 && core.W === 1) {
    core.stepSynops += scatterSingle(core, acc, weights, F) * core.F;
    return;
  }
  let posN = core.posN;
  let synops = 0;
  for (let i = 0; i < n; i++) {
    const a = list[i];
    const cnt = count[a];
    count[a] = 0;
    const iy = addrY[a];
    const ix = addrX[a];
    const y0 = oyLo[iy];
    const y1 = oyHi[iy];
    const x0 = oxLo[ix];
    const x1 = oxHi[ix];
    if (y1 < y0 || x1 < x0) continue;
    const nx = x1 - x0 + 1;
    synops += cnt * (y1 - y0 + 1) * nx;
    const cBase = addrC[a] * k;
    const col0 = colLo[ix];
    let ky = kyLo[iy];
    for (let oy = y0; oy <= y1; oy++, ky -= sy) {
      const rowW = (cBase + ky) * kw + col0;
      const p0 = oy * W + x0;
      addRun(acc, p0 * F, weights, rowW * F, nx * F, cnt);
      if (mark) {
        for (let p = p0; p < p0 + nx; p++) {
          if (posFlag[p] === 0) {
            posFlag[p] = 1;
            posList[posN++] = p;
          }
        }
      }
    }
  }
  port.n = 0;
  core.posN = posN;
  core.stepSynops += synops * core.F;
}

/**
 * The neuron update of the JavaScript engine (chip-spec.md steps 1-6 after the scatter of core.ts), its
 * firing, and the sending of spikes to the destinations' ports and to the output buffer.
 */

import type { SpikeBuffer } from '../events/buffer.ts';
import type { CoreRuntime } from './core.ts';
import { ENGINE_STATE_BITS } from './core.ts';

/** The membrane's upper bound the update saturates at (the engines' state width, see core.ts). */
const STATE_MAX = 2 ** (ENGINE_STATE_BITS - 1) - 1;

/**
 * Updates the neurons that can change at step t: those at positions that received input, or all of them
 * when needed (or when the scatter found the layer dense). The firing neurons are listed (index, count)
 * and their spikes sent on afterwards, so the update loops stay small and branch-light.
 */
export function update(core: CoreRuntime, t: number, out: SpikeBuffer | null): void {
  const all = core.alwaysVisit || core.visitAll;
  const idle = !all && !core.hasBias;
  const dense = all || core.denseStep;
  const n = dense ? core.H * core.W : core.posN;
  const list = dense ? null : core.posList;
  let fired: number;
  if (core.pairPending) {
    if (!dense || !core.pairsDense) fired = updatePairs(core, n, list, idle);
    else fired = core.hasBias ? updatePairsDense(core, idle) : updatePairsDenseNoBias(core, idle);
  } else fired = updatePlain(core, n, list);
  if (!dense || core.posN > 0) {
    const { posList, posFlag } = core;
    for (let i = 0; i < core.posN; i++) posFlag[posList[i]] = 0;
  }
  if (all) core.visitAll = false;
  core.posN = 0;
  core.denseStep = false;
  core.pairPending = false;
  if (fired > 0) emit(core, fired, t, out);
  if (core.stepSynops > core.synopsMaxPerStep) {
    core.synopsMaxPerStep = core.stepSynops;
    core.synopsMaxStep = t;
  }
  core.synops += core.stepSynops;
  core.stepSynops = 0;
}

/**
 * Folds the pairs into the membrane and updates both neurons of each pair: positions 0..n-1, or those of
 * `list`. With `idle` (no bias, settled state, threshold_low <= 0) a pair without input cannot change.
 *
 * Branch-free on purpose (a few percent of the neurons fire, at random: a branch on it mispredicts): every
 * neuron is written floored and appended to the fired list with its value, and the list only advances
 * when the value reaches threshold_high. `fire` then finishes those few.
 */
function updatePairs(core: CoreRuntime, n: number, list: Int32Array | null, idle: boolean): number {
  const { F, F2, state, bias, pairAcc, firedJ, firedV } = core;
  const th1 = core.thresholdHigh - 1;
  const tl = core.thresholdLow;
  const odd = (F & 1) === 1;
  let fired = 0;
  for (let i = 0; i < n; i++) {
    const p = list === null ? i : list[i];
    const qb = p * F2;
    const base = p * F;
    for (let g = 0; g < F2; g++) {
      const x = pairAcc[qb + g];
      if (x === 0 && idle) continue;
      pairAcc[qb + g] = 0;
      const lo = (x << 16) >> 16;
      const j = base + 2 * g;
      const v = state[j] + lo + bias[2 * g];
      let d = v - tl;
      state[j] = tl + (d & ~(d >> 31));
      firedJ[fired] = j;
      firedV[fired] = v;
      fired += (th1 - v) >>> 31;
      if (odd && g === F2 - 1) break;
      // (x - lo) may leave int32 by one lane's carry: >> wraps it back, as the lanes did.
      const w = state[j + 1] + ((x - lo) >> 16) + bias[2 * g + 1];
      d = w - tl;
      state[j + 1] = tl + (d & ~(d >> 31));
      firedJ[fired] = j + 1;
      firedV[fired] = w;
      fired += (th1 - w) >>> 31;
    }
  }
  fire(core, fired);
  return fired;
}

/**
 * `updatePairs` over the whole map, for F even and threshold_low < threshold_high: one flat walk, neurons
 * 2q and 2q + 1 in pair q. A neuron that reaches threshold_high is above threshold_low too, so the floored
 * value written is its value; the pairs with a neuron at threshold_high are listed and `firePairs`
 * finishes them. Stores are what bound this loop: three per pair (the accumulator is cleared by one fill).
 */
function updatePairsDense(core: CoreRuntime, idle: boolean): number {
  const { F, state, bias, pairAcc } = core;
  const hotJ = core.firedV;
  const th1 = core.thresholdHigh - 1;
  const tl = core.thresholdLow;
  const n = pairAcc.length;
  let hot = 0;
  let f = 0;
  for (let q = 0; q < n; q++, f += 2) {
    if (f === F) f = 0;
    const x = pairAcc[q];
    if (x === 0 && idle) continue;
    const lo = (x << 16) >> 16;
    const j = 2 * q;
    const v = state[j] + lo + bias[f];
    // (x - lo) may leave int32 by one lane's carry: >> wraps it back, as the lanes did.
    const w = state[j + 1] + ((x - lo) >> 16) + bias[f + 1];
    let d = v - tl;
    state[j] = tl + (d & ~(d >> 31));
    d = w - tl;
    state[j + 1] = tl + (d & ~(d >> 31));
    hotJ[hot] = j;
    hot += ((th1 - v) | (th1 - w)) >>> 31;
  }
  pairAcc.fill(0);
  return firePairs(core, hot);
}

/** `updatePairsDense` without a bias (the common case): no bias loads, no feature counter. */
function updatePairsDenseNoBias(core: CoreRuntime, idle: boolean): number {
  const { state, pairAcc } = core;
  const hotJ = core.firedV;
  const th1 = core.thresholdHigh - 1;
  const tl = core.thresholdLow;
  const n = pairAcc.length;
  let hot = 0;
  for (let q = 0; q < n; q++) {
    const x = pairAcc[q];
    if (x === 0 && idle) continue;
    const lo = (x << 16) >> 16;
    const j = 2 * q;
    const v = state[j] + lo;
    const w = state[j + 1] + ((x - lo) >> 16);
    let d = v - tl;
    state[j] = tl + (d & ~(d >> 31));
    d = w - tl;
    state[j + 1] = tl + (d & ~(d >> 31));
    hotJ[hot] = j;
    hot += ((th1 - v) | (th1 - w)) >>> 31;
  }
  pairAcc.fill(0);
  return firePairs(core, hot);
}

/** The listed pairs (first neuron's index, in firedV): their neurons at threshold_high fire. */
function firePairs(core: CoreRuntime, hot: number): number {
  const { state, firedJ, firedN } = core;
  const hotJ = core.firedV;
  const th = core.thresholdHigh;
  const tl = core.thresholdLow;
  const zero = core.zeroReset;
  let fired = 0;
  // Branch-free in which of the two neurons fires (often one, at random); `f` masks the other.
  for (let i = 0; i < hot; i++) {
    const j0 = hotJ[i];
    for (let j = j0; j < j0 + 2; j++) {
      const v = state[j];
      const f = (th - 1 - v) >> 31;
      const s = Math.min(v, STATE_MAX);
      const m = (s < 2 * th ? 1 : (s / th) | 0) & f;
      const r = zero ? 0 : s - m * th;
      state[j] = (Math.max(r, tl) & f) | (v & ~f);
      firedJ[fired] = j;
      firedN[fired] = m;
      fired -= f;
    }
  }
  return fired;
}

/** The update when the step's input was summed straight into the membrane (branch-free as above). */
function updatePlain(core: CoreRuntime, n: number, list: Int32Array | null): number {
  const { F, state, bias, firedJ, firedV } = core;
  const th1 = core.thresholdHigh - 1;
  const tl = core.thresholdLow;
  let fired = 0;
  for (let i = 0; i < n; i++) {
    const p = list === null ? i : list[i];
    const base = p * F;
    for (let f = 0; f < F; f++) {
      const j = base + f;
      const v = state[j] + bias[f];
      // The floor also covers saturation at -32768 (threshold_low >= -32768).
      const d = v - tl;
      state[j] = tl + (d & ~(d >> 31));
      firedJ[fired] = j;
      firedV[fired] = v;
      fired += (th1 - v) >>> 31;
    }
  }
  fire(core, fired);
  return fired;
}

/** The neurons at or above threshold_high: saturate, count spikes, reset, floor. */
function fire(core: CoreRuntime, fired: number): void {
  const { state, firedJ, firedV, firedN } = core;
  const th = core.thresholdHigh;
  const tl = core.thresholdLow;
  const zero = core.zeroReset;
  for (let i = 0; i < fired; i++) {
    let v = firedV[i];
    if (v > STATE_MAX) v = STATE_MAX;
    const m = v < 2 * th ? 1 : (v / th) | 0;
    v = zero ? 0 : v - m * th;
    state[firedJ[i]] = Math.max(v, tl);
    firedN[i] = m;
  }
}

/** Sends the step's spikes to the destinations' ports (through the pooled-address tables) and to `out`. */
function emit(core: CoreRuntime, fired: number, t: number, out: SpikeBuffer | null): void {
  const { firedJ, firedN, destPorts, destAddr } = core;
  let total = 0;
  for (let i = 0; i < fired; i++) total += firedN[i];
  core.spikes += total;
  for (let d = 0; d < destPorts.length; d++) {
    const port = destPorts[d];
    const addr = destAddr[d];
    const count = port.count;
    const list = port.list;
    let pn = port.n;
    let dropped = 0;
    for (let i = 0; i < fired; i++) {
      const a = addr[firedJ[i]];
      const m = firedN[i];
      if (a < 0) {
        dropped += m;
        continue;
      }
      // Listed on its first event, branch-free (first or repeated arrival is a coin toss).
      const c = count[a];
      list[pn] = a;
      pn += ((c - 1) >>> 31) & 1;
      count[a] = c + m;
    }
    port.n = pn;
    port.dropped += dropped;
  }
  if (out !== null) emitOut(core, fired, total, t, out);
}

/**
 * The step's `fired` neurons (firedJ, firedN) as `total` spike rows of step t in `out`: shared by both
 * engines (the WebAssembly engine leaves its fired list in the same arrays).
 */
export function emitOut(core: CoreRuntime, fired: number, total: number, t: number, out: SpikeBuffer): void {
  out.reserve(total);
  const { F, W, firedJ, firedN } = core;
  const li = core.layerIndex;
  const { t: ot, layer: ol, c: oc, y: oy, x: ox } = out;
  let r = out.count;
  for (let i = 0; i < fired; i++) {
    const j = firedJ[i];
    const p = (j / F) | 0;
    const f = j - p * F;
    const y = (p / W) | 0;
    const x = p - y * W;
    for (let m = firedN[i]; m > 0; m--) {
      ot[r] = t;
      ol[r] = li;
      oc[r] = f;
      oy[r] = y;
      ox[r] = x;
      r++;
    }
  }
  out.count = r;
}

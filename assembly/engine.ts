// The WebAssembly SIMD engine (AssemblyScript): one step of every core, in evaluation order, over the
// arrays that src/emulator/wasm.ts lays out in this module's (imported) memory. Exactly the semantics
// of chip-spec.md and of the JavaScript engine (src/emulator/core.ts, update.ts), which the property
// tests hold it against; built by scripts/build-wasm.js into wasm/engine.wasm.
//
// A core is a descriptor of i32 fields (indices below, exported so the loader reads them from here):
// scalars, then byte offsets of its arrays. Layouts are those of the JavaScript engine: membrane
// position-major (p*F + f, here int16: the chip's register), weights input-major with kx reversed and
// grouped by phase, so one input row's outputs and their weights are one contiguous run of (ox, f). A
// step's input is summed exactly before the update saturates it: in int16 lanes (i16x8, eight per add)
// into `acc16` when no sum can leave int16 (|w| max times the step's events <= 32767), else in int32
// lanes (i32x4) into `acc32`. The update runs eight neurons per vector and finishes the few that fire
// more than once one by one.

// Core descriptor fields (i32 index; synops is an f64 at byte 0).
export const D_SYNOPS: i32 = 0;
export const D_F: i32 = 2;
export const D_H: i32 = 3;
export const D_W: i32 = 4;
export const D_K: i32 = 5;
export const D_KW: i32 = 6;
export const D_SY: i32 = 7;
export const D_TH: i32 = 8;
export const D_TL: i32 = 9;
export const D_ZERO: i32 = 10;
export const D_HASBIAS: i32 = 11;
export const D_ALWAYS: i32 = 12;
export const D_VISITALL: i32 = 13;
export const D_MAXW: i32 = 14;
export const D_FANMAX: i32 = 15;
export const D_PORT: i32 = 16;
export const D_NDEST: i32 = 17;
export const D_DESTS: i32 = 18;
export const D_W32: i32 = 19;
export const D_W16: i32 = 20;
export const D_BIAS: i32 = 21;
export const D_BIASMAP: i32 = 22;
export const D_STATE: i32 = 23;
export const D_ACC16: i32 = 24;
export const D_OYLO: i32 = 25;
export const D_OYHI: i32 = 26;
export const D_KYLO: i32 = 27;
export const D_OXLO: i32 = 28;
export const D_OXHI: i32 = 29;
export const D_COLLO: i32 = 30;
export const D_ADDRC: i32 = 31;
export const D_ADDRY: i32 = 32;
export const D_ADDRX: i32 = 33;
export const D_POSFLAG: i32 = 34;
export const D_POSLIST: i32 = 35;
export const D_FIREDJ: i32 = 36;
export const D_FIREDN: i32 = 37;
export const D_FIRED: i32 = 38;
export const D_SPIKES: i32 = 39;
export const D_SCRATCH: i32 = 40;
export const D_ACC32: i32 = 41;
export const D_FIELDS: i32 = 42;
// Port record fields: where a core's input events of the step are summed per address (c, y, x).
export const P_COUNT: i32 = 0;
export const P_LIST: i32 = 1;
export const P_N: i32 = 2;
export const P_DROPPED: i32 = 3;
export const P_FIELDS: i32 = 4;

// Step state between a core's scatter and its update.
let posN: i32 = 0;
let paired: bool = false;
let denseStep: bool = false;
let fired: i32 = 0;

function get(d: usize, f: i32): i32 {
  return load<i32>(d + ((<usize>f) << 2));
}

function set(d: usize, f: i32, v: i32): void {
  store<i32>(d + ((<usize>f) << 2), v);
}

function ptr(d: usize, f: i32): usize {
  return <usize>load<i32>(d + ((<usize>f) << 2));
}

/** Simulates step t of the `n` cores whose descriptor offsets are listed at `order`. */
export function step(order: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const d = ptr(order, i);
    posN = 0;
    paired = false;
    denseStep = false;
    scatter(d);
    update(d);
  }
}

/** a[0 .. len) += b[0 .. len) * cnt in int16 lanes (no sum leaves int16: checked by the caller). */
@inline
function addRun16(a: usize, b: usize, len: i32, cnt: i32): void {
  const c = i16x8.splat(<i16>cnt);
  let j = 0;
  for (; j + 16 <= len; j += 16) {
    const p = a + ((<usize>j) << 1);
    const q = b + ((<usize>j) << 1);
    v128.store(p, i16x8.add(v128.load(p), i16x8.mul(v128.load(q), c)));
    v128.store(p, i16x8.add(v128.load(p, 16), i16x8.mul(v128.load(q, 16), c)), 16);
  }
  if (j + 8 <= len) {
    const p = a + ((<usize>j) << 1);
    v128.store(p, i16x8.add(v128.load(p), i16x8.mul(v128.load(b + ((<usize>j) << 1)), c)));
    j += 8;
  }
  for (; j < len; j++) {
    const p = a + ((<usize>j) << 1);
    store<i16>(p, <i16>(<i32>load<i16>(p) + <i32>load<i16>(b + ((<usize>j) << 1)) * cnt));
  }
}

/** a[0 .. len) += b[0 .. len) * cnt in int32 lanes (exact). */
function addRun32(a: usize, b: usize, len: i32, cnt: i32): void {
  const c = i32x4.splat(cnt);
  let j = 0;
  for (; j + 4 <= len; j += 4) {
    const p = a + ((<usize>j) << 2);
    v128.store(p, i32x4.add(v128.load(p), i32x4.mul(v128.load(b + ((<usize>j) << 2)), c)));
  }
  for (; j < len; j++) {
    const p = a + ((<usize>j) << 2);
    store<i32>(p, load<i32>(p) + load<i32>(b + ((<usize>j) << 2)) * cnt);
  }
}

/** Scatter steps whose addresses times the fan-out reach H*W / DENSE_FACTOR update every position. */
const DENSE_FACTOR: i64 = 4;

function scatter(d: usize): void {
  const port = ptr(d, D_PORT);
  const n = get(port, P_N);
  if (n === 0) return;
  const count = ptr(port, P_COUNT);
  const list = ptr(port, P_LIST);
  const F = get(d, D_F);
  const H = get(d, D_H);
  const W = get(d, D_W);
  const k = get(d, D_K);
  const kw = get(d, D_KW);
  const sy = get(d, D_SY);
  let events: i64 = 0;
  for (let i = 0; i < n; i++) events += <i64>load<i32>(count + (ptr(list, i) << 2));
  const p16 = <i64>get(d, D_MAXW) * events <= 32767;
  paired = p16;
  const acc = p16 ? ptr(d, D_ACC16) : ptr(d, D_ACC32);
  const weights = p16 ? ptr(d, D_W16) : ptr(d, D_W32);
  const dense = <i64>n * <i64>get(d, D_FANMAX) * DENSE_FACTOR >= <i64>H * <i64>W;
  if (dense) denseStep = true;
  const mark = get(d, D_ALWAYS) === 0 && get(d, D_VISITALL) === 0 && !dense;
  const oyLo = ptr(d, D_OYLO);
  const oyHi = ptr(d, D_OYHI);
  const kyLo = ptr(d, D_KYLO);
  const oxLo = ptr(d, D_OXLO);
  const oxHi = ptr(d, D_OXHI);
  const colLo = ptr(d, D_COLLO);
  const addrC = ptr(d, D_ADDRC);
  const addrY = ptr(d, D_ADDRY);
  const addrX = ptr(d, D_ADDRX);
  const posFlag = ptr(d, D_POSFLAG);
  const posList = ptr(d, D_POSLIST);
  if (p16 && H === 1 && W === 1) {
    // A one-position map (a fully connected layer): always a dense step, nothing to mark.
    scatterSingle(d, list, count, n, acc, weights);
    set(port, P_N, 0);
    return;
  }
  let pn = posN;
  let synops: f64 = 0;
  for (let i = 0; i < n; i++) {
    const a = ptr(list, i);
    const ca = count + (a << 2);
    const cnt = load<i32>(ca);
    store<i32>(ca, 0);
    const iy = <usize>load<u16>(addrY + (a << 1));
    const ix = <usize>load<u16>(addrX + (a << 1));
    const y0 = get(oyLo, <i32>iy);
    const y1 = get(oyHi, <i32>iy);
    const x0 = get(oxLo, <i32>ix);
    const x1 = get(oxHi, <i32>ix);
    if (y1 < y0 || x1 < x0) continue;
    const nx = x1 - x0 + 1;
    synops += <f64>cnt * <f64>(y1 - y0 + 1) * <f64>nx;
    const cBase = <i32>load<u16>(addrC + (a << 1)) * k;
    const col0 = get(colLo, <i32>ix);
    let ky = get(kyLo, <i32>iy);
    const len = nx * F;
    for (let oy = y0; oy <= y1; oy++, ky -= sy) {
      const rowW = (cBase + ky) * kw + col0;
      const p0 = oy * W + x0;
      if (p16) addRun16(acc + ((<usize>(p0 * F)) << 1), weights + ((<usize>(rowW * F)) << 1), len, cnt);
      else addRun32(acc + ((<usize>(p0 * F)) << 2), weights + ((<usize>(rowW * F)) << 2), len, cnt);
      if (mark) {
        for (let p = p0; p < p0 + nx; p++) {
          if (load<u8>(posFlag + <usize>p) === 0) {
            store<u8>(posFlag + <usize>p, 1);
            store<i32>(posList + ((<usize>pn) << 2), p);
            pn++;
          }
        }
      }
    }
  }
  set(port, P_N, 0);
  posN = pn;
  addSynops(d, synops * <f64>F);
}

function addSynops(d: usize, synops: f64): void {
  const sp = d + ((<usize>D_SYNOPS) << 2);
  store<f64>(sp, load<f64>(sp) + synops);
}

/**
 * `scatter` for a one-position output map in int16 lanes: every event adds one run of all features at
 * the same place, so events are taken four at a time, one load and store of the sums for all four (the
 * stores bound the one-at-a-time loop).
 */
function scatterSingle(d: usize, list: usize, count: usize, n: i32, acc: usize, weights: usize): void {
  const F = get(d, D_F);
  const k = get(d, D_K);
  const kw = get(d, D_KW);
  const oyLo = ptr(d, D_OYLO);
  const oyHi = ptr(d, D_OYHI);
  const kyLo = ptr(d, D_KYLO);
  const oxLo = ptr(d, D_OXLO);
  const oxHi = ptr(d, D_OXHI);
  const colLo = ptr(d, D_COLLO);
  const addrC = ptr(d, D_ADDRC);
  const addrY = ptr(d, D_ADDRY);
  const addrX = ptr(d, D_ADDRX);
  let events = 0;
  let held = 0;
  let w0: usize = 0;
  let w1: usize = 0;
  let w2: usize = 0;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  const rowBytes = <usize>F << 1;
  for (let i = 0; i < n; i++) {
    const a = ptr(list, i);
    const ca = count + (a << 2);
    const cnt = load<i32>(ca);
    store<i32>(ca, 0);
    const iy = <i32>load<u16>(addrY + (a << 1));
    const ix = <i32>load<u16>(addrX + (a << 1));
    if (get(oyHi, iy) < get(oyLo, iy) || get(oxHi, ix) < get(oxLo, ix)) continue;
    events += cnt;
    const w = weights + <usize>(((<i32>load<u16>(addrC + (a << 1)) * k + get(kyLo, iy)) * kw + get(colLo, ix)) * F) * 2;
    if (held === 0) {
      w0 = w;
      c0 = cnt;
      held = 1;
    } else if (held === 1) {
      w1 = w;
      c1 = cnt;
      held = 2;
    } else if (held === 2) {
      w2 = w;
      c2 = cnt;
      held = 3;
    } else {
      const v0 = i16x8.splat(<i16>c0);
      const v1 = i16x8.splat(<i16>c1);
      const v2 = i16x8.splat(<i16>c2);
      const v3 = i16x8.splat(<i16>cnt);
      let j: usize = 0;
      for (; j + 16 <= rowBytes; j += 16) {
        let x = v128.load(acc + j);
        x = i16x8.add(x, i16x8.mul(v128.load(w0 + j), v0));
        x = i16x8.add(x, i16x8.mul(v128.load(w1 + j), v1));
        x = i16x8.add(x, i16x8.mul(v128.load(w2 + j), v2));
        x = i16x8.add(x, i16x8.mul(v128.load(w + j), v3));
        v128.store(acc + j, x);
      }
      for (; j < rowBytes; j += 2) {
        const sum =
          <i32>load<i16>(acc + j) +
          <i32>load<i16>(w0 + j) * c0 +
          <i32>load<i16>(w1 + j) * c1 +
          <i32>load<i16>(w2 + j) * c2 +
          <i32>load<i16>(w + j) * cnt;
        store<i16>(acc + j, <i16>sum);
      }
      held = 0;
    }
  }
  if (held > 0) addRun16(acc, w0, F, c0);
  if (held > 1) addRun16(acc, w1, F, c1);
  if (held > 2) addRun16(acc, w2, F, c2);
  addSynops(d, <f64>events * <f64>F);
}

// The updated core's constants, set by `update` (globals: the loops' stores cannot alias them).
let cState: usize = 0;
let cAcc: usize = 0;
let cAcc32: usize = 0;
let cScratch: usize = 0;
let cFiredJ: usize = 0;
let cFiredN: usize = 0;
let cTh: i32 = 0;
let cTl: i32 = 0;
let cZero: bool = false;

/** Appends neuron j to the fired list with m spikes. */
function listFired(j: i32, m: i32): void {
  const f = <usize>fired;
  store<i32>(cFiredJ + (f << 2), j);
  store<i32>(cFiredN + (f << 2), m);
  fired = <i32>f + 1;
}

/** A neuron whose saturated value s is at or above threshold_high: spikes, reset, floor. */
function fire(j: i32, s: i32): void {
  const th = cTh;
  const m = s < 2 * th ? 1 : s / th;
  const r = cZero ? 0 : s - m * th;
  store<i16>(cState + ((<usize>j) << 1), <i16>max<i32>(r, cTl));
  listFired(j, m);
}

/**
 * Neurons j0 .. j0+len: membrane (int16) + this step's sums (int16 when paired, else int32; cleared as
 * read) + bias (at `bias`, indexed from j0), saturated to int16, floored; those at threshold_high fire.
 * Without a bias, int16 sums need no widening: a saturating add is the saturation of chip-spec.md.
 * Firing is vector too where it is one spike (threshold_high <= s < 2*threshold_high, most neurons that
 * fire); the others go through `fire`.
 */
function updateRange(j0: i32, len: i32, bias: usize, hasBias: bool): void {
  const state = cState;
  const acc = cAcc;
  const acc32 = cAcc32;
  const scratch = cScratch;
  const tl = cTl;
  const th = cTh;
  const zeroReset = cZero;
  const sums16 = paired;
  const wide = hasBias || !sums16;
  const vtl = i16x8.splat(<i16>tl);
  const vth = i16x8.splat(<i16>th);
  const vth1 = i16x8.splat(<i16>(th - 1));
  // Lanes above this fire more than once (s >= 2*threshold_high).
  const vmany = i16x8.splat(<i16>min<i32>(2 * th - 1, 32767));
  const zero = i32x4.splat(0);
  let j = 0;
  for (; j + 8 <= len; j += 8) {
    const jj = j0 + j;
    const sp = state + ((<usize>jj) << 1);
    let s: v128;
    if (wide) {
      let v0: v128;
      let v1: v128;
      if (sums16) {
        const ap = acc + ((<usize>jj) << 1);
        const a = v128.load(ap);
        v128.store(ap, zero);
        v0 = i32x4.extend_low_i16x8_s(a);
        v1 = i32x4.extend_high_i16x8_s(a);
      } else {
        const ap = acc32 + ((<usize>jj) << 2);
        v0 = v128.load(ap);
        v1 = v128.load(ap, 16);
        v128.store(ap, zero);
        v128.store(ap, zero, 16);
      }
      const st = v128.load(sp);
      v0 = i32x4.add(v0, i32x4.extend_low_i16x8_s(st));
      v1 = i32x4.add(v1, i32x4.extend_high_i16x8_s(st));
      if (hasBias) {
        const bj = bias + ((<usize>j) << 2);
        v0 = i32x4.add(v0, v128.load(bj));
        v1 = i32x4.add(v1, v128.load(bj, 16));
      }
      s = i16x8.narrow_i32x4_s(v0, v1);
    } else {
      const ap = acc + ((<usize>jj) << 1);
      const a = v128.load(ap);
      v128.store(ap, zero);
      s = i16x8.add_sat_s(v128.load(sp), a);
    }
    // Branch-free up to the one test whether any of the eight fires (which neurons do is a coin toss).
    const hotm = i16x8.gt_s(s, vth1);
    const reset = zeroReset ? v128.andnot(s, hotm) : i16x8.sub(s, v128.and(hotm, vth));
    v128.store(sp, i16x8.max_s(reset, vtl));
    let hot = i16x8.bitmask(hotm);
    if (hot !== 0) {
      const many = i16x8.bitmask(i16x8.gt_s(s, vmany));
      if (many !== 0) v128.store(scratch, s);
      do {
        const l = ctz(hot);
        hot &= hot - 1;
        if ((many >> l) & 1) fire(jj + l, <i32>load<i16>(scratch + ((<usize>l) << 1)));
        else listFired(jj + l, 1);
      } while (hot !== 0);
    }
  }
  for (; j < len; j++) {
    const jj = j0 + j;
    const sp = state + ((<usize>jj) << 1);
    let v = <i32>load<i16>(sp);
    if (sums16) {
      const ap = acc + ((<usize>jj) << 1);
      v += <i32>load<i16>(ap);
      store<i16>(ap, 0);
    } else {
      const ap = acc32 + ((<usize>jj) << 2);
      v += load<i32>(ap);
      store<i32>(ap, 0);
    }
    if (hasBias) v += load<i32>(bias + ((<usize>j) << 2));
    v = min<i32>(v, 32767);
    if (v >= th) fire(jj, v);
    else store<i16>(sp, <i16>max<i32>(v, tl));
  }
}

/**
 * Updates the neurons that can change at this step: those at positions that received input, or all of
 * them (a bias, a positive threshold_low, a written state, or a step whose input reached most of the
 * map); then sends the spikes to the destinations' ports.
 */
function update(d: usize): void {
  const all = get(d, D_ALWAYS) !== 0 || get(d, D_VISITALL) !== 0;
  const F = get(d, D_F);
  const hasBias = get(d, D_HASBIAS) !== 0;
  const posList = ptr(d, D_POSLIST);
  const posFlag = ptr(d, D_POSFLAG);
  cState = ptr(d, D_STATE);
  cAcc = ptr(d, D_ACC16);
  cAcc32 = ptr(d, D_ACC32);
  cScratch = ptr(d, D_SCRATCH);
  cFiredJ = ptr(d, D_FIREDJ);
  cFiredN = ptr(d, D_FIREDN);
  cTh = get(d, D_TH);
  cTl = get(d, D_TL);
  cZero = get(d, D_ZERO) !== 0;
  fired = 0;
  if (all || denseStep) {
    const size = F * get(d, D_H) * get(d, D_W);
    updateRange(0, size, ptr(d, D_BIASMAP), hasBias);
    for (let i = 0; i < posN; i++) store<u8>(posFlag + ptr(posList, i), 0);
  } else {
    const bias = ptr(d, D_BIAS);
    for (let i = 0; i < posN; i++) {
      const p = get(posList, i);
      store<u8>(posFlag + <usize>p, 0);
      updateRange(p * F, F, bias, hasBias);
    }
  }
  if (all) set(d, D_VISITALL, 0);
  set(d, D_FIRED, fired);
  emit(d);
}

/** The step's spikes into the destinations' ports, through the per-neuron pooled-address tables. */
function emit(d: usize): void {
  const n = fired;
  const firedJ = ptr(d, D_FIREDJ);
  const firedN = ptr(d, D_FIREDN);
  let total = 0;
  for (let i = 0; i < n; i++) total += get(firedN, i);
  set(d, D_SPIKES, total);
  if (n === 0) return;
  const nDest = get(d, D_NDEST);
  const dests = ptr(d, D_DESTS);
  for (let k = 0; k < nDest; k++) {
    const port = ptr(dests, 2 * k);
    const addr = ptr(dests, 2 * k + 1);
    const count = ptr(port, P_COUNT);
    const list = ptr(port, P_LIST);
    let pn = get(port, P_N);
    let dropped = 0;
    for (let i = 0; i < n; i++) {
      const a = get(addr, get(firedJ, i));
      const m = get(firedN, i);
      if (a < 0) {
        dropped += m;
        continue;
      }
      const ca = count + ((<usize>a) << 2);
      const c = load<i32>(ca);
      // Listed on its first event, branch-free (the list has a spare slot past its end for this store).
      store<i32>(list + ((<usize>pn) << 2), a);
      pn += c === 0 ? 1 : 0;
      store<i32>(ca, c + m);
    }
    set(port, P_N, pn);
    set(port, P_DROPPED, get(port, P_DROPPED) + dropped);
  }
}

// For the benchmark (bench/emulator.bench.ts): the machine's SIMD add rate, measured by the same
// compiler and runtime as the engine.

/**
 * `reps` rounds of eight independent i16x8 (or, `wide`, i32x4) adds on registers: the add units' limit,
 * no memory traffic. The accumulators start from memory at `at` and are stored back there, so no add
 * can be left out.
 */
export function simdAdds(at: usize, reps: i32, wide: bool): void {
  let a0 = v128.load(at);
  let a1 = v128.load(at, 16);
  let a2 = v128.load(at, 32);
  let a3 = v128.load(at, 48);
  let a4 = v128.load(at, 64);
  let a5 = v128.load(at, 80);
  let a6 = v128.load(at, 96);
  let a7 = v128.load(at, 112);
  const k = v128.load(at, 128);
  if (wide) {
    for (let r = 0; r < reps; r++) {
      a0 = i32x4.add(a0, k);
      a1 = i32x4.add(a1, k);
      a2 = i32x4.add(a2, k);
      a3 = i32x4.add(a3, k);
      a4 = i32x4.add(a4, k);
      a5 = i32x4.add(a5, k);
      a6 = i32x4.add(a6, k);
      a7 = i32x4.add(a7, k);
    }
  } else {
    for (let r = 0; r < reps; r++) {
      a0 = i16x8.add(a0, k);
      a1 = i16x8.add(a1, k);
      a2 = i16x8.add(a2, k);
      a3 = i16x8.add(a3, k);
      a4 = i16x8.add(a4, k);
      a5 = i16x8.add(a5, k);
      a6 = i16x8.add(a6, k);
      a7 = i16x8.add(a7, k);
    }
  }
  v128.store(at, a0);
  v128.store(at, a1, 16);
  v128.store(at, a2, 32);
  v128.store(at, a3, 48);
  v128.store(at, a4, 64);
  v128.store(at, a5, 80);
  v128.store(at, a6, 96);
  v128.store(at, a7, 112);
}

/** `reps` passes of the scatter's inner loop over `len` int16 lanes at `acc` (+= `w` * `cnt`): its limit. */
export function simdAccumulate(acc: usize, w: usize, len: i32, cnt: i32, reps: i32): void {
  for (let r = 0; r < reps; r++) addRun16(acc, w, len, cnt);
}

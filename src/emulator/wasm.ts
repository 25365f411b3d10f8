/**
 * The WebAssembly SIMD engine's JavaScript side: loads wasm/engine.wasm (built from assembly/engine.ts
 * by scripts/build-wasm.js at `prepare`) synchronously once per process, lays out each emulator's cores
 * in a memory of their own, and runs a step as one call.
 *
 * The arrays the emulator itself reads and writes (the membrane, int16 here, the ports' `count` and `list`,
 * `firedJ` and `firedN`) become views of that memory, so reset, state access, traces and input delivery
 * are the JavaScript engine's code. The scalars that both sides change (a port's event count, a core's
 * visit-all flag) are copied in before a step and out after it, with the step's statistics.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpikeBuffer } from '../events/buffer.ts';
import type { CoreRuntime, InputPort } from './core.ts';
import { emitOut } from './update.ts';

/** The part of the WebAssembly JS API used here (the project's lib settings declare none of it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
  Global: abstract new (...args: never[]) => { value: unknown };
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Loaded {
  module: object;
  /** Descriptor field indices, as the module exports them. */
  fields: Record<string, number>;
}

let loaded: Loaded | undefined;
let unavailable: string | undefined;

/** wasm/engine.wasm of this package: next to src/ (sources) or to dist/src/ (a build). */
export function wasmPath(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++, dir = dirname(dir)) {
    const p = join(dir, 'wasm', 'engine.wasm');
    if (existsSync(p)) return p;
  }
  return undefined;
}

function load(): Loaded | undefined {
  if (loaded || unavailable !== undefined) return loaded;
  if (WebAssembly === undefined) {
    unavailable = 'this Node runs without WebAssembly (--jitless?)';
    return undefined;
  }
  const path = wasmPath();
  if (!path) {
    unavailable = 'wasm/engine.wasm is missing (built by `npm install`, or `node scripts/build-wasm.js`)';
    return undefined;
  }
  try {
    const module = new WebAssembly.Module(readFileSync(path));
    const probe = new WebAssembly.Instance(module, {
      env: { memory: new WebAssembly.Memory({ initial: 1 }) },
    });
    const fields: Record<string, number> = {};
    for (const [name, value] of Object.entries(probe.exports)) {
      if (value instanceof WebAssembly.Global) fields[name] = value.value as number;
    }
    loaded = { module, fields };
  } catch (e) {
    unavailable = `${path} does not load (${e instanceof Error ? e.message : String(e)}); SIMD needs Node >= 16.4`;
  }
  return loaded;
}

/** A fresh instance of the engine's module on a memory of `pages` (64 KiB each): for the benchmark. */
export function wasmInstance(pages = 1): { exports: Record<string, unknown>; memory: ArrayBuffer } {
  const { module } = load()!;
  const memory = new WebAssembly.Memory({ initial: pages });
  return { exports: new WebAssembly.Instance(module, { env: { memory } }).exports, memory: memory.buffer };
}

/** Why the WebAssembly engine cannot run in this process, or undefined when it can. */
export function wasmUnavailable(): string | undefined {
  load();
  return unavailable;
}

/** Byte offsets handed out in one memory, 16-byte aligned (SIMD loads and f64 fields). */
class Layout {
  size = 64;
  take(bytes: number): number {
    const at = this.size;
    this.size += (bytes + 15) & ~15;
    return at;
  }
}

interface CoreSlots {
  core: CoreRuntime;
  desc: number;
}

export class WasmEngine {
  readonly name = 'wasm' as const;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly run: (order: number, n: number) => void;
  private readonly ports: { port: InputPort; rec: number }[] = [];
  private readonly slots: CoreSlots[];
  private readonly orderAt: number;
  private readonly D: Record<string, number>;
  private readonly P: Record<string, number>;

  constructor(cores: CoreRuntime[], order: CoreRuntime[]) {
    const { module, fields } = load()!;
    const field = (name: string) => fields[name];
    const D: Record<string, number> = {
      ...Object.fromEntries(
        Object.keys(fields)
          .filter((k) => k.startsWith('D_'))
          .map((k) => [k.slice(2), field(k)]),
      ),
    };
    const P: Record<string, number> = Object.fromEntries(
      Object.keys(fields)
        .filter((k) => k.startsWith('P_'))
        .map((k) => [k.slice(2), field(k)]),
    );
    this.D = D;
    this.P = P;

    // Plan: where every array goes.
    const lay = new Layout();
    const portRec = new Map<InputPort, { rec: number; count: number; list: number }>();
    for (const core of cores) {
      const port = core.port;
      const size = port.count.length;
      // One slot more in the list: the branch-free append writes one past the end when all are listed.
      portRec.set(port, {
        rec: lay.take(4 * P.FIELDS),
        count: lay.take(4 * size),
        list: lay.take(4 * (size + 1)),
      });
    }
    const plans = cores.map((core) => {
      const N = core.state.length;
      const HW = core.H * core.W;
      const nIn = core.addrC.length;
      return {
        desc: lay.take(4 * D.FIELDS),
        dests: lay.take(8 * core.destPorts.length),
        destAddr: core.destAddr.map(() => lay.take(4 * N)),
        w32: lay.take(4 * core.weights.length),
        w16: lay.take(2 * core.weights.length),
        bias: lay.take(4 * core.F),
        biasMap: core.hasBias ? lay.take(4 * N) : 0,
        state: lay.take(2 * N),
        acc16: lay.take(2 * N),
        acc32: lay.take(4 * N),
        oyLo: lay.take(4 * core.oyLo.length),
        oyHi: lay.take(4 * core.oyHi.length),
        kyLo: lay.take(4 * core.kyLo.length),
        oxLo: lay.take(4 * core.oxLo.length),
        oxHi: lay.take(4 * core.oxHi.length),
        colLo: lay.take(4 * core.colLo.length),
        addrC: lay.take(2 * nIn),
        addrY: lay.take(2 * nIn),
        addrX: lay.take(2 * nIn),
        posFlag: lay.take(HW),
        posList: lay.take(4 * HW),
        firedJ: lay.take(4 * N),
        firedN: lay.take(4 * N),
        scratch: lay.take(32),
      };
    });
    this.orderAt = lay.take(4 * order.length);

    const memory = new WebAssembly.Memory({ initial: Math.ceil(lay.size / 65536) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.run = instance.exports.step as (order: number, n: number) => void;
    const buf = memory.buffer;
    const i32 = new Int32Array(buf);
    this.i32 = i32;
    this.f64 = new Float64Array(buf);
    const i32At = (at: number, src: ArrayLike<number>) => {
      const v = new Int32Array(buf, at, src.length);
      v.set(src);
      return v;
    };
    const u16At = (at: number, src: ArrayLike<number>) => new Uint16Array(buf, at, src.length).set(src);

    for (const [port, r] of portRec) {
      port.count = i32At(r.count, port.count);
      port.list = i32At(r.list, port.list);
      i32[r.rec / 4 + P.COUNT] = r.count;
      i32[r.rec / 4 + P.LIST] = r.list;
      this.ports.push({ port, rec: r.rec });
    }
    this.slots = cores.map((core, i) => {
      const pl = plans[i];
      const N = core.state.length;
      const membrane = new Int16Array(buf, pl.state, N);
      membrane.set(core.membrane);
      core.membrane = membrane;
      core.firedJ = i32At(pl.firedJ, core.firedJ);
      core.firedN = i32At(pl.firedN, core.firedN);
      i32At(pl.w32, core.weights);
      new Int16Array(buf, pl.w16, core.weights.length).set(core.weights);
      i32At(pl.bias, core.bias);
      if (core.hasBias) {
        const map = new Int32Array(buf, pl.biasMap, N);
        for (let j = 0; j < N; j++) map[j] = core.bias[j % core.F];
      }
      i32At(pl.oyLo, core.oyLo);
      i32At(pl.oyHi, core.oyHi);
      i32At(pl.kyLo, core.kyLo);
      i32At(pl.oxLo, core.oxLo);
      i32At(pl.oxHi, core.oxHi);
      i32At(pl.colLo, core.colLo);
      u16At(pl.addrC, core.addrC);
      u16At(pl.addrY, core.addrY);
      u16At(pl.addrX, core.addrX);
      core.destPorts.forEach((port, d) => {
        i32[pl.dests / 4 + 2 * d] = portRec.get(port)!.rec;
        i32[pl.dests / 4 + 2 * d + 1] = pl.destAddr[d];
        i32At(pl.destAddr[d], core.destAddr[d]);
      });
      const d = pl.desc / 4;
      const put = (name: string, v: number) => {
        i32[d + D[name]] = v;
      };
      put('F', core.F);
      put('H', core.H);
      put('W', core.W);
      put('K', core.k);
      put('KW', core.kw);
      put('SY', core.sy);
      put('TH', core.thresholdHigh);
      put('TL', core.thresholdLow);
      put('ZERO', core.zeroReset ? 1 : 0);
      put('HASBIAS', core.hasBias ? 1 : 0);
      put('ALWAYS', core.alwaysVisit ? 1 : 0);
      put('MAXW', core.maxAbsWeight);
      put('FANMAX', core.fanMax);
      put('PORT', portRec.get(core.port)!.rec);
      put('NDEST', core.destPorts.length);
      put('DESTS', pl.dests);
      for (const name of [
        'w32',
        'w16',
        'bias',
        'biasMap',
        'state',
        'acc16',
        'acc32',
        'oyLo',
        'oyHi',
        'kyLo',
        'oxLo',
        'oxHi',
        'colLo',
        'addrC',
        'addrY',
        'addrX',
        'posFlag',
        'posList',
        'firedJ',
        'firedN',
        'scratch',
      ] as const) {
        put(name.toUpperCase(), pl[name]);
      }
      return { core, desc: pl.desc };
    });
    const byCore = new Map(this.slots.map((s) => [s.core, s.desc]));
    order.forEach((core, i) => {
      i32[this.orderAt / 4 + i] = byCore.get(core)!;
    });
    this.slots = order.map((core) => ({ core, desc: byCore.get(core)! }));
  }

  step(t: number, out: SpikeBuffer): void {
    const { i32, f64, D, P, ports, slots } = this;
    for (let i = 0; i < ports.length; i++) {
      const r = ports[i].rec >> 2;
      i32[r + P.N] = ports[i].port.n;
      i32[r + P.DROPPED] = 0;
    }
    for (let i = 0; i < slots.length; i++) {
      i32[(slots[i].desc >> 2) + D.VISITALL] = slots[i].core.visitAll ? 1 : 0;
    }
    this.run(this.orderAt, slots.length);
    for (let i = 0; i < ports.length; i++) {
      const r = ports[i].rec >> 2;
      ports[i].port.n = i32[r + P.N];
      ports[i].port.dropped += i32[r + P.DROPPED];
    }
    for (let i = 0; i < slots.length; i++) {
      const { core, desc } = slots[i];
      const d = desc >> 2;
      core.visitAll = i32[d + D.VISITALL] !== 0;
      const synops = f64[desc >> 3];
      f64[desc >> 3] = 0;
      if (synops > core.synopsMaxPerStep) {
        core.synopsMaxPerStep = synops;
        core.synopsMaxStep = t;
      }
      core.synops += synops;
      const spikes = i32[d + D.SPIKES];
      core.spikes += spikes;
      const fired = i32[d + D.FIRED];
      if (fired > 0 && core.monitored) emitOut(core, fired, spikes, t, out);
    }
  }
}

/**
 * The event-driven emulator of a configured chip: exactly the semantics of chip-spec.md over a decoded
 * `ChipConfig`. Work per step grows with the input events times the kernel fan-out, plus one pass over
 * the cores whose neurons all need a visit (a bias, a positive threshold_low, a fresh initial state).
 */
import { findProfile } from '../chip/index.ts';
import type { ChipProfile } from '../chip/profile.ts';
import { SpikeforgeError } from '../errors.ts';
import { SpikeBuffer } from '../events/buffer.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import { makeSpikes } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
import { evaluationOrder } from '../image/config.ts';
import { layersInOrder, type Monitor, selectMonitored } from '../image/monitor.ts';
import { EventQueue } from './buffers.ts';
import type { CoreRuntime, InputPort } from './core.ts';
import {
  buildCore,
  connectCore,
  engineStateRange,
  makePort,
  readCoreState,
  resetCore,
  writeCoreState,
} from './core.ts';
import type { Engine, EngineName } from './engine.ts';
import { defaultEngine, makeEngine } from './engine.ts';
import type { TracePoint, Traces } from './trace.ts';

export interface EmulatorOptions {
  /** Which layers' spikes are reported; default: the cores whose `monitor` flag is set. */
  monitor?: Monitor;
  /**
   * Chip profile: its state width and the bandwidth check (default: the profile the configuration names,
   * when spikeforge knows it; `bandwidthWarnings` then needs one given here or there).
   */
  profile?: ChipProfile;
  /** Neurons whose membrane is recorded after every step (see `traces()`). */
  trace?: TracePoint[];
  /**
   * The engine that simulates the steps, bit for bit the same either way: 'wasm' (WebAssembly SIMD, the
   * default where this Node runs it) or 'js' (JavaScript).
   */
  engine?: EngineName;
}

export interface RunOptions {
  /** Steps to simulate; default: last event step + 1. */
  steps?: number;
  /** Receives spikes in batches (per chunk of steps); then `run` returns no spikes. */
  onSpikes?: (batch: Spikes) => void;
}

export interface CoreStats {
  coreId: number;
  layer: string;
  /** Synaptic operations (one event reaching one neuron through one weight). */
  synops: number;
  maxSynopsPerStep: number;
  /** Step of the maximum (-1 if no synaptic operation happened). */
  maxStep: number;
  spikes: number;
}

export interface EmulatorStats {
  steps: number;
  /** Input events outside the input map, the crop, or a destination's map (dropped, as on the chip). */
  droppedInputEvents: number;
  /** Spikes whose pooled address fell outside the destination's map. */
  droppedSpikes: number;
  cores: CoreStats[];
}

export interface BandwidthWarning {
  coreId: number;
  layer: string;
  maxSynopsPerStep: number;
  budget: number;
  step: number;
  message: string;
}

/** Spikes are handed to a sink once this many rows are buffered, so long runs stay bounded in memory. */
const CHUNK = 1 << 16;

interface InputMap {
  C: number;
  H: number;
  W: number;
  y0: number;
  x0: number;
  h: number;
  w: number;
  flipX: boolean;
  flipY: boolean;
  swapXY: boolean;
  ports: InputPort[];
  pooling: Int32Array;
}

export class Emulator {
  readonly config: ChipConfig;
  /** Layer names of the cores, in `config.cores` order; `Spikes.layer` indexes this. */
  readonly layers: string[];
  private readonly profile?: ChipProfile;
  private readonly cores: CoreRuntime[];
  private readonly order: CoreRuntime[];
  private readonly byLayer = new Map<string, CoreRuntime>();
  private readonly input: InputMap;
  private readonly stepper: Engine;
  private readonly queue = new EventQueue();
  private readonly out = new SpikeBuffer();
  private currentStep = 0;
  private droppedInput = 0;
  private readonly tracePoints: {
    core: CoreRuntime;
    index: number;
    layer: number;
    c: number;
    y: number;
    x: number;
  }[] = [];
  private traceRows = new SpikeBuffer(0);
  private traceV = new Int32Array(0);

  constructor(config: ChipConfig, options: EmulatorOptions = {}) {
    this.config = config;
    this.profile = options.profile;
    this.layers = config.cores.map((c) => c.layer);
    const ports = new Map<number, InputPort>();
    for (const c of config.cores) ports.set(c.coreId, makePort(...c.inputShape));
    const portOf = (id: number, from: string): InputPort => {
      const p = ports.get(id);
      if (!p) {
        throw new SpikeforgeError('IMAGE_FORMAT', `${from} sends to core ${id}, which is not configured`, {
          hint: 'the configuration is inconsistent; recompile the network',
        });
      }
      return p;
    };
    const range = engineStateRange(options.profile ?? findProfile(config.chip));
    this.cores = config.cores.map((c, i) => buildCore(c, i, ports.get(c.coreId)!, range));
    const byId = new Map(this.cores.map((c) => [c.cfg.coreId, c]));
    for (const core of this.cores) {
      this.byLayer.set(core.cfg.layer, core);
      connectCore(
        core,
        core.cfg.destinations.map((d) => portOf(d.coreId, `core ${core.cfg.coreId}`)),
      );
    }
    this.order = evaluationOrder(config).map((id) => byId.get(id)!);
    this.stepper = makeEngine(options.engine ?? defaultEngine(), this.cores, this.order);
    const inp = config.input;
    const [y0, x0, y1, x1] = inp.crop;
    this.input = {
      C: inp.shape[0],
      H: inp.shape[1],
      W: inp.shape[2],
      y0,
      x0,
      h: y1 - y0,
      w: x1 - x0,
      flipX: inp.flipX,
      flipY: inp.flipY,
      swapXY: inp.swapXY,
      ports: inp.destinations.map((d) => portOf(d.coreId, `input "${inp.name}"`)),
      pooling: Int32Array.from(inp.destinations.map((d) => d.pooling)),
    };
    if (options.monitor !== undefined) this.setMonitor(options.monitor);
    if (options.trace) this.setTrace(options.trace);
  }

  /** The engine that simulates the steps. */
  get engine(): EngineName {
    return this.stepper.name;
  }

  /** The next step to simulate (steps before it are done). */
  get step(): number {
    return this.currentStep;
  }

  setMonitor(m: Monitor): void {
    const chosen = new Set(
      selectMonitored(
        this.cores,
        m,
        (c) => c.cfg.layer,
        (c) => c.cfg.destinations.length === 0,
      ),
    );
    for (const c of this.cores) c.monitored = chosen.has(c);
  }

  /** Layer names currently monitored. */
  monitored(): string[] {
    return this.cores.filter((c) => c.monitored).map((c) => c.cfg.layer);
  }

  private coreOf(layer: string, what: string): CoreRuntime {
    const core = this.byLayer.get(layer);
    if (!core) {
      throw new SpikeforgeError('USAGE', `${what}: no layer named "${layer}" on the chip`, {
        hint: `layers: ${layersInOrder(this.config).join(', ')}`,
      });
    }
    return core;
  }

  private setTrace(points: TracePoint[]): void {
    for (const p of points) {
      const core = this.coreOf(p.layer, 'trace');
      if (p.c >= core.F || p.y >= core.H || p.x >= core.W || p.c < 0 || p.y < 0 || p.x < 0) {
        throw new SpikeforgeError(
          'USAGE',
          `trace: neuron (${p.c}, ${p.y}, ${p.x}) is outside layer "${p.layer}" of shape [${core.F}, ${core.H}, ${core.W}]`,
        );
      }
      this.tracePoints.push({
        core,
        index: (p.y * core.W + p.x) * core.F + p.c,
        layer: core.layerIndex,
        c: p.c,
        y: p.y,
        x: p.x,
      });
    }
    this.traceRows = new SpikeBuffer(256);
    this.traceV = new Int32Array(256);
  }

  /** Membrane state of a layer, layout of `CoreConfig.initialState`: (f*H + y)*W + x. */
  readState(layer: string): Int16Array {
    return readCoreState(this.coreOf(layer, 'readState'));
  }

  writeState(layer: string, values: Int16Array): void {
    const core = this.coreOf(layer, 'writeState');
    if (values.length !== core.membrane.length) {
      throw new SpikeforgeError(
        'USAGE',
        `writeState: layer "${layer}" has ${core.membrane.length} neurons [${core.F}, ${core.H}, ${core.W}], got ${values.length} values`,
      );
    }
    writeCoreState(core, values);
  }

  /** State back to the configured initial state, step 0, no pending events, statistics and traces cleared. */
  reset(): void {
    for (const c of this.cores) resetCore(c);
    this.queue.clear();
    this.out.clear();
    this.traceRows.clear();
    this.currentStep = 0;
    this.droppedInput = 0;
  }

  /** Queues input events (steps >= the current step, non-decreasing). */
  feed(events: InputEvents): void {
    let last = Math.max(this.currentStep, this.queue.lastStep());
    for (let i = 0; i < events.count; i++) {
      const t = events.t[i];
      if (t < last) {
        throw new SpikeforgeError(
          'EVENTS_FORMAT',
          `input event ${i} is at step ${t}, before step ${last} (already queued or simulated)`,
          { hint: 'events must be sorted by step and not lie in the past of the emulator' },
        );
      }
      last = t;
    }
    this.queue.append(events);
  }

  /** Simulates steps [step, toStep), handing spikes of monitored layers to `sink` in batches. */
  advance(toStep: number, sink: (batch: Spikes) => void): void {
    while (this.currentStep < toStep) {
      this.simulateStep(this.out);
      if (this.out.count >= CHUNK) this.flush(sink);
    }
    this.flush(sink);
  }

  private flush(sink: (batch: Spikes) => void): void {
    if (this.out.count === 0) return;
    const batch = this.out.toSpikes(this.layers);
    this.out.clear();
    sink(batch);
  }

  /**
   * Simulates a whole recording from step 0 (resetting first if the emulator already ran) and returns
   * the spikes of monitored layers; with `onSpikes`, hands them over in batches and returns none.
   */
  run(events: InputEvents, options: RunOptions = {}): Spikes {
    if (this.currentStep > 0 || this.queue.count > this.queue.cursor) this.reset();
    this.feed(events);
    const steps = options.steps ?? this.queue.lastStep() + 1;
    if (options.onSpikes) {
      this.advance(steps, options.onSpikes);
      return makeSpikes(this.layers, 0);
    }
    this.out.clear();
    while (this.currentStep < steps) this.simulateStep(this.out);
    const result = this.out.toSpikes(this.layers);
    this.out.clear();
    return result;
  }

  /**
   * Streams a recording from step 0 (resetting first if needed): input chunks in step order, spikes out
   * as each chunk's complete steps are simulated.
   */
  async *stream(
    input: AsyncIterable<InputEvents> | InputEvents,
    options: { steps?: number } = {},
  ): AsyncIterable<Spikes> {
    if (this.currentStep > 0 || this.queue.count > this.queue.cursor) this.reset();
    const pending: Spikes[] = [];
    const sink = (b: Spikes) => {
      pending.push(b);
    };
    const chunks: AsyncIterable<InputEvents> =
      Symbol.asyncIterator in input
        ? input
        : (async function* () {
            yield input;
          })();
    for await (const chunk of chunks) {
      this.feed(chunk);
      // Events of the last step seen may continue in the next chunk: simulate only the steps before it.
      const upTo =
        options.steps === undefined ? this.queue.lastStep() : Math.min(options.steps, this.queue.lastStep());
      this.advance(upTo, sink);
      while (pending.length > 0) yield pending.shift()!;
    }
    this.advance(options.steps ?? Math.max(this.currentStep, this.queue.lastStep() + 1), sink);
    while (pending.length > 0) yield pending.shift()!;
  }

  private simulateStep(out: SpikeBuffer): void {
    const t = this.currentStep;
    this.deliverInput(t);
    this.stepper.step(t, out);
    if (this.tracePoints.length > 0) this.recordTraces(t);
    this.currentStep = t + 1;
  }

  private deliverInput(t: number): void {
    const q = this.queue;
    const m = this.input;
    const nPorts = m.ports.length;
    let i = q.cursor;
    for (; i < q.count && q.t[i] === t; i++) {
      const c = q.c[i];
      let y = q.y[i];
      let x = q.x[i];
      if (c >= m.C || y >= m.H || x >= m.W || c < 0 || y < 0 || x < 0) {
        this.droppedInput++;
        continue;
      }
      y -= m.y0;
      x -= m.x0;
      if (y < 0 || x < 0 || y >= m.h || x >= m.w) {
        this.droppedInput++;
        continue;
      }
      if (m.flipY) y = m.h - 1 - y;
      if (m.flipX) x = m.w - 1 - x;
      if (m.swapXY) {
        const s = y;
        y = x;
        x = s;
      }
      for (let d = 0; d < nPorts; d++) {
        const port = m.ports[d];
        const pool = m.pooling[d];
        const py = (y / pool) | 0;
        const px = (x / pool) | 0;
        if (c >= port.C || py >= port.H || px >= port.W) {
          this.droppedInput++;
          continue;
        }
        const a = (c * port.H + py) * port.W + px;
        if (port.count[a] === 0) port.list[port.n++] = a;
        port.count[a]++;
      }
    }
    q.cursor = i;
  }

  private recordTraces(t: number): void {
    const rows = this.traceRows;
    const n = this.tracePoints.length;
    rows.reserve(n);
    if (this.traceV.length < rows.t.length) {
      const v = new Int32Array(rows.t.length);
      v.set(this.traceV);
      this.traceV = v;
    }
    for (const p of this.tracePoints) {
      const r = rows.count++;
      rows.t[r] = t;
      rows.layer[r] = p.layer;
      rows.c[r] = p.c;
      rows.y[r] = p.y;
      rows.x[r] = p.x;
      this.traceV[r] = p.core.membrane[p.index];
    }
  }

  /** Membrane traces recorded so far (option `trace`): the state after every step. */
  traces(): Traces {
    const r = this.traceRows;
    const n = r.count;
    return {
      count: n,
      layers: this.layers,
      t: r.t.slice(0, n),
      layer: r.layer.slice(0, n),
      c: r.c.slice(0, n),
      y: r.y.slice(0, n),
      x: r.x.slice(0, n),
      v: this.traceV.slice(0, n),
    };
  }

  stats(): EmulatorStats {
    return {
      steps: this.currentStep,
      droppedInputEvents: this.droppedInput,
      droppedSpikes: this.cores.reduce((s, c) => s + c.port.dropped, 0),
      cores: this.cores.map((c) => ({
        coreId: c.cfg.coreId,
        layer: c.cfg.layer,
        synops: c.synops,
        maxSynopsPerStep: c.synopsMaxPerStep,
        maxStep: c.synopsMaxStep,
        spikes: c.spikes,
      })),
    };
  }

  /** Cores whose synaptic operations in some step exceeded the profile's budget (a real chip would stall). */
  bandwidthWarnings(profile: ChipProfile | undefined = this.profile): BandwidthWarning[] {
    if (!profile) return [];
    const budget = profile.synopsPerCorePerStep;
    return this.stats()
      .cores.filter((c) => c.maxSynopsPerStep > budget)
      .map((c) => ({
        coreId: c.coreId,
        layer: c.layer,
        maxSynopsPerStep: c.maxSynopsPerStep,
        budget,
        step: c.maxStep,
        message: `core ${c.coreId} (layer "${c.layer}") needs ${c.maxSynopsPerStep} synaptic operations at step ${c.maxStep}, above the ${profile.id} budget of ${budget} per core per step`,
      }));
  }
}

/** Runs a recording on a fresh emulator. */
export function runEmulator(
  config: ChipConfig,
  events: InputEvents,
  options: EmulatorOptions & RunOptions = {},
): Spikes {
  return new Emulator(config, options).run(events, options);
}

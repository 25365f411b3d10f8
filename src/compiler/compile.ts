/**
 * compile: a quantized network becomes a chip configuration and a fit report, or a CompileError that
 * carries every reason it does not fit (and the partial report, so the CLI can print it).
 * Steps: lower each layer to a square-kernel conv, route sources to destinations (pooling, fan-out,
 * merges), check every limit, place layers on cores, then assemble the ChipConfig.
 */
import type { ChipProfile } from '../chip/profile.ts';
import { type ErrorCode, SpikeforgeError } from '../errors.ts';
import type { ChipConfig, CoreConfig, Destination, InputConfig } from '../image/config.ts';
import { IMAGE_FORMAT_VERSION } from '../image/image.ts';
import { type Monitor, selectMonitored } from '../image/monitor.ts';
import type { Shape3 } from '../network/schema.ts';
import { fmtShape } from '../network/shapes.ts';
import type { QuantizedLayer, QuantizedNetwork } from '../quantize/types.ts';
import { checkLayer, checkMemory } from './check.ts';
import { isProblem, type LoweredLayer, layerLabel, lowerLayer } from './lower.ts';
import { type MemoryDemand, memoryDemand, synopsPerEvent } from './memory.ts';
import { tryPlace } from './place.ts';
import { FIT_REPORT_VERSION, type FitReport, type LayerFit, memoryUse } from './report.ts';

export interface InputOptions {
  /** [height, width] of the sensor / host events, when larger than the network's input (then crop). */
  sensorShape?: [number, number];
  /** Kept window [y0, x0, y1, x1) of the sensor map; default: the whole map. */
  crop?: [number, number, number, number];
  flipX?: boolean;
  flipY?: boolean;
  swapXY?: boolean;
}

export interface CompileOptions {
  /** Pins: layer name -> core id. */
  place?: Record<string, number>;
  /**
   * Which layers report their spikes to the host: 'last' (default) = the output layers (those no other
   * layer reads), 'all', or a list of layer names.
   */
  monitor?: Monitor;
  input?: InputOptions;
}

export interface CompileResult {
  config: ChipConfig;
  report: FitReport;
}

/** The network does not fit: `details` holds every reason, `report` what could be worked out. */
export class CompileError extends SpikeforgeError {
  readonly report: FitReport;
  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; details: string[]; report: FitReport },
  ) {
    super(code, message, options);
    this.report = options.report;
  }
}

interface Route {
  layer: string;
  pooling: number;
}

/** A (square) pooling of a source, or an error text when the chip cannot pool that way. */
function squarePooling(
  layer: string,
  from: string,
  pooling: [number, number],
  allowed: number[],
): number | string {
  const [ph, pw] = pooling;
  if (ph !== pw) {
    return `${layer}: pooling ${ph}x${pw} of its source "${from}" is not square: the chip pools ${allowed.map((p) => `${p}x${p}`).join(', ')} only; use square pooling`;
  }
  if (!allowed.includes(ph)) {
    return `${layer}: pooling ${ph}x${ph} of its source "${from}" is not supported (allowed: ${allowed.join(', ')}): use ${allowed.filter((p) => p > 1).join(' or ')}, or pool within a conv stride`;
  }
  return ph;
}

function checkStructure(q: QuantizedNetwork): void {
  if (q.layers.length === 0) {
    // NIR's SumPool2d / AvgPool2d test graphs: pooling alone computes nothing a core could hold.
    throw new SpikeforgeError(
      'GRAPH',
      'the network has no weighted layer (conv2d or linear): there is nothing to put on a core',
      {
        hint: 'a chip layer is a conv2d or linear layer followed by an IF layer (pooling rides on its output)',
      },
    );
  }
  const seen = new Set<string>([q.input.name]);
  for (const l of q.layers) {
    if (seen.has(l.name)) {
      throw new SpikeforgeError('GRAPH', `layer name "${l.name}" is used twice (or is the input's name)`, {
        hint: 'give every layer a unique name',
      });
    }
    if (l.sources.length < 1 || l.sources.length > 2) {
      throw new SpikeforgeError(
        'GRAPH',
        `layer "${l.name}" has ${l.sources.length} sources, the chip sums 1 or 2`,
        {
          hint: 'merge at most two inputs per layer',
        },
      );
    }
    for (const s of l.sources) {
      if (!seen.has(s.from)) {
        throw new SpikeforgeError(
          'GRAPH',
          `layer "${l.name}" reads "${s.from}", which is not an earlier layer or the input`,
          {
            hint: 'layers must be in topological order and name existing sources',
          },
        );
      }
    }
    seen.add(l.name);
  }
}

function monitoredLayers(q: QuantizedNetwork, monitor: Monitor = 'last'): Set<string> {
  const read = new Set(q.layers.flatMap((l) => l.sources.map((s) => s.from)));
  const chosen = selectMonitored(
    q.layers,
    monitor,
    (l) => l.name,
    (l) => !read.has(l.name),
  );
  return new Set(chosen.map((l) => l.name));
}

function inputConfig(
  q: QuantizedNetwork,
  profile: ChipProfile,
  opts: InputOptions,
  errors: string[],
): Omit<InputConfig, 'destinations'> {
  const [polarities, h, w] = q.input.shape;
  const swap = opts.swapXY ?? false;
  const [sh, sw] = opts.sensorShape ?? (swap ? [w, h] : [h, w]);
  const crop = opts.crop ?? [0, 0, sh, sw];
  const [y0, x0, y1, x1] = crop;
  if (!(0 <= y0 && y0 < y1 && y1 <= sh && 0 <= x0 && x0 < x1 && x1 <= sw)) {
    throw new SpikeforgeError(
      'USAGE',
      `input crop [${crop.join(', ')}] is not a window of the ${sh}x${sw} sensor map`,
      {
        hint: 'give the crop as y0,x0,y1,x1 with 0 <= y0 < y1 <= height and 0 <= x0 < x1 <= width',
      },
    );
  }
  const [ch, cw] = swap ? [x1 - x0, y1 - y0] : [y1 - y0, x1 - x0];
  if (ch !== h || cw !== w) {
    throw new SpikeforgeError(
      'USAGE',
      `the input crop gives a ${ch}x${cw} map${swap ? ' (after swapping x/y)' : ''}, the network's input "${q.input.name}" is ${h}x${w}`,
      {
        hint: 'choose a crop window of the network input size',
      },
    );
  }
  const lim = profile.input;
  if (polarities > lim.polaritiesMax) {
    errors.push(
      `input "${q.input.name}": ${polarities} channels, the input layer takes at most ${lim.polaritiesMax} polarities: reduce the input channels`,
    );
  }
  if (sh > lim.heightMax || sw > lim.widthMax) {
    errors.push(
      `input "${q.input.name}": map ${sh}x${sw} exceeds ${lim.heightMax}x${lim.widthMax}: downsample or crop the events`,
    );
  }
  return {
    name: q.input.name,
    shape: [polarities, sh, sw],
    crop: [y0, x0, y1, x1],
    flipX: opts.flipX ?? false,
    flipY: opts.flipY ?? false,
    swapXY: swap,
  };
}

/**
 * Each source (the input or a layer) sends to its readers, each with its own square pooling: the
 * destinations of its core. Checks pooling, the shapes that meet after pooling, and the fan-out.
 */
function routeSources(q: QuantizedNetwork, profile: ChipProfile, errors: string[]): Map<string, Route[]> {
  const outputShape = new Map<string, Shape3>([[q.input.name, q.input.shape]]);
  for (const l of q.layers) outputShape.set(l.name, l.outputShape);
  const routes = new Map<string, Route[]>();
  for (const l of q.layers) {
    for (const s of l.sources) {
      const allowed = s.from === q.input.name ? profile.input.poolings : profile.poolings;
      const checked = squarePooling(layerLabel(l), s.from, s.pooling, allowed);
      if (typeof checked === 'string') {
        errors.push(checked);
        // Still routed (with the larger pooling), so the report shows where the spikes were meant to go.
        routes.set(s.from, [
          ...(routes.get(s.from) ?? []),
          { layer: l.name, pooling: Math.max(...s.pooling) },
        ]);
        continue;
      }
      const p = checked;
      const [sc, sh, sw] = outputShape.get(s.from)!;
      const pooled: Shape3 = [sc, Math.floor(sh / p), Math.floor(sw / p)];
      if (pooled.some((v, i) => v !== l.inputShape[i])) {
        errors.push(
          `${layerLabel(l)}: its source "${s.from}" gives ${fmtShape(pooled)} after pooling ${p}, the layer reads ${fmtShape(l.inputShape)}${l.sources.length > 1 ? ' (the two inputs of a merge must have the same shape)' : ''}: make the shapes agree`,
        );
      }
      routes.set(s.from, [...(routes.get(s.from) ?? []), { layer: l.name, pooling: p }]);
    }
  }
  for (const [from, rs] of routes) {
    const max = from === q.input.name ? profile.input.destinationsMax : profile.destinationsMax;
    if (rs.length > max) {
      errors.push(
        `${from === q.input.name ? 'input' : 'layer'} "${from}" feeds ${rs.length} layers (${rs.map((r) => `"${r.layer}"`).join(', ')}), a core sends to at most ${max}: insert a copy layer or restructure the network`,
      );
    }
  }
  return routes;
}

function lowerAll(
  q: QuantizedNetwork,
  profile: ChipProfile,
  errors: string[],
  notes: string[],
): Map<string, LoweredLayer> {
  const lowered = new Map<string, LoweredLayer>();
  for (const layer of q.layers) {
    const l = lowerLayer(layer, profile);
    if (isProblem(l)) {
      errors.push(l.hint ? `${l.message}: ${l.hint}` : l.message);
      continue;
    }
    lowered.set(layer.name, l);
    notes.push(...l.notes);
  }
  return lowered;
}

/**
 * Checks every limit of every lowered layer, then places the layers that fit some core. Returns how
 * many errors were limit errors (CHIP_LIMIT) before the placement's own problems (PLACEMENT).
 */
function checkAndPlace(
  q: QuantizedNetwork,
  lowered: Map<string, LoweredLayer>,
  profile: ChipProfile,
  place: Record<string, number>,
  errors: string[],
): { demands: Map<string, MemoryDemand>; assignment: Map<string, number>; limitErrors: number } {
  const demands = new Map<string, MemoryDemand>();
  const placeable: string[] = [];
  for (const layer of q.layers) {
    const l = lowered.get(layer.name);
    if (!l) continue;
    errors.push(...checkLayer(layer, l, profile));
    const d = memoryDemand(l.inputShape, l.kernelSize, l.outputShape, layer.bias !== null);
    demands.set(layer.name, d);
    const memErrors = checkMemory(l, d, profile);
    errors.push(...memErrors);
    if (memErrors.length === 0) placeable.push(layer.name);
  }
  // Pins of layers that broke a limit are reported below, not as "no such layer" by the placement.
  const layerNames = new Set(q.layers.map((l) => l.name));
  const pins = Object.fromEntries(
    Object.entries(place).filter(([name]) => !layerNames.has(name) || placeable.includes(name)),
  );
  const placement = tryPlace(
    placeable.map((name) => ({ layer: name, ...demands.get(name)! })),
    profile,
    pins,
  );
  const limitErrors = errors.length;
  errors.push(...placement.problems);
  if (q.layers.length > profile.cores.length && placeable.length <= profile.cores.length) {
    errors.push(
      `${q.layers.length} layers but ${profile.id} has ${profile.cores.length} cores (one layer per core)`,
    );
  }
  for (const pin of Object.keys(place)) {
    if (!placeable.includes(pin) && q.layers.some((l) => l.name === pin)) {
      errors.push(`pin ${pin}=${place[pin]}: layer "${pin}" cannot be placed anywhere (see above)`);
    }
  }
  return { demands, assignment: placement.assignment, limitErrors };
}

function failureHint(code: ErrorCode, errors: string[]): string {
  if (code === 'CHIP_LIMIT') {
    return 'each line names the layer, the limit and the value; change the network (channels, kernel, stride, pooling) accordingly';
  }
  // Only the pins are wrong (unknown layer, no such core, one core twice): the network itself may fit.
  if (errors.every((e) => /^pins? /.test(e))) {
    return 'correct the pins (place): pin each layer of the network at most once, to a core of the chip, one layer per core';
  }
  return 'every layer fits some core, but not all at once: reduce the memory of the competing layers, remove layers, or change the pins (place)';
}

export function compile(
  q: QuantizedNetwork,
  profile: ChipProfile,
  options: CompileOptions = {},
): CompileResult {
  checkStructure(q);
  const errors: string[] = [];
  const notes = [...q.notes];
  const warnings: string[] = [];
  const input = inputConfig(q, profile, options.input ?? {}, errors);
  const monitor = monitoredLayers(q, options.monitor);

  const lowered = lowerAll(q, profile, errors, notes);
  const routes = routeSources(q, profile, errors);

  const { demands, assignment, limitErrors } = checkAndPlace(
    q,
    lowered,
    profile,
    options.place ?? {},
    errors,
  );

  for (const layer of q.layers) warnings.push(...layerWarnings(layer, monitor, routes));
  // A collapsed threshold changes what the network computes: worth a warning, not only a note.
  warnings.push(...q.notes.filter((n) => /collapsed/i.test(n)));

  const c: Compilation = {
    q,
    profile,
    input,
    lowered,
    demands,
    routes,
    coreOf: assignment,
    monitor,
    errors,
    warnings,
    notes,
  };
  const report = buildReport(c);
  if (errors.length > 0) {
    const code: ErrorCode = limitErrors > 0 ? 'CHIP_LIMIT' : 'PLACEMENT';
    throw new CompileError(
      code,
      `network${q.name ? ` "${q.name}"` : ''} does not fit on ${profile.id}: ${errors.length} problem${errors.length === 1 ? '' : 's'}`,
      {
        details: errors,
        report,
        hint: failureHint(code, errors),
      },
    );
  }

  const config = assemble(c);
  return { config, report };
}

/** Everything one compile found out, from which the report and the configuration are written. */
interface Compilation {
  q: QuantizedNetwork;
  profile: ChipProfile;
  input: Omit<InputConfig, 'destinations'>;
  lowered: Map<string, LoweredLayer>;
  demands: Map<string, MemoryDemand>;
  routes: Map<string, Route[]>;
  /** The core of every placed layer. */
  coreOf: Map<string, number>;
  monitor: Set<string>;
  errors: string[];
  warnings: string[];
  notes: string[];
}

/** The configuration of a network that fits: one CoreConfig per layer, sorted by core id. */
function assemble({ q, profile, input, lowered, routes, coreOf, monitor }: Compilation): ChipConfig {
  const destinations = (from: string): Destination[] =>
    (routes.get(from) ?? []).map((r) => ({ coreId: coreOf.get(r.layer)!, pooling: r.pooling }));
  const cores: CoreConfig[] = q.layers.map((layer) => {
    const l = lowered.get(layer.name)!;
    return {
      coreId: coreOf.get(layer.name)!,
      layer: layer.name,
      inputShape: [...l.inputShape],
      outputShape: [...l.outputShape],
      kernelSize: l.kernelSize,
      stride: [...l.stride],
      padding: [...l.padding],
      // Own copy: the configuration must not alias the quantized network's arrays.
      weights: l.weights === layer.weight ? l.weights.slice() : l.weights,
      biases: layer.bias ? Int16Array.from(layer.bias) : null,
      thresholdHigh: layer.thresholdHigh,
      thresholdLow: layer.thresholdLow,
      reset: layer.reset,
      initialState: layer.initialState?.some((v) => v !== 0) ? Int16Array.from(layer.initialState) : null,
      destinations: destinations(layer.name),
      monitor: monitor.has(layer.name),
    };
  });
  cores.sort((a, b) => a.coreId - b.coreId);
  const config: ChipConfig = {
    formatVersion: IMAGE_FORMAT_VERSION,
    chip: profile.id,
    sourceHash: q.sourceHash,
    input: { ...input, destinations: destinations(q.input.name) },
    cores,
  };
  return config;
}

function layerWarnings(layer: QuantizedLayer, monitor: Set<string>, routes: Map<string, Route[]>): string[] {
  const out: string[] = [];
  const at = layerLabel(layer);
  if (layer.weight.length > 0 && layer.weight.every((w) => w === 0)) {
    out.push(`${at}: every weight is 0 after quantization: the layer only ever sees its bias`);
  } else if (layer.stats.zeroedWeightShare > 0) {
    out.push(
      `${at}: ${(layer.stats.zeroedWeightShare * 100).toFixed(1)}% of its weights were non-zero and quantized to 0 (scale ${layer.stats.scale.toPrecision(4)}, limited by ${layer.stats.limitedBy})`,
    );
  }
  if (!monitor.has(layer.name) && !routes.has(layer.name)) {
    out.push(`${at}: its spikes go nowhere (no reader, not monitored)`);
  }
  return out;
}

function buildReport(c: Compilation): FitReport {
  const { q, profile, input, lowered, demands, routes, coreOf, monitor, errors, warnings, notes } = c;
  const largest = {
    kernel: Math.max(...profile.cores.map((c) => c.kernelMemory)),
    neuron: Math.max(...profile.cores.map((c) => c.neuronMemory)),
    bias: Math.max(...profile.cores.map((c) => c.biasMemory)),
  };
  const synopsIn = new Map<string, number>();
  for (const [name, l] of lowered) synopsIn.set(name, synopsPerEvent(l.kernelSize, l.stride, l.outputShape));
  const dests = (from: string) =>
    (routes.get(from) ?? []).map((r) => ({
      layer: r.layer,
      coreId: coreOf.get(r.layer) ?? null,
      pooling: r.pooling,
    }));
  const layers: LayerFit[] = q.layers.map((layer) => {
    const l = lowered.get(layer.name);
    const d = demands.get(layer.name) ?? { kernel: 0, neuron: 0, bias: 0 };
    const coreId = coreOf.get(layer.name) ?? null;
    const core = coreId === null ? null : profile.cores.find((c) => c.id === coreId)!;
    return {
      layer: layer.name,
      kind: layer.kind,
      coreId,
      inputShape: [...layer.inputShape],
      outputShape: [...layer.outputShape],
      kernelSize: l?.kernelSize ?? 0,
      stride: l ? [...l.stride] : [...layer.stride],
      padding: l ? [...l.padding] : [...layer.padding],
      sources: layer.sources.map((s) => ({ from: s.from, pooling: [...s.pooling] })),
      destinations: dests(layer.name),
      monitor: monitor.has(layer.name),
      kernelMemory: memoryUse(d.kernel, core?.kernelMemory ?? largest.kernel),
      neuronMemory: memoryUse(d.neuron, core?.neuronMemory ?? largest.neuron),
      biasMemory: memoryUse(d.bias, core?.biasMemory ?? largest.bias),
      synopsPerInputEvent: synopsIn.get(layer.name) ?? 0,
      synopsPerOutputEvent: (routes.get(layer.name) ?? []).reduce(
        (s, r) => s + (synopsIn.get(r.layer) ?? 0),
        0,
      ),
      scale: Number.isFinite(layer.stats?.scale) ? layer.stats.scale : null,
    };
  });
  const sum = (
    key: 'kernelMemory' | 'neuronMemory' | 'biasMemory',
    cap: 'kernelMemory' | 'neuronMemory' | 'biasMemory',
  ) => {
    const used = layers.reduce((s, l) => s + l[key].used, 0);
    return memoryUse(
      used,
      profile.cores.reduce((s, c) => s + c[cap], 0),
    );
  };
  return {
    reportVersion: FIT_REPORT_VERSION,
    chip: profile.id,
    network: q.name ?? null,
    sourceHash: q.sourceHash,
    fits: errors.length === 0,
    input: { name: input.name, shape: [...input.shape], destinations: dests(q.input.name) },
    layers,
    totals: {
      coresUsed: coreOf.size,
      coresAvailable: profile.cores.length,
      kernelMemory: sum('kernelMemory', 'kernelMemory'),
      neuronMemory: sum('neuronMemory', 'neuronMemory'),
      biasMemory: sum('biasMemory', 'biasMemory'),
    },
    errors: [...errors],
    warnings,
    notes,
  };
}

/**
 * SVG plots of spike recordings, written here (no dependency): a raster per layer (time across, neuron
 * index down, layers stacked), spike-count heat maps per channel of convolutional layers, and membrane
 * traces. Large recordings stay light: spikes are binned to the pixel grid and each layer is drawn as a
 * few `<path>`s (one per intensity level), never one element per spike.
 */
import { SpikeforgeError } from '../errors.ts';
import type { Shape3 } from '../network/schema.ts';
import { eventStats } from './ops.ts';
import type { Traces } from './trace.ts';
import type { NeuronRef, Spikes } from './types.ts';
export interface PlotOptions {
  /** Layers to draw, in this order; default: every layer of the recording. */
  layers?: string[];
  /** [C, H, W] per layer when known (from the network); default the extent of the spikes. */
  shapes?: Record<string, Shape3>;
  /** Add spike-count heat maps per channel for convolutional layers (H * W > 1). */
  heatmap?: boolean;
  /** Membrane traces to draw under the rasters. */
  traces?: Traces;
  /** Which traced neurons (default: up to 4, those with the most spikes). */
  traceNeurons?: NeuronRef[];
  /** threshold_high per layer in the membrane's units (the chip's), drawn as a dashed line on its traces. */
  thresholds?: Record<string, number>;
  /** Moments to mark on the time axis of every raster (e.g. where each stimulus starts). */
  marks?: { t: number; label: string }[];
  /** Number of steps on the time axis (default: last step + 1). */
  steps?: number;
  title?: string;
  /** Width of the picture in px (default 960). */
  width?: number;
}

const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#ff9da7',
];
const VIRIDIS = ['#440154', '#46327e', '#365c8d', '#277f8e', '#1fa187', '#4ac16d', '#a0da39', '#fde725'];
const LEVEL_OPACITY = [0.3, 0.5, 0.75, 1];
const FONT = 'font-family="Helvetica, Arial, sans-serif"';
const LEFT = 96;
const RIGHT = 24;
/** The narrowest picture that still has room for its axes and labels. */
export const MIN_PLOT_WIDTH = 320;

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/** Tick values 1/2/5 x 10^k covering [lo, hi], about `target` of them. */
export function niceTicks(lo: number, hi: number, target = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e9) / 1e9);
  return out;
}

/** Collects rectangles per style and emits them as one path each. */
class PathSet {
  private parts = new Map<string, string[]>();
  rect(style: string, x: number, y: number, w: number, h: number): void {
    let p = this.parts.get(style);
    if (p === undefined) {
      p = [];
      this.parts.set(style, p);
    }
    p.push(`M${fmt(x)} ${fmt(y)}h${fmt(w)}v${fmt(h)}h${fmt(-w)}z`);
  }
  svg(): string[] {
    return [...this.parts].map(([style, d]) => `<path ${style} d="${d.join('')}"/>`);
  }
}

function binning(neurons: number, rows: number, steps: number, cols: number): string {
  const parts: string[] = [];
  if (rows < neurons) parts.push(`${Math.ceil(neurons / rows)} neurons per row`);
  if (cols < steps) parts.push(`${Math.ceil(steps / cols)} steps per column`);
  return parts.length === 0 ? '' : ` · binned: ${parts.join(', ')}, darker = more spikes`;
}

interface Panel {
  svg: string[];
  height: number;
}

function layerShape(spikes: Spikes, id: number, given: Shape3 | undefined): Shape3 {
  if (given) return given;
  const e = eventStats(spikes, id).extent;
  return [Math.max(1, e[0]), Math.max(1, e[1]), Math.max(1, e[2])];
}

/** One layer's panel: which layer of the spikes, its map shape and its colour. */
interface PanelLayer {
  id: number;
  shape: Shape3;
  color: string;
}

/** Where a panel goes: its top edge, the figure's width, the steps shown, and whether the time axis is labelled. */
interface PanelFrame {
  top: number;
  width: number;
  steps: number;
  withLabels: boolean;
  /** Marks on the time axis; their labels are drawn when `markLabels`. */
  marks?: { t: number; label: string }[];
  markLabels?: boolean;
}

function rasterPanel(spikes: Spikes, { id, shape, color }: PanelLayer, frame: PanelFrame): Panel {
  const { top, width, steps, withLabels } = frame;
  const [C, H, W] = shape;
  const neurons = C * H * W;
  const plotW = width - LEFT - RIGHT;
  const plotH = Math.max(48, Math.min(220, neurons * 4));
  const rows = Math.min(neurons, Math.floor(plotH));
  const cols = Math.min(steps, Math.floor(plotW));
  const rh = plotH / rows;
  const cw = plotW / cols;
  const y0 = top + 20;
  const counts = new Uint32Array(rows * cols);
  let total = 0;
  let max = 0;
  for (let i = 0; i < spikes.count; i++) {
    if (spikes.layer[i] !== id) continue;
    total++;
    const n = (spikes.c[i] * H + spikes.y[i]) * W + spikes.x[i];
    const r = Math.min(rows - 1, Math.floor((n * rows) / neurons));
    const k = Math.min(cols - 1, Math.floor((spikes.t[i] * cols) / steps));
    const v = ++counts[r * cols + k];
    if (v > max) max = v;
  }
  const out: string[] = [];
  const name = spikes.layers[id];
  out.push(
    `<text x="${LEFT}" y="${top + 13}" ${FONT} font-size="13"><tspan font-weight="bold">${esc(name)}</tspan>` +
      `<tspan fill="#555" dx="8">${C}×${H}×${W} · ${total} spikes${binning(neurons, rows, steps, cols)}</tspan></text>`,
  );
  out.push(
    `<rect x="${LEFT}" y="${y0}" width="${plotW}" height="${fmt(plotH)}" fill="#fafafa" stroke="#bbb"/>`,
  );
  // Channel boundaries of conv layers, and y ticks (channels, or neuron indices).
  const hw = H * W;
  if (C > 1 && hw > 1) {
    const every = Math.max(1, Math.ceil(C / Math.max(1, Math.floor(plotH / 14))));
    for (let c = 0; c < C; c++) {
      const y = y0 + ((c * hw) / neurons) * plotH;
      if (c > 0)
        out.push(`<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${fmt(y)}" y2="${fmt(y)}" stroke="#e3e3e3"/>`);
      if (c % every === 0) {
        const mid = y + ((hw / neurons) * plotH) / 2;
        out.push(
          `<text x="${LEFT - 6}" y="${fmt(mid + 4)}" ${FONT} font-size="10" fill="#555" text-anchor="end">c${c}</text>`,
        );
      }
    }
  } else {
    const ticks =
      neurons <= Math.floor(plotH / 11)
        ? Array.from({ length: neurons }, (_, i) => i)
        : niceTicks(0, neurons - 1, Math.max(2, Math.floor(plotH / 30)));
    for (const n of ticks) {
      const y = y0 + ((n + 0.5) / neurons) * plotH;
      out.push(`<line x1="${LEFT - 4}" x2="${LEFT}" y1="${fmt(y)}" y2="${fmt(y)}" stroke="#888"/>`);
      out.push(
        `<text x="${LEFT - 6}" y="${fmt(y + 4)}" ${FONT} font-size="10" fill="#555" text-anchor="end">${n}</text>`,
      );
    }
  }
  out.push(
    `<text transform="translate(14 ${fmt(y0 + plotH / 2)}) rotate(-90)" ${FONT} font-size="11" fill="#555" text-anchor="middle">${C > 1 && hw > 1 ? 'channel' : 'neuron'}</text>`,
  );
  // Spikes: one path per intensity level; horizontal runs of equal level are merged.
  const paths = new PathSet();
  const gap = cw >= 3 ? Math.min(1, cw * 0.25) : 0;
  const level = (v: number): number =>
    max <= 1
      ? LEVEL_OPACITY.length - 1
      : Math.min(LEVEL_OPACITY.length - 1, Math.floor((Math.log(v) / Math.log(max)) * LEVEL_OPACITY.length));
  for (let r = 0; r < rows; r++) {
    let k = 0;
    while (k < cols) {
      const v = counts[r * cols + k];
      if (v === 0) {
        k++;
        continue;
      }
      const l = level(v);
      let end = k + 1;
      if (gap === 0)
        while (end < cols && counts[r * cols + end] > 0 && level(counts[r * cols + end]) === l) end++;
      paths.rect(
        `fill="${color}" fill-opacity="${LEVEL_OPACITY[l]}"`,
        LEFT + k * cw,
        y0 + r * rh,
        (end - k) * cw - gap,
        Math.max(rh, 0.8),
      );
      k = end;
    }
  }
  out.push(...paths.svg());
  for (const m of frame.marks ?? []) {
    const x = fmt(LEFT + (m.t / steps) * plotW);
    out.push(
      `<line x1="${x}" x2="${x}" y1="${y0}" y2="${fmt(y0 + plotH)}" stroke="#444" stroke-dasharray="3 3"/>`,
    );
    if (frame.markLabels) {
      out.push(
        `<text x="${x}" y="${y0 - 3}" dx="3" ${FONT} font-size="10" fill="#444">${esc(m.label)}</text>`,
      );
    }
  }
  // Time ticks.
  for (const s of niceTicks(0, steps, Math.max(2, Math.floor(plotW / 80)))) {
    const x = LEFT + (s / steps) * plotW;
    out.push(
      `<line x1="${fmt(x)}" x2="${fmt(x)}" y1="${fmt(y0 + plotH)}" y2="${fmt(y0 + plotH + 4)}" stroke="#888"/>`,
    );
    if (withLabels) {
      out.push(
        `<text x="${fmt(x)}" y="${fmt(y0 + plotH + 15)}" ${FONT} font-size="10" fill="#555" text-anchor="middle">${s}</text>`,
      );
    }
  }
  let height = 20 + plotH + 10;
  if (withLabels) {
    out.push(
      `<text x="${LEFT + plotW / 2}" y="${fmt(y0 + plotH + 30)}" ${FONT} font-size="11" fill="#555" text-anchor="middle">step</text>`,
    );
    height += 26;
  }
  return { svg: out, height };
}

function heatmapPanel(spikes: Spikes, { id, shape }: PanelLayer, { top, width }: PanelFrame): Panel {
  const [C, H, W] = shape;
  const counts = new Uint32Array(C * H * W);
  let max = 0;
  for (let i = 0; i < spikes.count; i++) {
    if (spikes.layer[i] !== id) continue;
    const v = ++counts[(spikes.c[i] * H + spikes.y[i]) * W + spikes.x[i]];
    if (v > max) max = v;
  }
  const plotW = width - LEFT - RIGHT;
  const cell = Math.max(1, Math.min(8, Math.floor(96 / Math.max(H, W))));
  const mapW = cell * W;
  const mapH = cell * H;
  const perRow = Math.max(1, Math.floor((plotW + 10) / (mapW + 10)));
  const out: string[] = [];
  out.push(
    `<text x="${LEFT}" y="${top + 13}" ${FONT} font-size="13"><tspan font-weight="bold">${esc(spikes.layers[id])}</tspan>` +
      `<tspan fill="#555" dx="8">spike count per neuron, one map per channel (max ${max})</tspan></text>`,
  );
  const paths = new PathSet();
  const y0 = top + 22;
  for (let c = 0; c < C; c++) {
    const mx = LEFT + (c % perRow) * (mapW + 10);
    const my = y0 + Math.floor(c / perRow) * (mapH + 18);
    out.push(`<text x="${mx}" y="${my + 9}" ${FONT} font-size="9" fill="#555">c${c}</text>`);
    out.push(
      `<rect x="${mx}" y="${my + 12}" width="${mapW}" height="${mapH}" fill="${VIRIDIS[0]}" fill-opacity="0.08" stroke="#ccc" stroke-width="0.5"/>`,
    );
    for (let y = 0; y < H; y++) {
      let x = 0;
      while (x < W) {
        const v = counts[(c * H + y) * W + x];
        if (v === 0) {
          x++;
          continue;
        }
        const l = Math.min(VIRIDIS.length - 1, Math.floor((v / max) * VIRIDIS.length));
        let end = x + 1;
        while (end < W) {
          const u = counts[(c * H + y) * W + end];
          if (u === 0 || Math.min(VIRIDIS.length - 1, Math.floor((u / max) * VIRIDIS.length)) !== l) break;
          end++;
        }
        paths.rect(`fill="${VIRIDIS[l]}"`, mx + x * cell, my + 12 + y * cell, (end - x) * cell, cell);
        x = end;
      }
    }
  }
  out.push(...paths.svg());
  const rowsOfMaps = Math.ceil(C / perRow);
  const legendY = y0 + rowsOfMaps * (mapH + 18) + 4;
  // The colour bar starts at 0 (the empty map's tint), then 1 .. max.
  out.push(
    `<rect x="${LEFT}" y="${legendY}" width="18" height="8" fill="${VIRIDIS[0]}" fill-opacity="0.08" stroke="#ccc" stroke-width="0.5"/>`,
  );
  VIRIDIS.forEach((col, i) => {
    out.push(`<rect x="${LEFT + (i + 1) * 18}" y="${legendY}" width="18" height="8" fill="${col}"/>`);
  });
  out.push(
    `<text x="${LEFT + 9}" y="${legendY + 19}" ${FONT} font-size="9" fill="#555" text-anchor="middle">0</text>`,
  );
  out.push(`<text x="${LEFT + 18}" y="${legendY + 19}" ${FONT} font-size="9" fill="#555">1</text>`);
  out.push(
    `<text x="${LEFT + (VIRIDIS.length + 1) * 18}" y="${legendY + 19}" ${FONT} font-size="9" fill="#555" text-anchor="end">${max}</text>`,
  );
  return { svg: out, height: legendY + 26 - top };
}

function tracePanel(
  traces: Traces,
  neuron: NeuronRef,
  spikes: Spikes,
  threshold: number | undefined,
  steps: number,
  top: number,
  width: number,
  color: string,
): Panel {
  const id = traces.layers.indexOf(neuron.layer);
  const ts: number[] = [];
  const vs: number[] = [];
  for (let i = 0; i < traces.count; i++) {
    if (
      traces.layer[i] === id &&
      traces.c[i] === neuron.c &&
      traces.y[i] === neuron.y &&
      traces.x[i] === neuron.x
    ) {
      ts.push(traces.t[i]);
      vs.push(traces.v[i]);
    }
  }
  const plotW = width - LEFT - RIGHT;
  const plotH = 90;
  const y0 = top + 20;
  let lo = Math.min(0, ...vs, threshold ?? 0);
  let hi = Math.max(1, ...vs, threshold ?? 0);
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const X = (t: number): number => LEFT + (t / steps) * plotW;
  const Y = (v: number): number => y0 + plotH - ((v - lo) / (hi - lo)) * plotH;
  const sid = spikes.layers.indexOf(neuron.layer);
  const spikeSteps: number[] = [];
  for (let i = 0; i < spikes.count; i++) {
    if (
      spikes.layer[i] === sid &&
      spikes.c[i] === neuron.c &&
      spikes.y[i] === neuron.y &&
      spikes.x[i] === neuron.x
    ) {
      spikeSteps.push(spikes.t[i]);
    }
  }
  const out: string[] = [];
  out.push(
    `<text x="${LEFT}" y="${top + 13}" ${FONT} font-size="13"><tspan font-weight="bold">${esc(neuron.layer)}</tspan>` +
      `<tspan fill="#555" dx="8">membrane of c=${neuron.c} y=${neuron.y} x=${neuron.x} · ${spikeSteps.length} spikes</tspan></text>`,
  );
  out.push(`<rect x="${LEFT}" y="${y0}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#bbb"/>`);
  for (const v of niceTicks(lo, hi, 4)) {
    out.push(`<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${fmt(Y(v))}" y2="${fmt(Y(v))}" stroke="#eee"/>`);
    out.push(
      `<text x="${LEFT - 6}" y="${fmt(Y(v) + 4)}" ${FONT} font-size="10" fill="#555" text-anchor="end">${v}</text>`,
    );
  }
  if (threshold !== undefined) {
    out.push(
      `<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${fmt(Y(threshold))}" y2="${fmt(Y(threshold))}" stroke="#e15759" stroke-dasharray="5 4"/>`,
    );
    out.push(
      `<text x="${LEFT + plotW - 4}" y="${fmt(Y(threshold) - 4)}" ${FONT} font-size="10" fill="#e15759" text-anchor="end">threshold ${threshold}</text>`,
    );
  }
  if (spikeSteps.length > 0) {
    const d = spikeSteps.map((t) => `M${fmt(X(t + 0.5))} ${y0}v6`).join('');
    out.push(`<path d="${d}" stroke="#222" stroke-width="1"/>`);
  }
  if (ts.length > 0) {
    // A step plot: the membrane holds its value through a step.
    let d = `M${fmt(X(ts[0]))} ${fmt(Y(vs[0]))}`;
    for (let i = 1; i < ts.length; i++) d += `H${fmt(X(ts[i]))}V${fmt(Y(vs[i]))}`;
    d += `H${fmt(X(ts[ts.length - 1] + 1))}`;
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.4"/>`);
  }
  for (const s of niceTicks(0, steps, Math.max(2, Math.floor(plotW / 80)))) {
    out.push(
      `<text x="${fmt(X(s))}" y="${y0 + plotH + 14}" ${FONT} font-size="10" fill="#555" text-anchor="middle">${s}</text>`,
    );
  }
  out.push(
    `<text transform="translate(14 ${fmt(y0 + plotH / 2)}) rotate(-90)" ${FONT} font-size="11" fill="#555" text-anchor="middle">membrane (chip units)</text>`,
    `<text x="${LEFT + plotW / 2}" y="${y0 + plotH + 28}" ${FONT} font-size="11" fill="#555" text-anchor="middle">step</text>`,
  );
  return { svg: out, height: 20 + plotH + 36 };
}

/** The traced neurons by `layer\0c:y:x`, in the order of their first row. */
function tracedNeurons(traces: Traces): Map<string, NeuronRef> {
  const traced = new Map<string, NeuronRef>();
  for (let i = 0; i < traces.count; i++) {
    const key = `${traces.layers[traces.layer[i]]}\u0000${traces.c[i]}:${traces.y[i]}:${traces.x[i]}`;
    if (!traced.has(key))
      traced.set(key, {
        layer: traces.layers[traces.layer[i]],
        c: traces.c[i],
        y: traces.y[i],
        x: traces.x[i],
      });
  }
  return traced;
}

/** The neurons worth showing: traced ones with the most spikes (then first traced), at most `n`. */
function pickTraceNeurons(traces: Traces, spikes: Spikes, n: number): NeuronRef[] {
  const traced = tracedNeurons(traces);
  const counts = new Map<string, number>();
  for (let i = 0; i < spikes.count; i++) {
    const key = `${spikes.layers[spikes.layer[i]]}\u0000${spikes.c[i]}:${spikes.y[i]}:${spikes.x[i]}`;
    if (traced.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = [...traced.keys()];
  keys.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || keys.indexOf(a) - keys.indexOf(b));
  return keys.slice(0, n).map((k) => traced.get(k)!);
}

/** Every neuron asked for is in the trace: an untraced one would be an empty panel. */
function checkTraced(traces: Traces, neurons: NeuronRef[]): void {
  const traced = [...tracedNeurons(traces).values()];
  const key = (n: NeuronRef): string => `${n.layer}:${n.c}:${n.y}:${n.x}`;
  const have = new Set(traced.map(key));
  const missing = neurons.filter((n) => !have.has(key(n)));
  if (missing.length === 0) return;
  const list = traced.slice(0, 8).map(key).join(', ');
  throw new SpikeforgeError('USAGE', `neuron: ${missing.map(key).join(', ')} not in the trace`, {
    hint: `the trace holds ${traced.length} neuron${traced.length === 1 ? '' : 's'}: ${list}${traced.length > 8 ? ', ...' : ''}`,
    option: 'neuron',
  });
}

/** An SVG document of the recording. */
export function plotSpikes(spikes: Spikes, options: PlotOptions = {}): string {
  const width = options.width ?? 960;
  if (!(width >= MIN_PLOT_WIDTH)) {
    throw new SpikeforgeError('USAGE', `width: ${width} px leaves no room for the plot`, {
      hint: `give a width of at least ${MIN_PLOT_WIDTH} px`,
      option: 'width',
    });
  }
  const names = options.layers ?? spikes.layers;
  const missing = names.filter((n) => !spikes.layers.includes(n));
  if (missing.length > 0) {
    throw new SpikeforgeError(
      'USAGE',
      `no layer named ${missing.map((n) => `"${n}"`).join(', ')} in the spikes`,
      {
        hint: `layers present: ${spikes.layers.join(', ') || '(none)'}`,
      },
    );
  }
  const ids = names.map((n) => spikes.layers.indexOf(n));
  let lastTrace = -1;
  if (options.traces)
    for (let i = 0; i < options.traces.count; i++) lastTrace = Math.max(lastTrace, options.traces.t[i]);
  const steps = Math.max(1, options.steps ?? Math.max(eventStats(spikes).steps, lastTrace + 1));
  const colorOf = (layer: string): string =>
    PALETTE[Math.max(0, spikes.layers.indexOf(layer)) % PALETTE.length];
  const body: string[] = [];
  let y = 12;
  body.push(
    `<text x="${LEFT}" y="${y + 14}" ${FONT} font-size="16" font-weight="bold">${esc(options.title ?? 'spikes')}</text>`,
    `<text x="${width - RIGHT}" y="${y + 14}" ${FONT} font-size="11" fill="#555" text-anchor="end">${spikes.count} spikes · ${steps} steps · ${names.length} layer${names.length === 1 ? '' : 's'}</text>`,
  );
  y += 28;
  const shapes = names.map((n, k) =>
    ids[k] < 0 ? ([1, 1, 1] as Shape3) : layerShape(spikes, ids[k], options.shapes?.[n]),
  );
  names.forEach((_, k) => {
    const p = rasterPanel(
      spikes,
      { id: ids[k], shape: shapes[k], color: colorOf(names[k]) },
      { top: y, width, steps, withLabels: k === names.length - 1, marks: options.marks, markLabels: k === 0 },
    );
    body.push(...p.svg);
    y += p.height + 6;
  });
  if (options.heatmap) {
    names.forEach((_, k) => {
      if (shapes[k][1] * shapes[k][2] <= 1) return;
      const p = heatmapPanel(
        spikes,
        { id: ids[k], shape: shapes[k], color: colorOf(names[k]) },
        { top: y, width, steps, withLabels: false },
      );
      body.push(...p.svg);
      y += p.height + 6;
    });
  }
  if (options.traces && options.traces.count > 0) {
    const chosen = options.traceNeurons ?? pickTraceNeurons(options.traces, spikes, 4);
    checkTraced(options.traces, chosen);
    chosen.forEach((neuron) => {
      const p = tracePanel(
        options.traces!,
        neuron,
        spikes,
        options.thresholds?.[neuron.layer],
        steps,
        y,
        width,
        colorOf(neuron.layer),
      );
      body.push(...p.svg);
      y += p.height + 6;
    });
  }
  const height = Math.ceil(y + 8);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

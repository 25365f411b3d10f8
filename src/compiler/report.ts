/**
 * The fit report: what went where, how full each core is, and every reason why a network does not fit.
 * The object is the `--json` output (keys documented in protocol/IMAGE.md, "Fit report"); the text is
 * for people.
 */
import type { Shape3 } from '../network/schema.ts';

export const FIT_REPORT_VERSION = 1;

export interface MemoryUse {
  /** Words (entries for bias) the layer needs. */
  used: number;
  /** What its core has (the largest core of the chip when the layer is not placed). */
  capacity: number;
  /** used / capacity * 100, one decimal. */
  percent: number;
}

export interface LayerFit {
  layer: string;
  kind: 'conv2d' | 'linear';
  /** The core the layer runs on; null when it could not be placed. */
  coreId: number | null;
  inputShape: Shape3;
  outputShape: Shape3;
  kernelSize: number;
  stride: [number, number];
  padding: [number, number];
  /** Where the layer reads from, with the sum pooling [ph, pw] applied on the way. */
  sources: { from: string; pooling: [number, number] }[];
  /** Where its spikes go: the reading layers and their cores, with pooling. */
  destinations: { layer: string; coreId: number | null; pooling: number }[];
  monitor: boolean;
  kernelMemory: MemoryUse;
  neuronMemory: MemoryUse;
  biasMemory: MemoryUse;
  /** Synaptic operations caused by one event arriving at this layer. */
  synopsPerInputEvent: number;
  /** Synaptic operations caused downstream by one spike of this layer (sum over its destinations). */
  synopsPerOutputEvent: number;
  /** Quantization scale of the layer (from quantize), when known. */
  scale: number | null;
}

export interface FitReport {
  reportVersion: number;
  chip: string;
  network: string | null;
  sourceHash: string;
  fits: boolean;
  input: {
    name: string;
    shape: Shape3;
    destinations: { layer: string; coreId: number | null; pooling: number }[];
  };
  /** In the network's (topological) order. */
  layers: LayerFit[];
  totals: {
    coresUsed: number;
    coresAvailable: number;
    kernelMemory: { used: number; capacity: number; percent: number };
    neuronMemory: { used: number; capacity: number; percent: number };
    biasMemory: { used: number; capacity: number; percent: number };
  };
  /** Every reason the network does not fit (empty when it fits). */
  errors: string[];
  /** Things that work but deserve a look (e.g. weights quantized to 0). */
  warnings: string[];
  /** What the compiler (or quantize) changed on the way (e.g. a linear layer lowered with padding). */
  notes: string[];
}

export function memoryUse(used: number, capacity: number): MemoryUse {
  return { used, capacity, percent: capacity > 0 ? Math.round((used / capacity) * 1000) / 10 : 0 };
}

const shape = (s: readonly number[]): string => s.join('x');
const pct = (m: { percent: number }): string => `${m.percent.toFixed(1)}%`;
const words = (n: number): string => (n >= 1024 && n % 1024 === 0 ? `${n / 1024}Ki` : String(n));
const mem = (m: MemoryUse): string => `${words(m.used)}/${words(m.capacity)} ${pct(m)}`;

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

export function formatFitReport(report: FitReport): string {
  const lines: string[] = [];
  const title = report.network ? `network "${report.network}"` : 'network';
  lines.push(
    `${title} on ${report.chip}: ${report.fits ? 'fits' : 'DOES NOT FIT'} (${report.totals.coresUsed} of ${report.totals.coresAvailable} cores)`,
  );
  const inDest = report.input.destinations
    .map(
      (d) =>
        `${d.layer}${d.coreId === null ? '' : `@${d.coreId}`}${d.pooling > 1 ? ` pool ${d.pooling}` : ''}`,
    )
    .join(', ');
  lines.push(`input "${report.input.name}" ${shape(report.input.shape)} -> ${inDest || '(nothing)'}`);
  lines.push('');
  const rows = [
    ['core', 'layer', 'kind', 'in', 'out', 'k/s/p', 'kernel mem', 'neuron mem', 'bias', 'synops/ev', '-> to'],
  ];
  for (const l of report.layers) {
    rows.push([
      l.coreId === null ? '-' : String(l.coreId),
      l.layer + (l.monitor ? ' *' : ''),
      l.kind,
      shape(l.inputShape),
      shape(l.outputShape),
      `${l.kernelSize}/${l.stride.join(',')}/${l.padding.join(',')}`,
      mem(l.kernelMemory),
      mem(l.neuronMemory),
      `${l.biasMemory.used}/${l.biasMemory.capacity}`,
      String(l.synopsPerInputEvent),
      l.destinations
        .map(
          (d) =>
            `${d.layer}${d.coreId === null ? '' : `@${d.coreId}`}${d.pooling > 1 ? ` pool ${d.pooling}` : ''}`,
        )
        .join(', ') || '(host)',
    ]);
  }
  lines.push(...table(rows));
  const t = report.totals;
  lines.push(
    '',
    `total: kernel ${mem(t.kernelMemory)}, neuron ${mem(t.neuronMemory)}, bias ${t.biasMemory.used}/${t.biasMemory.capacity} ${pct(t.biasMemory)}`,
    '(* = monitored: spikes reported to the host)',
  );
  const section = (name: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push('', `${name}:`);
    for (const i of items) lines.push(`  - ${i}`);
  };
  section('errors', report.errors);
  section('warnings', report.warnings);
  section('notes', report.notes);
  return `${lines.join('\n')}\n`;
}

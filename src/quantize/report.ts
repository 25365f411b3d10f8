/** The per-layer quantization report, for people (the numbers are in `QuantizedLayer.stats`). */
import type { LayerSpikeComparison } from './integer.ts';
import type { QuantizationStats, QuantizedLayer, QuantizedNetwork } from './types.ts';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A quantized layer without its tensors: what `inspect --json` prints per layer. */
export type QuantizedLayerSummary = Pick<
  QuantizedLayer,
  | 'name'
  | 'weightName'
  | 'kind'
  | 'sources'
  | 'inputShape'
  | 'outputShape'
  | 'thresholdHigh'
  | 'thresholdLow'
  | 'reset'
> &
  QuantizationStats;

export function summarizeQuantization(q: QuantizedNetwork): QuantizedLayerSummary[] {
  return q.layers.map((l) => ({
    name: l.name,
    weightName: l.weightName,
    kind: l.kind,
    sources: l.sources,
    inputShape: l.inputShape,
    outputShape: l.outputShape,
    thresholdHigh: l.thresholdHigh,
    thresholdLow: l.thresholdLow,
    reset: l.reset,
    ...l.stats,
  }));
}

export function formatQuantizationReport(q: QuantizedNetwork): string {
  const rows = [
    ['layer', 'weights', 'scale', 'limited by', 'threshold', 'low', 'max |w err|', 'zeroed', 'zero'],
  ];
  for (const l of q.layers) {
    rows.push([
      l.name,
      `${l.weightName} (${l.kind})`,
      l.stats.scale.toPrecision(6),
      l.stats.limitedBy,
      String(l.thresholdHigh),
      String(l.thresholdLow),
      l.stats.maxWeightError.toPrecision(3),
      pct(l.stats.zeroedWeightShare),
      pct(l.stats.zeroWeightShare),
    ]);
  }
  const lines = [table(rows)];
  if (q.notes.length > 0) lines.push('', 'notes:', ...q.notes.map((n) => `  - ${n}`));
  lines.push(
    '',
    'scale: float value x scale = integer; max |w err|: largest weight error in float units;',
    'zeroed: non-zero float weights that became 0; zero: all weights that are 0 after quantization',
  );
  return lines.join('\n');
}

/** Spike counts per layer, float vs quantized (from `compareSpikeCounts`), for people. */
export function formatSpikeComparison(rows: readonly LayerSpikeComparison[]): string {
  const table = [['layer', 'float', 'quantized', 'change']];
  for (const r of rows) {
    const change =
      r.float === 0
        ? r.quantized === 0
          ? '0%'
          : 'new'
        : `${((100 * (r.quantized - r.float)) / r.float).toFixed(1)}%`;
    table.push([r.layer, String(r.float), String(r.quantized), change]);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((t) => t[i].length)));
  return table
    .map((t) => t.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
    .join('\n');
}

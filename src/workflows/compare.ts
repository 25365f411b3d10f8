/**
 * What quantization cost: the float reference (`simulateFloat`) against the quantized network on the
 * bit-accurate emulator, on the same input. Per layer: spike counts, how many spikes agree in step and
 * neuron, and the correlation of per-neuron spike counts.
 */
import type { ChipProfile } from '../chip/profile.ts';
import { compileNetwork } from '../compiler/index.ts';
import { runEmulator } from '../emulator/index.ts';
import type { SpikeDiff } from '../events/diff.ts';
import { diffSpikes, pearsonOfCounts } from '../events/diff.ts';
import { eventStats, sortByStep } from '../events/ops.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import type { Network, Shape3 } from '../network/schema.ts';
import { simulateFloat } from '../quantize/index.ts';

export interface LayerComparison {
  layer: string;
  /** [C, H, W] of the layer's neurons. */
  shape: Shape3;
  /** The common scale quantization applied to the layer. */
  scale: number;
  float: number;
  quantized: number;
  /** Spikes with the same step and neuron on both sides (multiset intersection). */
  matched: number;
  /** matched / max(float, quantized); 1 when both are silent. */
  agreement: number;
  /** Pearson correlation of per-neuron spike counts (all neurons, silent ones as 0); null if a side is constant. */
  correlation: number | null;
}

export interface QuantizationComparison {
  steps: number;
  inputEvents: number;
  layers: LayerComparison[];
  /** The float spikes as `a`, the quantized as `b`. */
  diff: SpikeDiff;
  float: Spikes;
  quantized: Spikes;
}

/** Pearson correlation of per-neuron counts of one layer in a and b; neurons absent from both are zeros. */
export function countCorrelation(a: Spikes, b: Spikes, layer: string, shape: Shape3): number | null {
  const [C, H, W] = shape;
  const counts = (s: Spikes): Map<number, number> => {
    const id = s.layers.indexOf(layer);
    const m = new Map<number, number>();
    for (let i = 0; i < s.count; i++) {
      if (s.layer[i] !== id) continue;
      const k = (s.c[i] * H + s.y[i]) * W + s.x[i];
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  return pearsonOfCounts(counts(a), counts(b), C * H * W);
}

export function compareQuantization(
  network: Network,
  events: InputEvents,
  profile: ChipProfile,
  options: { steps?: number } = {},
): QuantizationComparison {
  // A file may list events out of order; the emulator takes them in step order.
  const input = sortByStep(events);
  const steps = options.steps ?? eventStats(input).steps;
  const { config, quantized: q } = compileNetwork(network, profile, { monitor: 'all' });
  const quantized = runEmulator(config, input, { steps, monitor: 'all' });
  const float = simulateFloat(network, input, { steps });
  const diff = diffSpikes(float, quantized, { top: 10 });
  const layers = q.layers.map((ql): LayerComparison => {
    const d = diff.layers.find((l) => l.layer === ql.name);
    const f = d?.a ?? 0;
    const z = d?.b ?? 0;
    // sum of min(a, b) over (step, neuron) = (sum a + sum b - sum |a - b|) / 2
    const matched = (f + z - (d?.mismatched ?? 0)) / 2;
    const largest = Math.max(f, z);
    return {
      layer: ql.name,
      shape: ql.outputShape,
      scale: ql.stats.scale,
      float: f,
      quantized: z,
      matched,
      agreement: largest === 0 ? 1 : matched / largest,
      correlation: countCorrelation(float, quantized, ql.name, ql.outputShape),
    };
  });
  return { steps, inputEvents: events.count, layers, diff, float, quantized };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function formatQuantizationComparison(c: QuantizationComparison): string {
  const rows = [
    ['layer', 'shape', 'scale', 'float', 'quantized', 'q - f', 'same step+neuron', 'count corr.'],
    ...c.layers.map((l) => [
      l.layer,
      l.shape.join('x'),
      l.scale.toPrecision(4),
      String(l.float),
      String(l.quantized),
      l.quantized - l.float > 0 ? `+${l.quantized - l.float}` : String(l.quantized - l.float),
      `${l.matched} (${pct(l.agreement)})`,
      l.correlation === null ? '-' : l.correlation.toFixed(3),
    ]),
  ];
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  const lines = [
    `float reference vs quantized emulator: ${c.inputEvents} input events, ${c.steps} steps`,
    '',
    ...rows.map((r) =>
      r.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  '),
    ),
    '',
  ];
  if (c.diff.identical) lines.push('identical: quantization changed no spike on this input');
  else {
    const f = c.diff.firstDivergence!;
    lines.push(
      `first difference: step ${f.step}, layer ${f.layer}, neuron c=${f.c} y=${f.y} x=${f.x} (float ${f.a}, quantized ${f.b})`,
    );
    const worst = c.diff.neurons.slice(0, 5);
    if (worst.length > 0) {
      lines.push('neurons that changed most:');
      for (const n of worst) {
        lines.push(`  ${n.layer} c=${n.c} y=${n.y} x=${n.x}: float ${n.a}, quantized ${n.b}`);
      }
    }
  }
  return lines.join('\n');
}

/** A summary of an event file (what `spikeforge events info` prints). */
import type { EventFormat, EventRecording } from './io.ts';
import { eventStats } from './ops.ts';

export interface EventLayerSummary {
  layer: string;
  count: number;
  /** Smallest [C, H, W] that holds the layer's events. */
  extent: [number, number, number];
  firstStep: number;
  lastStep: number;
}

export interface EventSummary {
  format: EventFormat;
  kind: 'input' | 'spikes';
  count: number;
  steps: number;
  /** Input events: the smallest [C, H, W] that holds them; spikes: per layer in `layers`. */
  extent: [number, number, number];
  layers: EventLayerSummary[];
  /** Mean events per step over [0, steps). */
  perStep: number;
}

export function summarizeEvents(rec: EventRecording): EventSummary {
  const ev = rec.kind === 'input' ? rec.events : rec.spikes;
  const all = eventStats(ev);
  const layers =
    rec.kind === 'spikes'
      ? rec.spikes.layers.map((layer, i) => {
          const s = eventStats(rec.spikes, i);
          return { layer, count: s.count, extent: s.extent, firstStep: s.firstStep, lastStep: s.lastStep };
        })
      : [];
  return {
    format: rec.format,
    kind: rec.kind,
    count: all.count,
    steps: all.steps,
    extent: all.extent,
    layers,
    perStep: all.steps > 0 ? all.count / all.steps : 0,
  };
}

export function formatEventSummary(path: string, s: EventSummary): string {
  const lines = [
    `${path}: ${s.format}, ${s.kind === 'input' ? 'input events' : 'spikes'}`,
    `  events: ${s.count} over ${s.steps} steps (${s.perStep.toFixed(1)} per step)`,
  ];
  if (s.kind === 'input') lines.push(`  extent (C,H,W): ${s.extent.join(',')}`);
  else {
    const w = Math.max(5, ...s.layers.map((l) => l.layer.length));
    lines.push(`  ${'layer'.padEnd(w)}  ${'spikes'.padStart(8)}  steps      extent (C,H,W)`);
    for (const l of s.layers) {
      lines.push(
        `  ${l.layer.padEnd(w)}  ${String(l.count).padStart(8)}  ${`${l.firstStep}..${l.lastStep}`.padEnd(9)}  ${l.extent.join(',')}`,
      );
    }
  }
  return lines.join('\n');
}

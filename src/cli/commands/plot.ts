import { basename } from 'node:path';
import type { Command } from 'commander';
import { SpikeforgeError } from '../../errors.ts';
import { readSpikes } from '../../events/io.ts';
import { plotSpikes } from '../../events/plot.ts';
import { parseNeuronRef, readTraceCsv } from '../../events/trace.ts';
import { writeFileAtomic } from '../../util/atomic.ts';
import { parsePositive } from './events.ts';

function parseThresholds(list: string[] | undefined): Record<string, number> | undefined {
  if (!list) return undefined;
  const out: Record<string, number> = {};
  for (const item of list) {
    const at = item.lastIndexOf('=');
    const v = Number(item.slice(at + 1));
    if (at <= 0 || !Number.isFinite(v)) {
      throw new SpikeforgeError('USAGE', `--threshold "${item}" is not layer=value`, {
        hint: 'e.g. --threshold conv1=444',
      });
    }
    out[item.slice(0, at)] = v;
  }
  return out;
}

const collect = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v.split(',').filter((s) => s !== ''),
];

export function register(program: Command): void {
  program
    .command('plot')
    .description('draw spikes as SVG: a raster per layer, heat maps per channel, membrane traces')
    .argument('<spikes>', 'spike file (.csv, .sfev) or input events')
    .option('-o, --output <file>', 'SVG file to write', 'raster.svg')
    .option('--layers <names>', 'layers to draw, comma-separated, in this order (default: all)', collect)
    .option('--heatmap', 'add spike-count heat maps per channel of convolutional layers')
    .option('--trace <file>', 'membrane trace CSV (t,layer,c,y,x,v) to draw under the rasters')
    .option(
      '--neuron <layer:c:y:x>',
      'traced neuron to draw (repeatable; default: the 4 that spike most)',
      collect,
    )
    .option('--threshold <layer=value>', 'threshold line on traces of a layer (repeatable)', collect)
    .option('--steps <n>', 'length of the time axis (default: last step + 1)')
    .option('--width <px>', 'picture width', '960')
    .option('--title <text>', 'title (default: the file name)')
    .action((file: string, o: Record<string, string | string[] | boolean | undefined>) => {
      const spikes = readSpikes(file);
      const svg = plotSpikes(spikes, {
        layers: o.layers as string[] | undefined,
        heatmap: o.heatmap === true,
        traces: typeof o.trace === 'string' ? readTraceCsv(o.trace) : undefined,
        traceNeurons: (o.neuron as string[] | undefined)?.map(parseNeuronRef),
        thresholds: parseThresholds(o.threshold as string[] | undefined),
        steps: parsePositive('--steps', o.steps as string | undefined),
        width: parsePositive('--width', o.width as string),
        title: (o.title as string | undefined) ?? basename(file),
      });
      const out = o.output as string;
      writeFileAtomic(out, svg);
      process.stdout.write(`wrote ${out} (${spikes.count} spikes, ${Math.round(svg.length / 1024)} KiB)\n`);
    });
}

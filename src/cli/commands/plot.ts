import { basename } from 'node:path';
import type { Command } from 'commander';
import { readSpikes } from '../../events/io.ts';
import { plotSpikes } from '../../events/plot.ts';
import { parseNeuronRef, readTraceCsv } from '../../events/trace.ts';
import { writeFileAtomic } from '../../util/atomic.ts';
import { collect, optionalInteger, parseInteger, parseLayerValues } from '../options.ts';

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
        thresholds: parseLayerValues('--threshold', o.threshold as string[] | undefined),
        steps: optionalInteger('--steps', o.steps as string | undefined, 1),
        width: parseInteger('--width', o.width as string, 1),
        title: (o.title as string | undefined) ?? basename(file),
      });
      const out = o.output as string;
      writeFileAtomic(out, svg);
      process.stdout.write(`wrote ${out} (${spikes.count} spikes, ${Math.round(svg.length / 1024)} KiB)\n`);
    });
}

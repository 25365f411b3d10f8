import { basename } from 'node:path';
import type { Command } from 'commander';
import { readSpikes } from '../../events/io.ts';
import { plotSpikes } from '../../events/plot.ts';
import { parseNeuronRef, readTraceCsv } from '../../events/trace.ts';
import { writeFileAtomic } from '../../util/atomic.ts';
import { collect, optionalInteger, parseInteger, parseLayerValues } from '../options.ts';

interface PlotCliOptions {
  output: string;
  layers?: string[];
  heatmap?: boolean;
  trace?: string;
  neuron?: string[];
  threshold?: string[];
  steps?: string;
  width: string;
  title?: string;
}

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
    .action((file: string, o: PlotCliOptions) => {
      // A bad option value fails before any file is read.
      const options = {
        layers: o.layers,
        heatmap: o.heatmap === true,
        traceNeurons: o.neuron?.map(parseNeuronRef),
        thresholds: parseLayerValues('--threshold', o.threshold),
        steps: optionalInteger('--steps', o.steps, 1),
        width: parseInteger('--width', o.width, 1),
        title: o.title ?? basename(file),
      };
      const spikes = readSpikes(file);
      const svg = plotSpikes(spikes, { ...options, traces: o.trace ? readTraceCsv(o.trace) : undefined });
      writeFileAtomic(o.output, svg);
      process.stdout.write(
        `wrote ${o.output} (${spikes.count} spikes, ${Math.round(svg.length / 1024)} KiB)\n`,
      );
    });
}

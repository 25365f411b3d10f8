import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../compiler/index.ts';
import { readInputEvents, readSpikes } from '../../events/io.ts';
import { eventStats } from '../../events/ops.ts';
import { MIN_PLOT_WIDTH, type PlotOptions, plotSpikes } from '../../events/plot.ts';
import { parseNeuronRef, readTraceCsv } from '../../events/trace.ts';
import { writeFileAtomic } from '../../util/atomic.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from '../network-options.ts';
import { collect, optionalSteps, parseInteger, parseLayerValues } from '../options.ts';
import type { CliIo } from '../output.ts';

interface PlotCliOptions extends NirCliOptions {
  output: string;
  layers?: string[];
  heatmap?: boolean;
  trace?: string;
  neuron?: string[];
  threshold?: string[];
  network?: string;
  input?: string;
  steps?: string;
  width: string;
  title?: string;
}

/** Thresholds and map shapes of the layers, from the network (compiled on the way) or its image. */
async function fromNetwork(
  path: string,
  o: PlotCliOptions,
): Promise<Pick<PlotOptions, 'thresholds' | 'shapes'>> {
  // The membranes of a trace are the chip's integers: so is the threshold drawn over them.
  const { config } = await loadConfig(path, { nir: importOptionsOf(o) });
  return {
    thresholds: Object.fromEntries(config.cores.map((c) => [c.layer, c.thresholdHigh])),
    shapes: Object.fromEntries(config.cores.map((c) => [c.layer, c.outputShape])),
  };
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
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
    .option(
      '--network <image|network>',
      "the run's network or image: its thresholds (as the chip has them) on the traces, its map shapes",
    )
    .option(
      '--threshold <layer=value>',
      'threshold line on traces of a layer, in chip units (repeatable; overrides --network)',
      collect,
    )
    .option('--input <events>', "the run's input: the time axis spans its steps")
    .option('--steps <n>', 'length of the time axis (default: last step + 1 of spikes, trace and input)')
    .option('--width <px>', `picture width (at least ${MIN_PLOT_WIDTH})`, '960')
    .option('--title <text>', 'title (default: the file name)');
  nirImportFlags(cmd).action(async (file: string, o: PlotCliOptions) => {
    // A bad option value fails before any file is read.
    const thresholds = parseLayerValues('--threshold', o.threshold);
    const options: PlotOptions = {
      layers: o.layers,
      heatmap: o.heatmap === true,
      traceNeurons: o.neuron?.map(parseNeuronRef),
      steps: optionalSteps(o.steps),
      width: parseInteger('--width', o.width, MIN_PLOT_WIDTH),
      title: o.title ?? basename(file),
    };
    const spikes = readSpikes(file);
    const traces = o.trace ? readTraceCsv(o.trace) : undefined;
    const network = o.network ? await fromNetwork(o.network, o) : {};
    if (options.steps === undefined && o.input) {
      // The run lasted at least as long as its input; spikes may stop earlier.
      const steps = [readInputEvents(o.input), spikes, ...(traces ? [traces] : [])].map(
        (e) => eventStats(e).steps,
      );
      options.steps = Math.max(...steps);
    }
    const svg = plotSpikes(spikes, {
      ...options,
      ...network,
      thresholds: { ...network.thresholds, ...thresholds },
      traces,
    });
    writeFileAtomic(o.output, svg);
    io.stdout.write(`wrote ${o.output} (${spikes.count} spikes, ${Math.round(svg.length / 1024)} KiB)\n`);
  });
}

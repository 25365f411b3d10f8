import type { Command } from 'commander';
import { getProfile } from '../../chip/index.ts';
import {
  CompileError,
  type CompileNetworkOptions,
  compileNetwork,
  type FitReport,
  formatFitReport,
  readNetwork,
} from '../../compiler/index.ts';
import { encodeImage } from '../../image/index.ts';
import { writeFileAtomic } from '../../util/atomic.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from '../network-options.ts';
import { parseCrop, parseMonitor, parsePlacement, parseSize } from '../options.ts';

interface CompileCliOptions extends NirCliOptions {
  output: string;
  chip: string;
  place?: string;
  monitor?: string;
  report?: string;
  json?: boolean;
  sensor?: string;
  crop?: string;
  flipX?: boolean;
  flipY?: boolean;
  swapXy?: boolean;
}

function emitReport(report: FitReport, opts: CompileCliOptions): void {
  if (opts.report) writeFileAtomic(opts.report, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatFitReport(report));
}

export function register(program: Command): void {
  const cmd = program
    .command('compile')
    .description('compile a network (NIR or JSON) into a configuration image and print how it fits the chip')
    .argument('<network>', 'network.nir or network.json')
    .requiredOption(
      '-o, --output <image>',
      'the image file to write (not written when the network does not fit)',
    )
    .option('--chip <id>', 'chip profile', 'dynapcnn9')
    .option('--place <pins>', 'pin layers to cores, e.g. conv1=5,conv2=6')
    .option(
      '--monitor <which>',
      'layers whose spikes reach the host: last (output layers), all, or names a,b',
    )
    .option('--report <file>', 'also write the fit report as JSON to this file')
    .option('--json', 'print the fit report as JSON instead of text')
    .option(
      '--sensor <HxW>',
      'size of the event sensor / host map when larger than the network input (with --crop)',
    )
    .option('--crop <y0,x0,y1,x1>', 'input window kept from the sensor map')
    .option('--flip-x', 'mirror input events horizontally')
    .option('--flip-y', 'mirror input events vertically')
    .option('--swap-xy', 'swap input x and y');
  nirImportFlags(cmd).action(async (input: string, opts: CompileCliOptions) => {
    const profile = getProfile(opts.chip);
    const options: CompileNetworkOptions = {
      place: opts.place ? parsePlacement(opts.place) : undefined,
      monitor: opts.monitor ? parseMonitor(opts.monitor) : undefined,
      input: {
        sensorShape: opts.sensor ? parseSize(opts.sensor, '--sensor') : undefined,
        crop: opts.crop ? parseCrop(opts.crop) : undefined,
        flipX: opts.flipX,
        flipY: opts.flipY,
        swapXY: opts.swapXy,
      },
    };
    const network = await readNetwork(input, importOptionsOf(opts));
    try {
      const { config, report } = compileNetwork(network, profile, options);
      const image = encodeImage(config);
      // The report first: if it cannot be written, no image is left behind either.
      emitReport(report, opts);
      writeFileAtomic(opts.output, image);
      process.stderr.write(`wrote ${opts.output} (${image.length} bytes, ${config.cores.length} cores)\n`);
    } catch (e) {
      if (e instanceof CompileError) emitReport(e.report, opts);
      throw e;
    }
  });
}

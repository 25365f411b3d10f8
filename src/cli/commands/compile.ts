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
import { isSpikeforgeError, SpikeforgeError } from '../../errors.ts';
import { encodeImage } from '../../image/index.ts';
import { writeFileAtomic } from '../../util/atomic.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from '../network-options.ts';
import { parseCrop, parseMonitor, parsePlacement, parseSize } from '../options.ts';
import { type CliIo, ExitCode, messageOf } from '../output.ts';

interface CompileCliOptions extends NirCliOptions {
  output?: string;
  check?: boolean;
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

function emitReport(report: FitReport, opts: CompileCliOptions, io: CliIo): void {
  if (opts.report) writeFileAtomic(opts.report, `${JSON.stringify(report, null, 2)}\n`);
  io.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatFitReport(report));
}

/** `--json` of a failure before there is a fit report (a file that does not read, a layer that does not quantize). */
function emitFailure(e: SpikeforgeError, opts: CompileCliOptions, io: CliIo): void {
  const error = {
    code: e.code,
    message: messageOf(e),
    details: e.details,
    ...(e.hint ? { hint: e.hint } : {}),
  };
  const text = `${JSON.stringify({ fits: false, error }, null, 2)}\n`;
  if (opts.report) writeFileAtomic(opts.report, text);
  if (opts.json) io.stdout.write(text);
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('compile')
    .description('compile a network (NIR or JSON) into a configuration image and print how it fits the chip')
    .argument('<network>', 'network.nir or network.json')
    .option('-o, --output <image>', 'the image file to write (not written when the network does not fit)')
    .option('--check', 'only check whether the network fits (exit 0 or 1); writes no image')
    .option('--chip <id>', 'chip profile', 'dynapcnn9')
    .option('--place <pins>', 'pin layers to cores, e.g. conv1=5,conv2=6')
    .option(
      '--monitor <which>',
      'layers whose spikes reach the host: last (output layers), all, or names a,b',
    )
    .option('--report <file>', 'also write the fit report as JSON to this file')
    .option('--json', 'print the fit report as JSON instead of text (without -o: only check)')
    .option(
      '--sensor <HxW>',
      'size of the event sensor / host map when larger than the network input (with --crop)',
    )
    .option('--crop <y0,x0,y1,x1>', 'input window kept from the sensor map')
    .option('--flip-x', 'mirror input events horizontally')
    .option('--flip-y', 'mirror input events vertically')
    .option('--swap-xy', 'swap input x and y');
  nirImportFlags(cmd).action(async (input: string, opts: CompileCliOptions) => {
    if (opts.output === undefined && !opts.check && !opts.json && !opts.report) {
      throw new SpikeforgeError(
        'USAGE',
        'compile: give -o <image> to write the image, or --check to only check the fit',
        {
          hint: `spikeforge compile ${input} -o net.img  (or: --check, --json)`,
        },
      );
    }
    if (opts.output !== undefined && opts.check) {
      throw new SpikeforgeError('USAGE', 'compile: --check writes no image; drop -o or --check');
    }
    let report: FitReport | undefined;
    try {
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
      const profile = getProfile(opts.chip);
      const network = await readNetwork(input, importOptionsOf(opts));
      const result = compileNetwork(network, profile, options);
      report = result.report;
      const image = opts.output === undefined ? undefined : encodeImage(result.config);
      // The report first: if it cannot be written, no image is left behind either.
      emitReport(report, opts, io);
      if (opts.output !== undefined && image) {
        writeFileAtomic(opts.output, image);
        io.stderr.write(
          `wrote ${opts.output} (${image.length} bytes, ${result.config.cores.length} cores)\n`,
        );
      }
    } catch (e) {
      if (e instanceof CompileError) {
        emitReport(e.report, opts, io);
        // The text report lists every reason already: the error block says what failed, once.
        if (!opts.json) throw new ExitCode(1, new SpikeforgeError(e.code, e.message, { hint: e.hint }));
      } else if (isSpikeforgeError(e) && report === undefined) {
        emitFailure(e, opts, io);
      }
      throw e;
    }
  });
}

import type { Command } from 'commander';
import { getProfile } from '../../chip/index.ts';
import { inspectImage } from '../../compiler/index.ts';
import { SpikeforgeError } from '../../errors.ts';
import { readInputEvents } from '../../events/io.ts';
import { looksLikeImage } from '../../image/index.ts';
import {
  describeNir,
  formatNetworkSummary,
  formatNirSummary,
  type Network,
  parseNetworkFile,
  readNetworkFile,
  summarizeNetwork,
} from '../../network/index.ts';
import {
  compareSpikeCounts,
  formatQuantizationReport,
  formatSpikeComparison,
  quantize,
  summarizeQuantization,
} from '../../quantize/index.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from '../network-options.ts';
import { optionalPositive, optionalSteps } from '../options.ts';
import type { CliIo } from '../output.ts';

interface InspectOptions extends NirCliOptions {
  json?: boolean;
  quantize?: boolean;
  chip: string;
  events?: string;
  steps?: string;
  stepUs?: string;
}

/**
 * The network, or undefined after showing a NIR graph the IR cannot hold (leaky neurons, ...): inspect
 * shows what the file holds, with a note on why it cannot be deployed; only `compile` fails on it.
 */
async function readOrDescribe(
  bytes: Uint8Array,
  file: string,
  opts: InspectOptions,
  io: CliIo,
): Promise<Network | undefined> {
  try {
    return await parseNetworkFile(bytes, file, importOptionsOf(opts));
  } catch (e) {
    if (!(e instanceof SpikeforgeError) || e.code !== 'NIR_UNSUPPORTED' || opts.quantize || opts.events)
      throw e;
    const graph = await describeNir(bytes, file);
    const reason = e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message;
    const note = `cannot be deployed: ${reason}${e.hint ? `; ${e.hint}` : ''}`;
    if (opts.json) {
      const out = { file, format: 'nir', deployable: false, ...graph, notes: [note] };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      io.stdout.write(`file     ${file}\n\n${formatNirSummary(graph)}notes:\n  - ${note}\n`);
    }
    return undefined;
  }
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('inspect')
    .description('show a network (NIR or JSON): layers, types, shapes, parameters, thresholds')
    .argument('<file>', 'network.nir, network.json (or a compiled image)')
    .option('--json', 'machine-readable output')
    .option('--quantize', 'also quantize for the chip and show the per-layer report')
    .option('--chip <id>', 'chip profile for --quantize', 'dynapcnn9')
    .option(
      '--events <input>',
      'spike counts per layer, float vs quantized, on these input events (.csv, .sfev, .npy, .aedat)',
    )
    .option('--steps <n>', 'steps to simulate with --events (default: last event step + 1)')
    .option('--step-us <us>', 'AEDAT --events: microseconds per step', '1000');
  nirImportFlags(cmd).action(async (file: string, opts: InspectOptions) => {
    const steps = optionalSteps(opts.steps);
    const stepUs = optionalPositive('--step-us', opts.stepUs);
    const bytes = await readNetworkFile(file);
    if (looksLikeImage(bytes)) {
      if (opts.quantize || opts.events) {
        throw new SpikeforgeError(
          'USAGE',
          `${file} is a configuration image: --quantize and --events need a network`,
          {
            hint: 'give the network file (.nir, .json) the image was compiled from',
          },
        );
      }
      const image = inspectImage(bytes, file);
      io.stdout.write(opts.json ? `${JSON.stringify(image.json, null, 2)}\n` : `${image.text.trimEnd()}\n`);
      if (image.problems.length > 0) {
        throw new SpikeforgeError(
          'IMAGE_FORMAT',
          `${file} does not fit ${image.config.chip}: ${image.problems.length} limit${image.problems.length > 1 ? 's' : ''} broken (listed above)`,
          { hint: 'compile the network again; flash and the board refuse this image' },
        );
      }
      return;
    }
    const network = await readOrDescribe(bytes, file, opts, io);
    if (network === undefined) return;
    const summary = summarizeNetwork(network);
    const profile = getProfile(opts.chip);
    const q = opts.quantize || opts.events ? quantize(network, profile) : undefined;
    const spikes =
      q && opts.events
        ? compareSpikeCounts(network, q, readInputEvents(opts.events, { stepUs }), profile, { steps })
        : undefined;
    if (opts.json) {
      const out = {
        file,
        ...summary,
        ...(q ? { quantization: summarizeQuantization(q), quantizationNotes: q.notes } : {}),
        ...(spikes ? { spikes } : {}),
      };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    io.stdout.write(`file     ${file}\n${formatNetworkSummary(summary)}\n`);
    if (q) io.stdout.write(`\nquantization for ${opts.chip}:\n${formatQuantizationReport(q)}\n`);
    if (spikes) {
      io.stdout.write(`\nspikes on ${opts.events}, float vs quantized:\n${formatSpikeComparison(spikes)}\n`);
    }
  });
}

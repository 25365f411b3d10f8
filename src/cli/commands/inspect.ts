import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { getProfile } from '../../chip/index.ts';
import { inspectImage, isImage } from '../../compiler/index.ts';
import { readInputCsv } from '../../events/csv.ts';
import { formatNetworkSummary, loadNetwork, readNetworkFile, summarizeNetwork } from '../../network/index.ts';
import {
  compareSpikeCounts,
  formatQuantizationReport,
  formatSpikeComparison,
  quantize,
} from '../../quantize/index.ts';
import { optionalInteger } from '../options.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from './network-options.ts';

interface InspectOptions extends NirCliOptions {
  json?: boolean;
  quantize?: boolean;
  chip: string;
  events?: string;
  steps?: string;
}

/** A compiled image is decoded and described by the compiler. */
async function inspectImageFile(path: string, json: boolean): Promise<void> {
  const result = inspectImage(await readFile(path), path);
  process.stdout.write(json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text.trimEnd()}\n`);
}

export function register(program: Command): void {
  const cmd = program
    .command('inspect')
    .description('show a network (NIR or JSON): layers, types, shapes, parameters, thresholds')
    .argument('<file>', 'network.nir, network.json (or a compiled image)')
    .option('--json', 'machine-readable output')
    .option('--quantize', 'also quantize for the chip and show the per-layer report')
    .option('--chip <id>', 'chip profile for --quantize', 'dynapcnn9')
    .option(
      '--events <input.csv>',
      'with --quantize: spike counts per layer, float vs quantized, on these events',
    )
    .option('--steps <n>', 'steps to simulate with --events (default: last event step + 1)');
  nirImportFlags(cmd).action(async (file: string, opts: InspectOptions) => {
    const head = await readNetworkFile(file);
    if (isImage(head)) {
      await inspectImageFile(file, Boolean(opts.json));
      return;
    }
    const network = await loadNetwork(file, importOptionsOf(opts));
    const summary = summarizeNetwork(network);
    const q = opts.quantize || opts.events ? quantize(network, getProfile(opts.chip)) : undefined;
    const spikes =
      q && opts.events
        ? compareSpikeCounts(network, q, readInputCsv(opts.events), {
            steps: optionalInteger('--steps', opts.steps, 1),
          })
        : undefined;
    if (opts.json) {
      const quantization = q?.layers.map((l) => ({
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
      const out = {
        file,
        ...summary,
        ...(q ? { quantization, quantizationNotes: q.notes } : {}),
        ...(spikes ? { spikes } : {}),
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    process.stdout.write(`file     ${file}\n${formatNetworkSummary(summary)}\n`);
    if (q) process.stdout.write(`\nquantization for ${opts.chip}:\n${formatQuantizationReport(q)}\n`);
    if (spikes) {
      process.stdout.write(
        `\nspikes on ${opts.events}, float vs quantized:\n${formatSpikeComparison(spikes)}\n`,
      );
    }
  });
}

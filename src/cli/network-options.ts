/** The NIR import flags of every command that reads a network (inspect, convert, compile, run, compare). */
import { type Command, Option } from 'commander';
import { SpikeforgeError } from '../errors.ts';
import type { NirImportOptions } from '../network/index.ts';

export interface NirCliOptions {
  reset?: 'subtract' | 'zero';
  thresholdLow?: string;
  collapseThresholds?: boolean;
}

export function nirImportFlags(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--reset <mode>', 'NIR IF reset: subtract (sinabs convention) or zero').choices([
        'subtract',
        'zero',
      ]),
    )
    .option('--threshold-low <v>', 'NIR IF membrane floor (default: -threshold)')
    .option('--collapse-thresholds', 'NIR: use the mean of per-neuron thresholds that differ within a layer');
}

export function importOptionsOf(opts: NirCliOptions): NirImportOptions {
  const out: NirImportOptions = {};
  if (opts.reset) out.reset = opts.reset;
  if (opts.collapseThresholds) out.collapseThresholds = true;
  if (opts.thresholdLow !== undefined) {
    const v = opts.thresholdLow.trim() === '' ? Number.NaN : Number(opts.thresholdLow);
    if (!Number.isFinite(v) || v > 0) {
      throw new SpikeforgeError('USAGE', `--threshold-low: "${opts.thresholdLow}" is not a number <= 0`);
    }
    out.thresholdLow = v;
  }
  return out;
}

import type { Command } from 'commander';
import { getProfile } from '../../chip/index.ts';
import { readNetwork } from '../../compiler/index.ts';
import { readInputEvents, writeEvents } from '../../events/io.ts';
import { compareQuantization, formatQuantizationComparison } from '../../workflows/compare.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from '../network-options.ts';
import { optionalPositive, optionalSteps } from '../options.ts';
import type { CliIo } from '../output.ts';

interface CompareCliOptions extends NirCliOptions {
  input: string;
  steps?: string;
  stepUs?: string;
  chip: string;
  json?: boolean;
  saveFloat?: string;
  saveQuantized?: string;
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('compare')
    .description('float reference vs quantized emulator on the same input: what quantization cost, per layer')
    .argument('<network>', 'network (.nir or .json)')
    .requiredOption('-i, --input <events>', 'input events (.csv, .sfev, .npy, .aedat)')
    .option('--steps <n>', 'steps to simulate (default: last input step + 1)')
    .option('--step-us <us>', 'AEDAT input: microseconds per step', '1000')
    .option('--chip <id>', 'chip profile', 'dynapcnn9')
    .option('--save-float <file>', 'write the float spikes (.csv, .sfev)')
    .option('--save-quantized <file>', 'write the quantized spikes (.csv, .sfev)')
    .option('--json', 'print JSON');
  nirImportFlags(cmd).action(async (path: string, o: CompareCliOptions) => {
    const network = await readNetwork(path, importOptionsOf(o));
    const events = readInputEvents(o.input, { stepUs: optionalPositive('--step-us', o.stepUs) });
    const c = compareQuantization(network, events, getProfile(o.chip), {
      steps: optionalSteps(o.steps),
    });
    if (o.saveFloat) writeEvents(o.saveFloat, c.float);
    if (o.saveQuantized) writeEvents(o.saveQuantized, c.quantized);
    if (o.json) {
      const { float: _f, quantized: _q, ...rest } = c;
      io.stdout.write(`${JSON.stringify({ network: path, input: o.input, ...rest }, null, 2)}\n`);
    } else io.stdout.write(`${formatQuantizationComparison(c)}\n`);
  });
}

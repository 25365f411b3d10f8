import type { Command } from 'commander';
import { readNetwork } from '../../compiler/index.ts';
import { saveNetwork } from '../../network/index.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from '../network-options.ts';
import { parseInteger } from '../options.ts';
import type { CliIo } from '../output.ts';

interface ConvertOptions extends NirCliOptions {
  base64Above: string;
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('convert')
    .description(
      'convert a network between NIR (.nir) and spikeforge JSON (.json); the output extension decides',
    )
    .argument('<in>', 'network.nir or network.json')
    .argument('<out>', 'output file: .nir or .json')
    .option('--base64-above <n>', 'JSON: write tensors with more than n values as base64 float32', '256');
  nirImportFlags(cmd).action(async (input: string, output: string, opts: ConvertOptions) => {
    const base64Above = parseInteger('--base64-above', opts.base64Above, 0);
    const network = await readNetwork(input, importOptionsOf(opts));
    await saveNetwork(network, output, { base64Above });
    io.stderr.write(`wrote ${output} (${network.layers.length} layers)\n`);
  });
}

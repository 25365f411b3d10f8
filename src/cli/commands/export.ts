import type { Command } from 'commander';
import { loadConfig } from '../../compiler/index.ts';
import { formatSamnaExport, SAMNA_CHIPS, samnaChip, toSamnaConfig } from '../../image/samna.ts';
import { writeFileAtomic } from '../../util/atomic.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from '../network-options.ts';
import { parseChoice, parseMonitor } from '../options.ts';
import type { CliIo } from '../output.ts';

interface ExportCliOptions extends NirCliOptions {
  to: string;
  output: string;
  chip: string;
  monitor?: string;
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('export')
    .description(
      "write a network (compiled first) or an image as another toolchain's configuration: --to samna (protocol/SAMNA.md)",
    )
    .argument('<network|image>', 'configuration image, or network.nir / network.json')
    .requiredOption('--to <format>', 'samna: the configuration as sinabs writes it into samna')
    .requiredOption('-o, --output <file>', 'the JSON file to write, e.g. speck.json')
    .option('--chip <board>', `samna board: ${Object.keys(SAMNA_CHIPS).join(', ')}`, 'speck2fdevkit')
    .option('--monitor <which>', 'layers monitored besides the exit layers: all, or names a,b');
  nirImportFlags(cmd).action(async (input: string, opts: ExportCliOptions) => {
    parseChoice('--to', opts.to, ['samna'] as const);
    samnaChip(opts.chip);
    const monitor = opts.monitor ? parseMonitor(opts.monitor) : undefined;
    const { config } = await loadConfig(input, { nir: importOptionsOf(opts), monitor });
    const exported = toSamnaConfig(config, { chip: opts.chip, monitor });
    writeFileAtomic(opts.output, formatSamnaExport(exported));
    const monitored = Object.values(exported.cnn_layers).filter((l) => l.monitor_enable).length;
    io.stderr.write(
      `wrote ${opts.output} (samna ${exported.chip}, ${config.cores.length} cores, ${monitored} monitored, input via ${exported.input.source === 'dvs' ? 'the DVS layer' : `core ${exported.input.layers.join(', ')}`})\n`,
    );
  });
}

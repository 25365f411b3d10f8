import type { Command } from 'commander';
import { formatEventSummary, summarizeEvents } from '../../events/info.ts';
import { readEvents, writeEvents } from '../../events/io.ts';
import { optionalInteger, optionalPositive, optionalShape, parseChoice } from '../options.ts';
import type { CliIo } from '../output.ts';

export function register(program: Command, io: CliIo): void {
  const events = program
    .command('events')
    .description('convert and inspect event files (CSV, SFEV binary, NumPy .npy rasters, AEDAT 2/3.1/4)');

  events
    .command('convert')
    .description('convert an event file; formats from magic bytes / extensions (.csv .sfev .npy .aedat)')
    .argument('<in>', 'input file')
    .argument('<out>', 'output file (.csv, .sfev or .npy)')
    .option('--step-us <us>', 'AEDAT: microseconds per step', '1000')
    .option('--aedat-layout <layout>', 'AEDAT 2 address layout: dvs128 or davis (default: from the header)')
    .option('--shape <C,H,W>', '.npy output: raster shape (default: the smallest that holds the events)')
    .option('--steps <n>', '.npy output: number of steps (default: last step + 1)')
    .option('--layer <name>', '.npy output of spikes: the layer to write')
    .action((input: string, output: string, o: Record<string, string | undefined>) => {
      const rec = readEvents(input, {
        stepUs: optionalPositive('--step-us', o.stepUs),
        layout:
          o.aedatLayout === undefined
            ? undefined
            : parseChoice('--aedat-layout', o.aedatLayout, ['dvs128', 'davis'] as const),
      });
      writeEvents(output, rec.kind === 'input' ? rec.events : rec.spikes, {
        shape: optionalShape('--shape', o.shape),
        steps: optionalInteger('--steps', o.steps, 1),
        layer: o.layer,
      });
      const n = rec.kind === 'input' ? rec.events.count : rec.spikes.count;
      io.stdout.write(`wrote ${output}: ${n} ${rec.kind === 'input' ? 'input events' : 'spikes'}\n`);
    });

  events
    .command('info')
    .description('summarize an event file: format, events, steps, extent, spikes per layer')
    .argument('<file>')
    .option('--step-us <us>', 'AEDAT: microseconds per step', '1000')
    .option('--json', 'print JSON')
    .action((file: string, o: { stepUs?: string; json?: boolean }) => {
      const summary = summarizeEvents(readEvents(file, { stepUs: optionalPositive('--step-us', o.stepUs) }));
      io.stdout.write(
        o.json
          ? `${JSON.stringify({ file, ...summary }, null, 2)}\n`
          : `${formatEventSummary(file, summary)}\n`,
      );
    });
}

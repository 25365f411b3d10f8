import type { Command } from 'commander';
import type { OutOfMap } from '../../emulator/index.ts';
import { SpikeforgeError } from '../../errors.ts';
import { formatEventSummary, summarizeEvents } from '../../events/info.ts';
import { readEvents, writeEvents } from '../../events/io.ts';
import { selectLayers, sortByStep } from '../../events/ops.ts';
import { optionalPositive, optionalShape, optionalSteps, parseChoice } from '../options.ts';
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
    .option(
      '--layer <name>',
      'spikes: write this layer only (.npy of spikes needs it when there are several)',
    )
    .action((input: string, output: string, o: Record<string, string | undefined>) => {
      const rec = readEvents(input, {
        stepUs: optionalPositive('--step-us', o.stepUs),
        layout:
          o.aedatLayout === undefined
            ? undefined
            : parseChoice('--aedat-layout', o.aedatLayout, ['dvs128', 'davis'] as const),
      });
      if (o.layer !== undefined && rec.kind === 'input') {
        throw new SpikeforgeError(
          'USAGE',
          `--layer: ${input} holds input events (t,c,y,x), which have no layers`,
          {
            hint: '--layer picks one layer of a spike file (t,layer,c,y,x)',
          },
        );
      }
      // What is written is what is counted: with --layer, that layer's spikes only.
      const events =
        rec.kind === 'input'
          ? rec.events
          : o.layer === undefined
            ? rec.spikes
            : selectLayers(rec.spikes, [o.layer]);
      writeEvents(output, events, {
        shape: optionalShape('--shape', o.shape),
        steps: optionalSteps(o.steps),
        layer: o.layer,
      });
      const what =
        rec.kind === 'input'
          ? 'input events'
          : o.layer === undefined
            ? 'spikes'
            : `spikes of layer "${o.layer}"`;
      io.stdout.write(`wrote ${output}: ${events.count} ${what}\n`);
    });

  events
    .command('sort')
    .description(
      'write an event file with its events in step order (stable: same-step events keep their order)',
    )
    .argument('<in>', 'input file')
    .argument('<out>', 'output file (.csv, .sfev or .npy)')
    .option('--step-us <us>', 'AEDAT: microseconds per step', '1000')
    .action((input: string, output: string, o: { stepUs?: string }) => {
      const rec = readEvents(input, { stepUs: optionalPositive('--step-us', o.stepUs), unsorted: true });
      const events = rec.kind === 'input' ? rec.events : rec.spikes;
      let moved = 0;
      for (let i = 1; i < events.count; i++) if (events.t[i] < events.t[i - 1]) moved++;
      writeEvents(output, sortByStep(events));
      const what = rec.kind === 'input' ? 'input events' : 'spikes';
      io.stdout.write(
        `wrote ${output}: ${events.count} ${what}${moved === 0 ? ', already in step order' : `, ${moved} of them went back in time`}\n`,
      );
    });

  events
    .command('info')
    .description('summarize an event file: format, events, steps, extent, spikes per layer')
    .argument('<file>')
    .option('--step-us <us>', 'AEDAT: microseconds per step', '1000')
    .option('--json', 'print JSON')
    .option(
      '--network <image|network>',
      'also check the events against the input map of this network or image',
    )
    .action(async (file: string, o: { stepUs?: string; json?: boolean; network?: string }) => {
      const rec = readEvents(file, { stepUs: optionalPositive('--step-us', o.stepUs) });
      const summary = summarizeEvents(rec);
      // Input events beyond the network's input map are dropped by the chip: flag them here.
      let input: { shape: number[]; outside: OutOfMap } | undefined;
      if (o.network && rec.kind === 'input') {
        // Loaded only here: the compiler and emulator are heavy for the other events commands.
        const [{ loadConfig }, { inputOutOfMap }] = await Promise.all([
          import('../../compiler/index.ts'),
          import('../../emulator/index.ts'),
        ]);
        const { config } = await loadConfig(o.network);
        input = { shape: config.input.shape, outside: inputOutOfMap(rec.events, config.input) };
      }
      if (o.json) {
        io.stdout.write(`${JSON.stringify({ file, ...summary, ...(input ? { input } : {}) }, null, 2)}\n`);
        return;
      }
      io.stdout.write(`${formatEventSummary(file, summary)}\n`);
      if (input && input.outside.count > 0) {
        const shape = input.shape.join('x');
        io.stdout.write(`  beyond the ${shape} input map of ${o.network}: ${input.outside.count} events\n`);
        for (const r of input.outside.reasons) io.stdout.write(`    - ${r}\n`);
      } else if (input) {
        io.stdout.write(`  within the ${input.shape.join('x')} input map of ${o.network}\n`);
      }
    });
}

import type { Command } from 'commander';
import { SpikeforgeError } from '../../errors.ts';
import { formatEventSummary, summarizeEvents } from '../../events/info.ts';
import { readEvents, writeEvents } from '../../events/io.ts';

export function parseShape(text: string | undefined): [number, number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(/[,x]/).map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new SpikeforgeError('USAGE', `--shape "${text}" is not C,H,W`, { hint: 'e.g. --shape 2,34,34' });
  }
  return parts as [number, number, number];
}

export function parsePositive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new SpikeforgeError('USAGE', `${name} "${text}" is not a positive number`);
  return n;
}

function parseLayout(text: string | undefined): 'dvs128' | 'davis' | undefined {
  if (text === undefined || text === 'dvs128' || text === 'davis') return text;
  throw new SpikeforgeError('USAGE', `--aedat-layout "${text}" is not dvs128 or davis`);
}

export function register(program: Command): void {
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
        stepUs: parsePositive('--step-us', o.stepUs),
        layout: parseLayout(o.aedatLayout),
      });
      writeEvents(output, rec.kind === 'input' ? rec.events : rec.spikes, {
        shape: parseShape(o.shape),
        steps: parsePositive('--steps', o.steps),
        layer: o.layer,
      });
      const n = rec.kind === 'input' ? rec.events.count : rec.spikes.count;
      process.stdout.write(`wrote ${output}: ${n} ${rec.kind === 'input' ? 'input events' : 'spikes'}\n`);
    });

  events
    .command('info')
    .description('summarize an event file: format, events, steps, extent, spikes per layer')
    .argument('<file>')
    .option('--step-us <us>', 'AEDAT: microseconds per step', '1000')
    .option('--json', 'print JSON')
    .action((file: string, o: { stepUs?: string; json?: boolean }) => {
      const summary = summarizeEvents(readEvents(file, { stepUs: parsePositive('--step-us', o.stepUs) }));
      process.stdout.write(
        o.json
          ? `${JSON.stringify({ file, ...summary }, null, 2)}\n`
          : `${formatEventSummary(file, summary)}\n`,
      );
    });
}

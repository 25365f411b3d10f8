import type { Command } from 'commander';
import { diffSpikes, diffSpikesWithin, formatSpikeDiff, formatWindowDiff } from '../../events/diff.ts';
import { readSpikes } from '../../events/io.ts';
import { optionalInteger, optionalPositive, parseInteger } from '../options.ts';
import { type CliIo, ExitCode } from '../output.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('diff')
    .description(
      'compare two spike recordings as multisets; exit 0 when identical, 1 when they differ, 2 on trouble (as diff(1))',
    )
    .argument('<a>', "spikes (e.g. the emulator's): .csv, .sfev")
    .argument('<b>', "spikes (e.g. the board's)")
    .option('--top <n>', 'neurons to list', '10')
    .option('--step-us <us>', 'AEDAT input: microseconds per step', '1000')
    .option('--json', 'print the whole comparison as JSON')
    .option(
      '--window <n>',
      'hardware mode: match spikes of the same neuron within +-n steps; exit 0 when every spike has a partner',
    )
    .action((a: string, b: string, o: DiffCliOptions) => {
      try {
        compare(a, b, o, io);
      } catch (e) {
        // 1 means "they differ": a script must be able to tell that from a file it could not read
        throw e instanceof ExitCode ? e : new ExitCode(2, e);
      }
    });
}

interface DiffCliOptions {
  top: string;
  stepUs: string;
  json?: boolean;
  window?: string;
}

function compare(a: string, b: string, o: DiffCliOptions, io: CliIo): void {
  const stepUs = optionalPositive('--step-us', o.stepUs);
  const top = parseInteger('--top', o.top, 1);
  const window = optionalInteger('--window', o.window, 0);
  const sa = readSpikes(a, { stepUs });
  const sb = readSpikes(b, { stepUs });
  if (window !== undefined) {
    const w = diffSpikesWithin(sa, sb, window, { top });
    io.stdout.write(
      o.json ? `${JSON.stringify({ a, b, ...w }, null, 2)}\n` : `${formatWindowDiff(w, { a, b })}\n`,
    );
    if (!w.matchedAll) throw new ExitCode(1);
    return;
  }
  const d = diffSpikes(sa, sb, { top });
  io.stdout.write(
    o.json ? `${JSON.stringify({ a, b, ...d }, null, 2)}\n` : `${formatSpikeDiff(d, { a, b })}\n`,
  );
  if (!d.identical) throw new ExitCode(1);
}

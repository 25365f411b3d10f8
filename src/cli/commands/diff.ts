import type { Command } from 'commander';
import { diffSpikes, formatSpikeDiff } from '../../events/diff.ts';
import { readSpikes } from '../../events/io.ts';
import { optionalPositive, parseInteger } from '../options.ts';
import { ExitCode } from '../output.ts';

export function register(program: Command): void {
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
    .action((a: string, b: string, o: { top: string; stepUs: string; json?: boolean }) => {
      try {
        compare(a, b, o);
      } catch (e) {
        // 1 means "they differ": a script must be able to tell that from a file it could not read
        throw e instanceof ExitCode ? e : new ExitCode(2, e);
      }
    });
}

function compare(a: string, b: string, o: { top: string; stepUs: string; json?: boolean }): void {
  const stepUs = optionalPositive('--step-us', o.stepUs);
  const d = diffSpikes(readSpikes(a, { stepUs }), readSpikes(b, { stepUs }), {
    top: parseInteger('--top', o.top, 1),
  });
  process.stdout.write(
    o.json ? `${JSON.stringify({ a, b, ...d }, null, 2)}\n` : `${formatSpikeDiff(d, { a, b })}\n`,
  );
  if (!d.identical) throw new ExitCode(1);
}

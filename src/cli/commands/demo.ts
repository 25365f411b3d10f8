import { relative } from 'node:path';
import type { Command } from 'commander';
import { formatFitReport } from '../../compiler/index.ts';
import type { DemoLink } from '../../workflows/demo.ts';
import { parseChoice } from '../options.ts';
import { type CliIo, ExitCode } from '../output.ts';

const LINKS: DemoLink[] = ['pty', 'tcp', 'in-process'];

export function register(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      'the tour: compile the shipped orientation network, flash a simulated board, run moving bars, check, plot',
    )
    .option(
      '--link <kind>',
      'board link: pty, tcp or in-process (default: the first that works, in that order)',
    )
    .option('--quiet', 'no progress bar')
    .action(async (o: { link?: string; quiet?: boolean }) => {
      const link = o.link === undefined ? undefined : parseChoice('--link', o.link, LINKS);
      const say = (line: string): void => {
        io.stdout.write(`${line}\n`);
      };
      const bar = o.quiet
        ? undefined
        : new (await import('cli-progress')).SingleBar({
            format: 'flash [{bar}] {percentage}% | {value}/{total} bytes',
            stream: io.stderr,
            noTTYOutput: true,
            notTTYSchedule: 200,
            hideCursor: true,
          });
      say('spikeforge demo: an orientation-selective network on a simulated dynapcnn9 board\n');
      // the demo, the simulated boards and the progress bar load with this command only
      const { runDemo, formatDemoSummary } = await import('../../workflows/demo.ts');
      const { simBoards } = await import('../../../firmware-sim/demo-boards.ts');
      const result = await runDemo({
        boards: simBoards,
        links: link ? [link] : undefined,
        log: say,
        onFlashStart: (total) => bar?.start(total, 0),
        onFlashProgress: (bytes) => bar?.update(bytes),
        onFlashEnd: () => bar?.stop(),
        onCompiled: (report) => {
          say(formatFitReport(report));
          say('');
        },
      });
      say('');
      say(formatDemoSummary(result, (p) => relative(process.cwd(), p) || p));
      if (!result.diff.identical || result.segments.some((s) => !s.ok)) throw new ExitCode(1);
    });
}

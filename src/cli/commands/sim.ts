import type { Command } from 'commander';
import { startSim } from '../../../firmware-sim/sim.ts';
import { optionalInteger } from '../options.ts';

export function register(program: Command): void {
  program
    .command('sim')
    .description('run the simulated dev board on a pseudo-terminal or TCP; prints the device URI first')
    .option('--pty', 'serve on a new pseudo-terminal pair (a real serial device node)')
    .option('--tcp <port>', 'serve on this TCP port (0: any free port)')
    .option('--host <address>', 'TCP address to listen on', '127.0.0.1')
    .option(
      '--fault <spec>',
      'inject faults: drop=P,corrupt=P,dup=P,disconnect-after=BYTES,reset-during-flash,seed=N',
    )
    .option('--realtime', "pace steps at the chip's step duration (default: as fast as possible)")
    .option('--verbose', 'log every frame to stderr')
    .action(
      async (opts: {
        pty?: boolean;
        tcp?: string;
        host: string;
        fault?: string;
        realtime?: boolean;
        verbose?: boolean;
      }) => {
        const tcp = optionalInteger('--tcp', opts.tcp, 0, 65535);
        const sim = await startSim({
          pty: opts.pty,
          tcp,
          host: opts.host,
          faults: opts.fault,
          realtime: opts.realtime,
          verbose: opts.verbose,
        });
        process.stdout.write(`${sim.uri}\n`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            sim.close().then(resolve, resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
}

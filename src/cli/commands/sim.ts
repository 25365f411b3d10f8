import type { Command } from 'commander';
import type { startSim } from '../../../firmware-sim/sim.ts';
import { optionalInteger } from '../options.ts';
import type { CliIo } from '../output.ts';

export function register(program: Command, io: CliIo): void {
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
        // Signal handlers go in before the URI is printed: whoever reads it may stop us at once.
        let sim: Awaited<ReturnType<typeof startSim>> | undefined;
        let stopRequested = false;
        let stopped: () => void = () => {};
        const done = new Promise<void>((resolve) => {
          stopped = resolve;
        });
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          stopRequested = true;
          if (sim) sim.close().then(stopped, stopped);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        // the simulated board loads with this command only
        const { startSim } = await import('../../../firmware-sim/sim.ts');
        sim = await startSim({
          pty: opts.pty,
          tcp,
          host: opts.host,
          faults: opts.fault,
          realtime: opts.realtime,
          verbose: opts.verbose,
        });
        if (stopRequested) {
          await sim.close();
          return;
        }
        io.stdout.write(`${sim.uri}\n`);
        await done;
      },
    );
}

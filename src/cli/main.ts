/** The `spikeforge` command line: one file per command under ./commands, each thin over the library. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerSimLink } from '../../firmware-sim/link.ts';
import { commands } from './commands/index.ts';
import { printError } from './output.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// `--device sim` is the in-process simulated board: the CLI is what plugs it into the link registry.
registerSimLink();

export function buildProgram(): Command {
  const program = new Command('spikeforge')
    .description(
      'Compile spiking CNNs (NIR or JSON) for neuromorphic chips, flash, run, emulate and debug them',
    )
    .version(pkg.version)
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (err?.code === 'commander.helpDisplayed' || err?.code === 'commander.version') return 0;
    if (typeof err?.code === 'string' && err.code.startsWith('commander.')) return err.exitCode ?? 1;
    return printError(e, argv.includes('--debug'));
  }
}

process.exitCode = await main(process.argv);

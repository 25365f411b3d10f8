/**
 * The `spikeforge` command line: one file per command under ./commands, each thin over the library.
 * `main(argv, io)` runs one command line in this process and resolves to its exit code; bin/spikeforge.js
 * (with the process's streams) is the only place that ends the process, the tests pass buffers.
 */
import { Command } from 'commander';
import { registerSimLink } from '../../firmware-sim/link.ts';
import { registerSamnaLink } from '../device/samna/link.ts';
import { packageVersion } from '../util/package.ts';
import { commands } from './commands/index.ts';
import { handleInterrupts } from './interrupt.ts';
import { type CliIo, printError, usageExitCode } from './output.ts';

export type { CliIo } from './output.ts';

// `--device sim` is the in-process simulated board: the CLI is what plugs it into the link registry.
registerSimLink();
// Speck dev kits through samna (the library registers it too, when the device client loads; `devices`
// does not load the client). Nothing starts until a samna: URI is opened or devices are listed.
registerSamnaLink();

/**
 * The commands an argument list needs: the one it names (`spikeforge diff ...`), none for `--version`,
 * and all of them for the full help or a word that is no command (commander then suggests one).
 */
function commandsFor(args: readonly string[]): typeof commands {
  const word = args.find((a) => !a.startsWith('-'));
  const named = commands.find((c) => c.name === word);
  if (named) return [named];
  if (word === undefined && args.some((a) => a === '-V' || a === '--version')) return [];
  return commands;
}

/** The program with the commands `args` (the arguments after node and the script) need; all by default. */
export async function buildProgram(io: CliIo, args?: readonly string[]): Promise<Command> {
  const program = new Command('spikeforge')
    .description(
      'Compile spiking CNNs (NIR or JSON) for neuromorphic chips, flash, run, emulate and debug them',
    )
    .version(packageVersion())
    .option('--debug', 'print stack traces of errors')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError()
    .exitOverride();
  const modules = await Promise.all((args ? commandsFor(args) : commands).map((c) => c.load()));
  for (const m of modules) m.register(program, io);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs `argv` (as process.argv: node, script, arguments...) and resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  // The process's own streams: this is the process's command, its signals are ours to handle.
  const unhandle = io.stderr === process.stderr ? handleInterrupts(io.stderr) : undefined;
  try {
    const program = await buildProgram(io, argv.slice(2));
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (err?.code === 'commander.helpDisplayed' || err?.code === 'commander.version') return 0;
    if (typeof err?.code === 'string' && err.code.startsWith('commander.'))
      return usageExitCode(argv, err.exitCode);
    return printError(e, argv.includes('--debug'), io.stderr);
  } finally {
    unhandle?.();
  }
}

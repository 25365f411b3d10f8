import type { Command } from 'commander';
import type { CliIo } from '../output.ts';

/** A command file: it adds its command (flags, description, action) to the program. */
export interface CommandModule {
  register(program: Command, io: CliIo): void;
}

/**
 * Every command by name, in the order of `--help`. A command file is imported only when its command
 * runs (or for the full help): each imports the library it needs (NIR reader, compiler, device client,
 * simulated board), so a command pays for its own imports and no other's.
 */
export const commands: readonly { name: string; load: () => Promise<CommandModule> }[] = [
  { name: 'inspect', load: () => import('./inspect.ts') },
  { name: 'schema', load: () => import('./schema.ts') },
  { name: 'convert', load: () => import('./convert.ts') },
  { name: 'compile', load: () => import('./compile.ts') },
  { name: 'export', load: () => import('./export.ts') },
  { name: 'run', load: () => import('./run.ts') },
  { name: 'flash', load: () => import('./flash.ts') },
  { name: 'devices', load: () => import('./devices.ts') },
  { name: 'sim', load: () => import('./sim.ts') },
  { name: 'events', load: () => import('./events.ts') },
  { name: 'diff', load: () => import('./diff.ts') },
  { name: 'plot', load: () => import('./plot.ts') },
  { name: 'compare', load: () => import('./compare.ts') },
  { name: 'demo', load: () => import('./demo.ts') },
];

import type { Command } from 'commander';
import { SpikeforgeError } from '../../errors.ts';

// Placeholder: replaced by the issue that delivers this command.
export function register(program: Command): void {
  program
    .command('compare')
    .description('(not yet available)')
    .action(() => {
      throw new SpikeforgeError('USAGE', '"compare" is not available yet');
    });
}

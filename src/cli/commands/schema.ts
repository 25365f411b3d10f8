import type { Command } from 'commander';
import { networkJsonSchema } from '../../network/index.ts';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema (draft 2020-12) of the JSON network format')
    .action(() => {
      process.stdout.write(`${JSON.stringify(networkJsonSchema(), null, 2)}\n`);
    });
}

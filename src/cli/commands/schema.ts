import type { Command } from 'commander';
import { fitReportJsonSchema } from '../../compiler/index.ts';
import { networkJsonSchema } from '../../network/index.ts';
import type { CliIo } from '../output.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description(
      'print the JSON Schema (draft 2020-12) of the JSON network format, or with --report of the fit report',
    )
    .option('--report', 'the fit report (`compile --json`, `--report file.json`) instead of the network')
    .action((opts: { report?: boolean }) => {
      const schema = opts.report ? fitReportJsonSchema() : networkJsonSchema();
      io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });
}

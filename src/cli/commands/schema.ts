import type { Command } from 'commander';
import { fitReportJsonSchema } from '../../compiler/index.ts';
import { networkJsonSchema } from '../../network/index.ts';

export function register(program: Command): void {
  program
    .command('schema')
    .description(
      'print the JSON Schema (draft 2020-12) of the JSON network format, or with --report of the fit report',
    )
    .option('--report', 'the fit report (`compile --json`, `--report file.json`) instead of the network')
    .action((opts: { report?: boolean }) => {
      const schema = opts.report ? fitReportJsonSchema() : networkJsonSchema();
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });
}

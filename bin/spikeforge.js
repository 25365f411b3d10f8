#!/usr/bin/env node
// The command line, compiled: dist/ is built by `npm install` (prepare) or `npm run build` after editing
// src/. The only place that ends the process: main() resolves to the exit code.
let cli;
try {
  cli = await import('../dist/src/cli/main.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist')) throw e;
  process.stderr.write(
    'error: spikeforge is not built (dist/ is missing)\nhint: run `npm install` (or `npm run build`) in the package directory\n',
  );
  process.exit(2);
}
process.exitCode = await cli.main(process.argv, { stdout: process.stdout, stderr: process.stderr });

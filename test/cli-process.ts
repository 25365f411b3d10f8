// What bin/spikeforge.js does, on the TypeScript sources (run with `node --import tsx`): the command line
// as a real process for the tests that need one (test/helpers.ts cliProcess).
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv, { stdout: process.stdout, stderr: process.stderr });

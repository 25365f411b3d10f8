/**
 * Ctrl-C / SIGTERM during a command: temporary files of unfinished outputs are removed, progress bars
 * stopped (cursor and line wrap restored), "interrupted" printed, exit 130 (128 + SIGINT, as shells do).
 */
import { abortPendingFiles } from '../util/atomic.ts';
import type { CliOutput } from './output.ts';
import { stopAllBars } from './progress.ts';

/** The exit code of an interrupted command. */
export const INTERRUPTED_EXIT = 130;

/** Installs the handlers for the process's signals; returns their removal. */
export function handleInterrupts(stderr: CliOutput): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    // A command that handles the signal itself (`sim` closes its board and exits 0) ends as it sees fit.
    if (process.listenerCount(signal) > 0) return;
    abortPendingFiles();
    stopAllBars();
    // Show the cursor and turn line wrap on again, whatever was drawing.
    if (stderr.isTTY) stderr.write('\x1b[?25h\x1b[?7h');
    stderr.write('\ninterrupted\n');
    process.exit(INTERRUPTED_EXIT);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/**
 * Progress bars of long work (emulator and board runs, flashing): on a terminal only, never with
 * --quiet, with an ETA. An interrupted command stops them (restoring the cursor and line wrap).
 */
import { SingleBar } from 'cli-progress';
import type { CliOutput } from './output.ts';

export interface Progress {
  update(value: number): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };
const active = new Set<SingleBar>();

/** A bar counting to `total` `unit`s on `stream`, or one that does nothing when it is no terminal. */
export function progressBar(
  stream: CliOutput,
  options: { label: string; total: number; unit: string; quiet?: boolean },
): Progress {
  if (options.quiet || !stream.isTTY || !(options.total > 0)) return silent;
  const bar = new SingleBar({
    format: `${options.label} [{bar}] {percentage}% | {value}/{total} ${options.unit} | ETA {eta_formatted}`,
    stream,
    hideCursor: true,
    // Redraw on every update that is 2 ms after the last: a fast flash shows its steps, not 0% then 100%.
    fps: 500,
    etaBuffer: 50,
  });
  bar.start(options.total, 0);
  active.add(bar);
  let stopped = false;
  return {
    update: (value) => bar.update(Math.min(value, options.total)),
    stop: () => {
      if (stopped) return;
      stopped = true;
      active.delete(bar);
      bar.stop();
    },
  };
}

/** Stops every bar still drawing (on a signal): the terminal gets its cursor and line wrap back. */
export function stopAllBars(): void {
  for (const bar of active) bar.stop();
  active.clear();
}

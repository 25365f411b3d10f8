/** Builders and checks shared by the tests: events from rows, spikes as sorted rows, expected errors, the CLI. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { main } from '../src/cli/main.ts';
import { SpikeforgeError } from '../src/errors.ts';
import { type InputEvents, makeInputEvents, makeSpikes, type Spikes } from '../src/events/types.ts';
import { repoRoot } from './fixtures.ts';

/** Input events from [t, c, y, x] rows. */
export function inputOf(rows: readonly (readonly number[])[]): InputEvents {
  const ev = makeInputEvents(rows.length);
  rows.forEach(([t, c, y, x], i) => {
    ev.t[i] = t;
    ev.c[i] = c;
    ev.y[i] = y;
    ev.x[i] = x;
  });
  ev.count = rows.length;
  return ev;
}

/** Spikes from [t, layer index, c, y, x] rows. */
export function spikesOf(layers: string[], rows: readonly (readonly number[])[]): Spikes {
  const sp = makeSpikes(layers, rows.length);
  rows.forEach(([t, l, c, y, x], i) => {
    sp.t[i] = t;
    sp.layer[i] = l;
    sp.c[i] = c;
    sp.y[i] = y;
    sp.x[i] = x;
  });
  sp.count = rows.length;
  return sp;
}

/**
 * Events as sorted "t,c,y,x" / "t,layer,c,y,x" strings (of one batch or of several): compared as
 * multisets, layers by name. The one way tests turn events or spikes into rows.
 */
export function rowsOf(batches: InputEvents | Spikes | readonly (InputEvents | Spikes)[]): string[] {
  const out: string[] = [];
  for (const e of Array.isArray(batches) ? batches : [batches]) {
    for (let i = 0; i < e.count; i++) {
      const layer = 'layers' in e ? `${e.layers[e.layer[i]]},` : '';
      out.push(`${e.t[i]},${layer}${e.c[i]},${e.y[i]},${e.x[i]}`);
    }
  }
  return out.sort();
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** The error `f` throws, which must be an instance of `type` (any other error is rethrown). */
export function errorOf<E extends Error = SpikeforgeError>(
  f: () => unknown,
  type: ErrorClass<E> = SpikeforgeError as unknown as ErrorClass<E>,
): E {
  try {
    f();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected a ${type.name}`);
}

/** The SpikeforgeError `p` rejects with (any other error is rethrown). */
export async function rejectionOf(p: Promise<unknown>): Promise<SpikeforgeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SpikeforgeError) return e;
    throw e;
  }
  throw new Error('expected a SpikeforgeError');
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it (not a TTY, as a pipe). */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Runs the command line in this process, as `spikeforge args...` in `cwd` would: main() with buffers for
 * stdout and stderr. Calls run one at a time (each changes the working directory while it runs).
 */
export async function cli(args: string[], cwd = repoRoot): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(['node', 'spikeforge', ...args], { stdout, stderr });
    return { code, stdout: stdout.text, stderr: stderr.text };
  } finally {
    process.chdir(previous);
  }
}

/**
 * Runs the command line as a separate process (the sources through tsx, so never a stale dist/): for
 * what only a process shows (streams, exit status, signals). The packed bin is tested in package.test.ts.
 */
export function cliProcess(args: string[], cwd = repoRoot): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI_PROCESS, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The entry cliProcess runs: what bin/spikeforge.js does, on the sources. */
export const CLI_PROCESS = join(repoRoot, 'test', 'cli-process.ts');

/** Exit 1 and one `error: ` line matching `message`, with no stack trace. */
export function expectCleanError(r: CliResult, message: RegExp, code = 1): void {
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('HDF5-DIAG');
}

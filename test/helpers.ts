/** Builders and checks shared by the tests: events from rows, spikes as sorted rows, expected errors, the CLI. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
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

/** Runs `bin/spikeforge.js` as a user would. */
export function cli(args: string[], cwd = repoRoot): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'spikeforge.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 1 and one `error: ` line matching `message`, with no stack trace. */
export function expectCleanError(r: CliResult, message: RegExp, code = 1): void {
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('HDF5-DIAG');
}

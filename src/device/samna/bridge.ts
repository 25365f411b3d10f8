/**
 * The samna bridge process (bridges/samna/spikeforge_samna.py): started with `python3` or
 * $SPIKEFORGE_PYTHON, spoken to in JSON lines (protocol/SAMNA.md "The bridge"). Every failure is one
 * SpikeforgeError line saying what to do: no python, no samna, samna too old, no board, board busy,
 * configuration refused, bridge crashed (with the last line it wrote to stderr).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type ErrorCode, SpikeforgeError } from '../../errors.ts';
import { packagePath } from '../../util/package.ts';

/** The bridge script shipped with the package (bridges/ sits beside package.json). */
export function bridgeScript(): string {
  const script = packagePath('bridges', 'samna', 'spikeforge_samna.py');
  if (!existsSync(script)) {
    throw new SpikeforgeError('INTERNAL', `the samna bridge ${script} is missing from this installation`, {
      hint: 'reinstall spikeforge',
    });
  }
  return script;
}

/** The Python that runs the bridge. */
export function bridgePython(): string {
  return process.env.SPIKEFORGE_PYTHON?.trim() || 'python3';
}

/** Bridge failure codes -> spikeforge error code and what to do. */
const FAILURES: Record<string, { code: ErrorCode; hint?: string }> = {
  NO_SAMNA: {
    code: 'DEVICE_NOT_FOUND',
    hint: "SPIKEFORGE_PYTHON picks another python; on Linux also install SynSense's udev rules",
  },
  SAMNA_TOO_OLD: { code: 'DEVICE_ERROR', hint: 'pip install -U samna' },
  PYTHON: { code: 'DEVICE_ERROR', hint: 'set SPIKEFORGE_PYTHON to a Python >= 3.8 that has samna' },
  NO_DEVICE: { code: 'DEVICE_NOT_FOUND', hint: '`spikeforge devices` lists the samna boards it sees' },
  BUSY: { code: 'DEVICE_BUSY' },
  REFUSED: {
    code: 'DEVICE_ERROR',
    hint: "`spikeforge export <network> --to samna -o speck.json` writes what was sent; compare with samna's message",
  },
  READBACK: { code: 'IMAGE_CRC', hint: 'flash again; if it repeats, the board or samna is faulty' },
  SAMNA: { code: 'DEVICE_ERROR' },
  USAGE: { code: 'USAGE' },
};

interface Pending {
  resolve: (v: Record<string, unknown>) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class SamnaBridge {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail: string[] = [];
  private exited: Error | undefined;

  private constructor(
    private readonly uri: string,
    child: ChildProcess,
  ) {
    this.child = child;
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (line.trim() === '') return;
      this.stderrTail.push(line.trim());
      if (this.stderrTail.length > 20) this.stderrTail.shift();
    });
    child.on('error', (e: NodeJS.ErrnoException) => this.fail(this.spawnError(e)));
    child.on('exit', (code, signal) => {
      // Let the last stderr lines arrive before naming the cause.
      setImmediate(() => this.fail(this.crashError(code, signal)));
    });
    child.stdin!.on('error', () => {});
    this.idle();
  }

  /** Starts the bridge; nothing is imported on the Python side until the first request. */
  static start(uri: string): SamnaBridge {
    const child = spawn(bridgePython(), ['-u', bridgeScript()], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: process.env,
    });
    return new SamnaBridge(uri, child);
  }

  private spawnError(e: NodeJS.ErrnoException): SpikeforgeError {
    const python = bridgePython();
    if (e.code === 'ENOENT') {
      return new SpikeforgeError('DEVICE_NOT_FOUND', `${this.uri}: cannot start ${python}: not found`, {
        hint: 'install Python >= 3.8 and samna (pip install samna), or set SPIKEFORGE_PYTHON to a python that has samna',
      });
    }
    return new SpikeforgeError('DEVICE_ERROR', `${this.uri}: cannot start ${python}: ${e.message}`);
  }

  private crashError(code: number | null, signal: NodeJS.Signals | null): SpikeforgeError {
    const last = this.stderrTail.at(-1);
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    return new SpikeforgeError(
      'DISCONNECTED',
      `${this.uri}: the samna bridge ${how}${last ? `: ${last}` : ''}`,
      { hint: 'run it by hand to see more: python3 bridges/samna/spikeforge_samna.py' },
    );
  }

  private fail(e: Error): void {
    this.exited ??= e;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(this.exited);
    }
    this.pending.clear();
  }

  /** While nothing is asked, the bridge does not keep node running. */
  private idle(): void {
    const busy = this.pending.size > 0;
    for (const h of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as const) {
      const handle = h as unknown as { ref?: () => void; unref?: () => void } | null;
      if (busy) handle?.ref?.();
      else handle?.unref?.();
    }
  }

  private onLine(line: string): void {
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.stderrTail.push(`(stdout) ${line.slice(0, 200)}`);
      return;
    }
    const id = answer.id as number;
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    this.idle();
    if (answer.ok === true) {
      p.resolve(answer);
      return;
    }
    const failure = FAILURES[String(answer.code)] ?? FAILURES.SAMNA;
    p.reject(
      new SpikeforgeError(failure.code, `${this.uri}: ${String(answer.error)}`, { hint: failure.hint }),
    );
  }

  /** One request; the answer's fields (ok and id removed from view by the caller's type). */
  request<T extends Record<string, unknown>>(
    op: string,
    body: Record<string, unknown> = {},
    timeoutMs = 60_000,
  ): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.idle();
        reject(
          new SpikeforgeError(
            'TIMEOUT',
            `${this.uri}: the samna bridge did not answer "${op}" within ${timeoutMs / 1000} s`,
            {
              hint: 'check the board connection; unplug and replug it if samna hangs',
            },
          ),
        );
        this.child.kill();
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: Record<string, unknown>) => void, reject, timer });
      this.idle();
      this.child.stdin!.write(`${JSON.stringify({ id, op, ...body })}\n`);
    });
  }

  /** Ends the bridge (after `close`, which frees the board in samna). */
  async close(): Promise<void> {
    if (!this.exited) await this.request('close', {}, 5000).catch(() => {});
    this.child.stdin?.end();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.child.kill();
          resolve();
        }, 2000);
        this.child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

/**
 * Serial links (`serial:/dev/ttyACM0?baud=921600`) over serialport 13, with optional software pacing:
 * a pseudo-terminal or a USB CDC port ignores the baud rate, so timing-sensitive runs pace the bytes to
 * the line rate themselves. Also `createPty()`: a pseudo-terminal pair (socat) for the simulated board.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SerialPort } from 'serialport';
import { SpikeforgeError } from '../errors.ts';
import { BaseTransport } from './base.ts';

export const DEFAULT_BAUD_RATE = 921_600;
/** 8N1: a start bit, 8 data bits, a stop bit. */
const BITS_PER_BYTE = 10;
/** Pacing granularity: the bytes of about this many milliseconds go out in one write. */
const PACE_SLICE_MS = 4;

export interface SerialOptions {
  path: string;
  baudRate?: number;
  /** Pace writes to the line rate (baudRate / 10 bytes per second) in software. */
  pace?: boolean;
}

export function serialUri(options: SerialOptions): string {
  const baud = options.baudRate ?? DEFAULT_BAUD_RATE;
  return `serial:${options.path}?baud=${baud}${options.pace ? '&pace=1' : ''}`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SerialTransport extends BaseTransport {
  readonly uri: string;
  /** When the line will have sent everything written so far (pacing), in performance.now() ms. */
  private lineFreeAt = 0;
  private readonly bytesPerMs: number;
  private writeQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly port: SerialPort,
    private readonly options: SerialOptions,
  ) {
    super();
    this.uri = serialUri(options);
    this.bytesPerMs = (options.baudRate ?? DEFAULT_BAUD_RATE) / BITS_PER_BYTE / 1000;
    port.on('data', (chunk: Buffer) => this.received(chunk));
    let lastError: Error | undefined;
    port.on('error', (e: Error) => {
      lastError = e;
    });
    port.on('close', (e?: Error & { disconnected?: boolean }) => {
      const cause = e ?? lastError;
      // Closed by close() (isOpen already false): no error; otherwise the port went away.
      this.ended(
        !super.isOpen
          ? undefined
          : new SpikeforgeError(
              'DISCONNECTED',
              `${this.uri}: the port closed (${cause?.message ?? 'unplugged?'})`,
              {
                hint: 'check the cable and that the board is powered',
                cause,
              },
            ),
      );
    });
  }

  override get isOpen(): boolean {
    return super.isOpen && this.port.isOpen;
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.isOpen)
      return Promise.reject(new SpikeforgeError('DISCONNECTED', `${this.uri}: the port is closed`));
    // Writes are serialised so paced slices of two writes never interleave.
    const next = this.writeQueue.then(() =>
      this.options.pace ? this.writePaced(data) : this.writeRaw(data),
    );
    this.writeQueue = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    if (!this.port.isOpen || !this.beginClose()) return;
    await this.writeQueue;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private writeRaw(data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (e) => {
        if (e)
          reject(new SpikeforgeError('TRANSPORT', `${this.uri}: write failed: ${e.message}`, { cause: e }));
        else resolve();
      });
    });
  }

  /** Slices of PACE_SLICE_MS worth of bytes, each sent when the line would have sent the previous one. */
  private async writePaced(data: Uint8Array): Promise<void> {
    const slice = Math.max(16, Math.round(this.bytesPerMs * PACE_SLICE_MS));
    for (let at = 0; at < data.length; at += slice) {
      const part = data.subarray(at, Math.min(data.length, at + slice));
      const now = performance.now();
      // A line idle for longer than a slice starts from now. A timer that woke up late (a busy
      // machine) does not: the UART's transmit buffer still held the previous slice, so the schedule
      // is kept and the average stays at the line rate instead of drifting below it.
      if (this.lineFreeAt < now - PACE_SLICE_MS) this.lineFreeAt = now;
      const wait = this.lineFreeAt - now;
      if (wait >= 1) await sleep(wait);
      this.lineFreeAt += part.length / this.bytesPerMs;
      await this.writeRaw(part);
    }
  }
}

/** Opens a serial port. Errors name the port and say what to check. */
export async function openSerial(options: SerialOptions): Promise<SerialTransport> {
  const baudRate = options.baudRate ?? DEFAULT_BAUD_RATE;
  // serialport (a native addon) loads when a port is opened, not with this module.
  const { SerialPort } = await import('serialport');
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path: options.path, baudRate, autoOpen: false });
    port.open((e) => {
      if (!e) {
        resolve(new SerialTransport(port, { ...options, baudRate }));
        return;
      }
      const busy = /lock|busy/i.test(e.message);
      // An ioctl the file refuses: it exists but is no serial port (/dev/null, a plain file, a folder).
      const notSerial = /ioctl|not a typewriter|ENOTTY|EINVAL/i.test(e.message);
      if (notSerial) {
        reject(
          new SpikeforgeError(
            'DEVICE_NOT_FOUND',
            `${serialUri(options)}: ${options.path} is not a serial port`,
            {
              hint: 'run `spikeforge devices` to list the serial ports and boards (e.g. /dev/ttyACM0)',
              cause: e,
            },
          ),
        );
        return;
      }
      reject(
        new SpikeforgeError(
          busy ? 'DEVICE_BUSY' : 'DEVICE_NOT_FOUND',
          `${serialUri(options)}: cannot open ${options.path} (${e.message})`,
          {
            hint: busy
              ? 'another program holds the port: close it (screen, minicom, another spikeforge)'
              : 'run `spikeforge devices` to list the ports; on Linux your user may need the dialout group',
            cause: e,
          },
        ),
      );
    });
  });
}

export interface PtyPair {
  /** The end the simulated board opens. */
  boardPath: string;
  /** The end the host opens (`serial:<hostPath>`). */
  hostPath: string;
  close(): Promise<void>;
}

/**
 * A linked pseudo-terminal pair (socat), so the simulated board and the host talk over a real serial
 * device node. Throws a TRANSPORT error with a hint when socat is missing (then use tcp: or sim).
 */
export function createPty(options: { timeoutMs?: number; socat?: string } = {}): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'spikeforge-pty-'));
  const boardPath = join(dir, 'board');
  const hostPath = join(dir, 'host');
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    const fail = (message: string, hint: string, cause?: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      reject(
        new SpikeforgeError('TRANSPORT', `cannot create a pseudo-terminal pair: ${message}`, { hint, cause }),
      );
    };
    try {
      child = spawn(
        options.socat ?? 'socat',
        ['-d', '-d', `pty,raw,echo=0,link=${boardPath}`, `pty,raw,echo=0,link=${hostPath}`],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (e) {
      fail(String(e), 'install socat (apt-get install socat), or use a tcp: URI / sim', e);
      return;
    }
    let stderr = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill();
      fail(
        `socat did not start within ${timeoutMs} ms: ${stderr.trim()}`,
        'check that socat works: socat -V',
      );
    }, timeoutMs);
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(
        e.code === 'ENOENT' ? 'socat is not installed' : e.message,
        'install socat (apt-get install socat), or use a tcp: URI / sim',
        e,
      );
    });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stderr?.on('data', (d: Buffer) => {
      if (ready) return;
      stderr += d.toString();
      if (stderr.includes('starting data transfer loop')) {
        ready = true;
        clearTimeout(timer);
        resolve({
          boardPath,
          hostPath,
          close: async () => {
            if (child.exitCode === null && child.signalCode === null) {
              child.kill();
              await exited;
            }
            rmSync(dir, { recursive: true, force: true });
          },
        });
      }
    });
    child.once('exit', (code) => {
      if (ready) return;
      clearTimeout(timer);
      fail(`socat exited with code ${code}: ${stderr.trim()}`, 'check that socat works: socat -V');
    });
  });
}

/**
 * `openDevice(uri)`: the transport for a device URI, exclusive access (an advisory lock file for serial
 * ports, the board's own one-session rule for everything), then the session handshake.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Board } from '../../firmware-sim/board.ts';
import { parseSimFaults } from '../../firmware-sim/sim.ts';
import { SpikeforgeError } from '../errors.ts';
import { createMemoryPair, withFaults } from '../transport/memory.ts';
import type { Transport } from '../transport/types.ts';
import type { DeviceUri } from '../transport/uri.ts';
import { openTransport, parseDeviceUri } from '../transport/uri.ts';
import type { DeviceOptions } from './device.ts';
import { Device, FAST_LINK_FRAME_SIZE } from './device.ts';

export interface OpenDeviceOptions extends DeviceOptions {
  /** Directory of serial lock files (default: $TMPDIR/spikeforge-locks). */
  lockDir?: string;
}

/** In-process simulated boards by name (`sim` is `sim?name=default`), created on first use. */
const simBoards = new Map<string, Board>();

/**
 * The in-process simulated board behind `sim` / `sim?name=<name>` (created on first use, with
 * `realtime=1` and `reset-during-flash` in `fault=` taken from the URI that created it).
 */
export function simBoard(
  name = 'default',
  options: { realtime?: boolean; resetDuringFlash?: boolean } = {},
): Board {
  let b = simBoards.get(name);
  if (!b) {
    b = new Board({ serialNumber: `SIM-${name}`, ...options });
    simBoards.set(name, b);
  }
  return b;
}

const SIM_OPTIONS = ['name', 'fault', 'realtime'];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the advisory lock of a serial port (one file per port, holding the owner's pid); a lock left by
 * a dead process is taken over. Returns the release function.
 */
export function lockSerialPort(
  path: string,
  uri: string,
  dir = join(tmpdir(), 'spikeforge-locks'),
): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${path.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && alive(pid)) {
        throw new SpikeforgeError(
          'DEVICE_BUSY',
          `${uri} is busy: process ${pid} has it open (lock ${file})`,
          {
            hint: 'close the other program (or spikeforge session) using this device first',
          },
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new SpikeforgeError('DEVICE_BUSY', `${uri} is busy: cannot take the lock ${file}`);
}

/** The same link under the URI the user gave (errors then name `sim`, not the memory pair). */
function named(t: Transport, uri: string): Transport {
  return {
    uri,
    get isOpen() {
      return t.isOpen;
    },
    write: (data) => t.write(data),
    onData: (l) => t.onData(l),
    onClose: (l) => t.onClose(l),
    close: () => t.close(),
  };
}

/**
 * The frame size to ask a board for on a link. TCP, USB and the in-process board are fast: 64 KiB.
 * A serial line at its real rate (`pace=1`) gets frames of about 100 ms of line time, so a corrupted
 * frame costs little to resend (921600 baud: 9216 bytes). An unpaced serial port (USB CDC-ACM, a
 * pseudo-terminal) moves bytes faster than its nominal baud rate: 16 KiB.
 */
export function frameSizeFor(d: DeviceUri): number {
  if (d.kind !== 'serial') return FAST_LINK_FRAME_SIZE;
  if (!d.pace) return 16384;
  return Math.min(16384, Math.max(1024, Math.floor(d.baudRate / 100)));
}

/** Opens the byte link of a URI (serial, usb, tcp through the transports; sim in process). */
async function openLink(
  d: DeviceUri,
  uri: string,
  options: OpenDeviceOptions,
): Promise<{ transport: Transport; release: () => void }> {
  if (d.kind === 'sim') {
    const unknown = Object.keys(d.options).filter((k) => !SIM_OPTIONS.includes(k));
    if (unknown.length > 0) {
      throw new SpikeforgeError('USAGE', `device URI "${uri}": unknown sim option "${unknown[0]}"`, {
        hint: 'sim takes name=<board>, realtime=1 and fault=drop=P,corrupt=P,dup=P,disconnect-after=N,reset-during-flash',
      });
    }
    const faults = parseSimFaults(d.options.fault ?? '');
    const board = simBoard(d.options.name ?? 'default', {
      realtime: d.options.realtime === '1' || d.options.realtime === 'true',
      resetDuringFlash: faults.resetDuringFlash,
    });
    const { host, board: end } = createMemoryPair();
    board.attach(Object.keys(faults.link).length > 0 ? withFaults(end, faults.link) : end);
    return { transport: named(host, d.uri), release: () => {} };
  }
  if (d.kind !== 'serial') return { transport: await openTransport(d), release: () => {} };
  const release = lockSerialPort(d.path, d.uri, options.lockDir);
  try {
    return { transport: await openTransport(d), release };
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * Opens a device: `serial:/dev/ttyACM0?baud=921600`, `usb:VID:PID[/serial]`, `tcp:127.0.0.1:7000`,
 * `sim` (an in-process simulated board; `sim?name=x` for several). The device is held exclusively until `close()`.
 */
export async function openDevice(uri: string, options: OpenDeviceOptions = {}): Promise<Device> {
  const d = parseDeviceUri(uri);
  const { transport, release } = await openLink(d, uri, options);
  return Device.connect(transport, { maxFrameSize: frameSizeFor(d), ...options }, release);
}

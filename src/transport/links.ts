/**
 * The registry of link openers, one per device URI scheme. `serial:`, `usb:` and `tcp:` are built in;
 * other links (the in-process simulated board `sim`, a samna bridge) register themselves, so the
 * device client opens any of them through one call and knows none of them by name.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpikeforgeError } from '../errors.ts';
import type { DeviceListing } from './discovery.ts';
import type { Transport } from './types.ts';
import { type DeviceUri, openTransport, parseDeviceUri } from './uri.ts';

/** What the host asks for unless told otherwise: large frames keep per-frame costs off fast links. */
export const FAST_LINK_FRAME_SIZE = 65536;

/** An open byte link to a board. */
export interface Link {
  transport: Transport;
  /** Frees what opening took (a lock file); called once the device is closed. */
  release?: () => void;
  /** The frame size to ask the board for on this link (default FAST_LINK_FRAME_SIZE). */
  maxFrameSize?: number;
}

/**
 * A board reached through a vendor library instead of the wire protocol (samna): the opener builds the
 * device object itself, implementing the device client's interface (`DeviceApi` in device/open.ts), and
 * `openDevice` returns it as is.
 */
export interface DeviceLink {
  device: { readonly uri: string; close(): Promise<void> };
}

export interface LinkOpenOptions {
  /** Directory of serial lock files (default: $TMPDIR/spikeforge-locks). */
  lockDir?: string;
  /** The caller holds this device's lock already (it reopens its own lost link): do not take it again. */
  lockHeld?: boolean;
}

export interface LinkOpener {
  /** The URI scheme, lower case, without the colon (`serial`, `sim`, ...). */
  scheme: string;
  /** Accepted URI forms with an example each, for usage hints and `--help`. */
  forms: string[];
  open(uri: string, options: LinkOpenOptions): Promise<Link | DeviceLink>;
  /** The boards of this kind present now, for `spikeforge devices`; notes say why a source gave none. */
  list?(): Promise<{ devices: DeviceListing[]; notes: string[] }>;
}

const openers = new Map<string, LinkOpener>();

/** Registers (or replaces) the opener of a scheme; returns the function that unregisters it. */
export function registerLink(opener: LinkOpener): () => void {
  const scheme = opener.scheme.toLowerCase();
  openers.set(scheme, opener);
  return () => {
    if (openers.get(scheme) === opener) openers.delete(scheme);
  };
}

/** The registered openers, built-in ones first. */
export function linkOpeners(): LinkOpener[] {
  return [...openers.values()];
}

/** Every accepted device URI form, one line each. */
export function deviceUriForms(): string[] {
  // Each form is "<uri form>  <what it is>": the descriptions are aligned in one column.
  const rows = linkOpeners()
    .flatMap((o) => o.forms)
    .map((f) => f.split(/\s{2,}/));
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([form, ...rest]) =>
    rest.length > 0 ? `${form.padEnd(width)}  ${rest.join('  ')}` : form,
  );
}

/** The scheme of a device URI: what precedes the first ':' or '?' (`sim?name=x` has scheme `sim`). */
export function uriScheme(uri: string): string {
  return /^[^:?]*/.exec(uri.trim())?.[0].toLowerCase() ?? '';
}

/** Opens the link a device URI names, through the opener registered for its scheme. */
export async function openLink(uri: string, options: LinkOpenOptions = {}): Promise<Link | DeviceLink> {
  const scheme = uriScheme(uri);
  const opener = openers.get(scheme);
  if (!opener) {
    const known = [...openers.keys()];
    throw new SpikeforgeError(
      'USAGE',
      `device URI "${uri}": ${uri.includes(':') || uri.includes('?') ? `unknown scheme "${scheme}"` : 'not a device URI'}`,
      { hint: `accepted forms (${known.join(', ')}):\n  ${deviceUriForms().join('\n  ')}` },
    );
  }
  return opener.open(uri.trim(), options);
}

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
          { hint: 'close the other program (or spikeforge session) using this device first' },
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new SpikeforgeError('DEVICE_BUSY', `${uri} is busy: cannot take the lock ${file}`);
}

/**
 * The frame size to ask a board for on a link. TCP and USB are fast: 64 KiB. A serial line at its real
 * rate (`pace=1`) gets frames of about 100 ms of line time, so a corrupted frame costs little to resend
 * (921600 baud: 9216 bytes). An unpaced serial port (USB CDC-ACM, a pseudo-terminal) moves bytes faster
 * than its nominal baud rate: 16 KiB.
 */
export function frameSizeFor(d: DeviceUri): number {
  if (d.kind !== 'serial') return FAST_LINK_FRAME_SIZE;
  if (!d.pace) return 16384;
  return Math.min(16384, Math.max(1024, Math.floor(d.baudRate / 100)));
}

async function openBuiltIn(uri: string, options: LinkOpenOptions): Promise<Link> {
  const d = parseDeviceUri(uri);
  const maxFrameSize = frameSizeFor(d);
  if (d.kind !== 'serial' || options.lockHeld) return { transport: await openTransport(d), maxFrameSize };
  const release = lockSerialPort(d.path, d.uri, options.lockDir);
  try {
    return { transport: await openTransport(d), release, maxFrameSize };
  } catch (e) {
    release();
    throw e;
  }
}

registerLink({
  scheme: 'serial',
  forms: ['serial:<path>[?baud=<rate>][&pace=1]   e.g. serial:/dev/ttyACM0?baud=921600'],
  open: openBuiltIn,
});
registerLink({
  scheme: 'usb',
  forms: ['usb:<VID>:<PID>[/<serial>]             e.g. usb:1209:5346 (hex)'],
  open: openBuiltIn,
});
registerLink({
  scheme: 'tcp',
  forms: ['tcp:<host>:<port>                      e.g. tcp:127.0.0.1:7000'],
  open: openBuiltIn,
});

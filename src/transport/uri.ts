/**
 * Device URIs, one string per way to reach a board (PROTOCOL.md "Transports and device URIs"):
 *   serial:/dev/ttyACM0?baud=921600&pace=1   usb:1209:5346[/SERIAL]   tcp:127.0.0.1:7000
 * These are the built-in links; others (`sim`, `samna:`) parse their own URIs (links.ts registry).
 */
import { SpikeforgeError } from '../errors.ts';
import { deviceUriForms } from './links.ts';
import { DEFAULT_BAUD_RATE, openSerial } from './serial.ts';
import { openTcp } from './tcp.ts';
import type { Transport } from './types.ts';
import { openUsb } from './usb.ts';

export type DeviceUri =
  | { kind: 'serial'; uri: string; path: string; baudRate: number; pace: boolean }
  | { kind: 'usb'; uri: string; vid: number; pid: number; serial?: string }
  | { kind: 'tcp'; uri: string; host: string; port: number };

function bad(uri: string, what: string): SpikeforgeError {
  return new SpikeforgeError('USAGE', `device URI "${uri}": ${what}`, {
    hint: `accepted forms:\n  ${deviceUriForms().join('\n  ')}`,
  });
}

/** The `?key=value&...` options of a URI; with `allowed`, an unknown key is a usage error naming it. */
export function query(
  uri: string,
  text: string | undefined,
  allowed: readonly string[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (text === undefined || text === '') return out;
  for (const [key, value] of new URLSearchParams(text)) {
    if (allowed !== undefined && !allowed.includes(key)) {
      throw bad(uri, `unknown option "${key}" (known: ${allowed.join(', ')})`);
    }
    out[key] = value;
  }
  return out;
}

function flag(uri: string, key: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value === '' || value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw bad(uri, `${key}="${value}", expected 1/0 or true/false`);
}

function hexId(uri: string, text: string | undefined, what: string): number {
  if (text === undefined || !/^(0x)?[0-9a-f]{1,4}$/i.test(text)) {
    throw bad(uri, `${what} "${text ?? ''}" is not a 16-bit hex number`);
  }
  return Number.parseInt(text.replace(/^0x/i, ''), 16);
}

export function parseDeviceUri(uri: string): DeviceUri {
  const text = uri.trim();
  const colon = text.indexOf(':');
  const scheme = (colon < 0 ? text.split('?')[0] : text.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? '' : text.slice(colon + 1).replace(/^\/\/(?=[^/])/, '');
  switch (scheme) {
    case 'serial': {
      const q = rest.indexOf('?');
      const path = q < 0 ? rest : rest.slice(0, q);
      if (path === '') throw bad(uri, 'no port path after "serial:"');
      const opts = query(uri, q < 0 ? undefined : rest.slice(q + 1), ['baud', 'pace']);
      let baudRate = DEFAULT_BAUD_RATE;
      if (opts.baud !== undefined) {
        baudRate = Number(opts.baud);
        if (!Number.isInteger(baudRate) || baudRate <= 0)
          throw bad(uri, `baud "${opts.baud}" is not a positive integer`);
      }
      return { kind: 'serial', uri: text, path, baudRate, pace: flag(uri, 'pace', opts.pace) };
    }
    case 'usb': {
      const m = /^([^:/]*):([^:/]*)(?:\/(.+))?$/.exec(rest);
      if (!m) throw bad(uri, 'expected usb:<VID>:<PID>[/<serial>]');
      const vid = hexId(uri, m[1], 'VID');
      const pid = hexId(uri, m[2], 'PID');
      return m[3] === undefined
        ? { kind: 'usb', uri: text, vid, pid }
        : { kind: 'usb', uri: text, vid, pid, serial: m[3] };
    }
    case 'tcp': {
      const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(rest);
      if (!m) throw bad(uri, 'expected tcp:<host>:<port>');
      const port = Number(m[3]);
      if (port < 1 || port > 65535) throw bad(uri, `port ${m[3]} is outside 1..65535`);
      return { kind: 'tcp', uri: text, host: m[1] ?? m[2], port };
    }
    default:
      throw bad(uri, colon < 0 ? 'not a device URI' : `unknown scheme "${scheme}"`);
  }
}

/** Opens the link a serial, usb or tcp URI names (links.ts opens every registered scheme). */
export async function openTransport(uri: string | DeviceUri): Promise<Transport> {
  const d = typeof uri === 'string' ? parseDeviceUri(uri) : uri;
  switch (d.kind) {
    case 'serial':
      return openSerial({ path: d.path, baudRate: d.baudRate, pace: d.pace });
    case 'usb':
      return openUsb({ vid: d.vid, pid: d.pid, serial: d.serial });
    case 'tcp':
      return openTcp(d.host, d.port);
  }
}

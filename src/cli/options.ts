/**
 * Parsing of option texts shared by the commands, the compiler's (--place, --monitor, --crop, --sensor)
 * among them: the library takes values, only the CLI knows flags. Every failure is a USAGE error that
 * names the flag and the value given.
 */
import type { CompileOptions } from '../compiler/compile.ts';
import { SpikeforgeError } from '../errors.ts';
import type { Shape3 } from '../network/schema.ts';

/** A whole number written in decimal digits, at least `min` (and at most `max`). */
export function parseInteger(flag: string, text: string, min: number, max?: number): number {
  const digits = /^\s*\d+\s*$/.test(text);
  const n = digits ? Number(text) : Number.NaN;
  if (digits && n >= min && (!Number.isSafeInteger(n) || (max !== undefined && n > max))) {
    // A whole number, only too large: say that, not "not an integer".
    const limit = max ?? Number.MAX_SAFE_INTEGER;
    throw new SpikeforgeError('USAGE', `${flag}: ${text.trim()} is too large (at most ${limit})`);
  }
  if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) {
    const range = max === undefined ? `>= ${min}` : `in ${min}..${max}`;
    throw new SpikeforgeError('USAGE', `${flag}: "${text}" is not an integer ${range}`);
  }
  return n;
}

/** The device URI forms of --help, one per registered link scheme (`spikeforge devices` lists boards). */
export const DEVICE_URI_HELP =
  'serial:/dev/ttyACM0?baud=921600, usb:VID:PID, tcp:HOST:PORT, sim, samna:speck2fdevkit (see spikeforge devices)';

/** The most steps a run can have: steps are int32 in every event file and on the wire. */
export const MAX_STEPS = 2 ** 31 - 1;

/** A number of steps (`--steps`), or undefined when the option is absent. */
export function optionalSteps(text: string | undefined): number | undefined {
  return optionalInteger('--steps', text, 1, MAX_STEPS);
}

/** `parseInteger` of an option that may be absent. */
export function optionalInteger(
  flag: string,
  text: string | undefined,
  min: number,
  max?: number,
): number | undefined {
  return text === undefined ? undefined : parseInteger(flag, text, min, max);
}

/** A number > 0 (fractions allowed), or undefined when the option is absent. */
export function optionalPositive(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n) || n <= 0) {
    throw new SpikeforgeError('USAGE', `${flag}: "${text}" is not a number > 0`);
  }
  return n;
}

/** "C,H,W" (or CxHxW) of positive integers, or undefined when the option is absent. */
export function optionalShape(flag: string, text: string | undefined): Shape3 | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(/[,x]/).map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN));
  if (parts.length !== 3 || parts.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
    throw new SpikeforgeError('USAGE', `${flag}: "${text}" is not C,H,W (three positive integers)`, {
      hint: `e.g. ${flag} 2,34,34`,
    });
  }
  return parts as Shape3;
}

/** One of `choices`. */
export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new SpikeforgeError('USAGE', `${flag}: "${text}" is not one of ${choices.join(', ')}`);
}

/** Repeated "layer=value" items -> { layer: value }. */
export function parseLayerValues(
  flag: string,
  items: string[] | undefined,
): Record<string, number> | undefined {
  if (!items) return undefined;
  const out: Record<string, number> = {};
  for (const item of items) {
    const at = item.lastIndexOf('=');
    const text = item.slice(at + 1);
    const v = text.trim() === '' ? Number.NaN : Number(text);
    if (at <= 0 || !Number.isFinite(v)) {
      throw new SpikeforgeError('USAGE', `${flag}: "${item}" is not layer=value`, {
        hint: `e.g. ${flag} conv1=444`,
      });
    }
    out[item.slice(0, at)] = v;
  }
  return out;
}

/** Commander argument parser of a repeatable, comma-separated list option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter((s) => s !== '')];
}

/** "conv1=5,conv2=6" -> { conv1: 5, conv2: 6 }. */
export function parsePlacement(text: string): Record<string, number> {
  const pins: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const m = /^(.+?)=(\d+)$/.exec(part);
    if (!m) {
      throw new SpikeforgeError('USAGE', `--place: "${part}" is not layer=core`, {
        hint: 'write pins as --place conv1=5,conv2=6',
      });
    }
    if (m[1] in pins) throw new SpikeforgeError('USAGE', `--place: layer "${m[1]}" is pinned twice`);
    pins[m[1]] = Number(m[2]);
  }
  return pins;
}

/** "all" | "last" | "a,b" -> the monitor option of compile. */
export function parseMonitor(text: string): NonNullable<CompileOptions['monitor']> {
  if (text === 'all' || text === 'last') return text;
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (names.length === 0) {
    throw new SpikeforgeError('USAGE', '--monitor: give all, last, or layer names separated by commas');
  }
  return names;
}

/** "y0,x0,y1,x1" -> a crop window. */
export function parseCrop(text: string): [number, number, number, number] {
  // Decimal digits only: Number() would also take "", "1e2" and "0x10".
  const v = text.split(',').map((x) => (/^\s*\d+\s*$/.test(x) ? Number(x) : Number.NaN));
  if (v.length !== 4 || v.some((x) => !Number.isSafeInteger(x))) {
    throw new SpikeforgeError('USAGE', `--crop: "${text}" is not y0,x0,y1,x1 (four non-negative integers)`);
  }
  return v as [number, number, number, number];
}

/** "128x128" -> [height, width]. */
export function parseSize(text: string, flag: string): [number, number] {
  const m = /^(\d+)x(\d+)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    throw new SpikeforgeError('USAGE', `${flag}: "${text}" is not HEIGHTxWIDTH (e.g. 128x128)`);
  }
  return [Number(m[1]), Number(m[2])];
}

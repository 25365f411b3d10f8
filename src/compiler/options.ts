/** Parsing of the compiler's command-line option texts, shared by every command that compiles. */
import { SpikeforgeError } from '../errors.ts';
import type { CompileOptions } from './compile.ts';

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

/**
 * NumPy `.npy` rasters for Python users: an array (T, C, H, W) of event counts per step and address
 * (what tonic's ToFrame / sinabs' input tensors look like). Reads any integer, bool or float dtype in
 * either byte order and C or Fortran order (format versions 1-3); writes the smallest of uint8 / int16 /
 * int32 that holds the largest count, C order, version 1.0. A 3-D array is read as (T, H, W) with C = 1.
 */
import { SpikeforgeError } from '../errors.ts';
import type { InputEvents } from './types.ts';
import { makeInputEvents } from './types.ts';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

export function isNpy(head: Uint8Array): boolean {
  return head.length >= 6 && Buffer.from(head.subarray(0, 6)).equals(MAGIC);
}

export interface NpyArray {
  /** numpy dtype string, e.g. "<i2", "|u1", "<f4". */
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Values as numbers (int64 beyond 2^53 loses precision: not a concern for counts). */
  get(i: number): number;
  size: number;
}

function bad(file: string, what: string, hint?: string): SpikeforgeError {
  return new SpikeforgeError('EVENTS_FORMAT', `${file}: ${what}`, hint ? { hint } : {});
}

export function parseNpy(bytes: Uint8Array, file = '<npy>'): NpyArray {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isNpy(buf)) throw bad(file, 'not a NumPy .npy file (no \\x93NUMPY magic)');
  const major = buf[6];
  if (major < 1 || major > 3) throw bad(file, `npy format version ${major} is not supported (1-3 are)`);
  const start = major === 1 ? 10 : 12;
  const truncated = (what: string) =>
    bad(
      file,
      `file ends inside the npy ${what} (${buf.length} bytes)`,
      'write the file again; it was cut short',
    );
  if (buf.length < start) throw truncated('header length');
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  if (buf.length < start + headerLen) throw truncated('header');
  const header = buf.toString(major === 3 ? 'utf8' : 'latin1', start, start + headerLen);
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw bad(file, `npy header is not understood: ${header.trim()}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const size = shape.reduce((a, b) => a * b, 1);
  const data = start + headerLen;
  const order = descr[0];
  const little = order === '<' || order === '|' || order === '=';
  const kind = descr.slice(1);
  const view = new DataView(buf.buffer, buf.byteOffset + data, buf.byteLength - data);
  const readers: Record<string, [number, (o: number) => number]> = {
    b1: [1, (o) => view.getUint8(o)],
    u1: [1, (o) => view.getUint8(o)],
    i1: [1, (o) => view.getInt8(o)],
    u2: [2, (o) => view.getUint16(o, little)],
    i2: [2, (o) => view.getInt16(o, little)],
    u4: [4, (o) => view.getUint32(o, little)],
    i4: [4, (o) => view.getInt32(o, little)],
    u8: [8, (o) => Number(view.getBigUint64(o, little))],
    i8: [8, (o) => Number(view.getBigInt64(o, little))],
    f4: [4, (o) => view.getFloat32(o, little)],
    f8: [8, (o) => view.getFloat64(o, little)],
  };
  const reader = readers[kind];
  if (reader === undefined) {
    throw bad(
      file,
      `dtype "${descr}" is not supported`,
      'use an integer, bool or float array (counts per step and address)',
    );
  }
  const [width, get] = reader;
  if (view.byteLength < size * width) {
    throw bad(
      file,
      `holds ${view.byteLength} data bytes, shape (${shape.join(', ')}) of ${descr} needs ${size * width}`,
    );
  }
  return { descr, fortranOrder: fortran === 'True', shape, size, get: (i) => get(i * width) };
}

/** Input events from a (T, C, H, W) or (T, H, W) count raster; value n at (t, c, y, x) = n events. */
export function rasterToEvents(array: NpyArray, file = '<npy>'): InputEvents {
  const s = array.shape;
  if (s.length !== 4 && s.length !== 3) {
    throw bad(
      file,
      `array has shape (${s.join(', ')}), expected (T, C, H, W) or (T, H, W)`,
      'save the events as counts per step: an array of shape (steps, channels, height, width)',
    );
  }
  const [T, C, H, W] = s.length === 4 ? s : [s[0], 1, s[1], s[2]];
  // Strides of the logical (t, c, y, x) index into the flat data.
  const st = array.fortranOrder ? [1, T, T * C, T * C * H] : [C * H * W, H * W, W, 1];
  const value = (t: number, c: number, y: number, x: number, where: () => string): number => {
    const v = array.get(t * st[0] + c * st[1] + y * st[2] + x * st[3]);
    if (!(v >= 0) || !Number.isInteger(v)) {
      throw bad(
        file,
        `value ${v} at ${where()} is not an event count`,
        'values must be non-negative integers (events per step and address)',
      );
    }
    return v;
  };
  let total = 0;
  for (let t = 0; t < T; t++)
    for (let c = 0; c < C; c++)
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) total += value(t, c, y, x, () => `[${t}, ${c}, ${y}, ${x}]`);
  const ev = makeInputEvents(total);
  let k = 0;
  for (let t = 0; t < T; t++)
    for (let c = 0; c < C; c++)
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const n = array.get(t * st[0] + c * st[1] + y * st[2] + x * st[3]);
          for (let r = 0; r < n; r++) {
            ev.t[k] = t;
            ev.c[k] = c;
            ev.y[k] = y;
            ev.x[k] = x;
            k++;
          }
        }
  ev.count = k;
  return ev;
}

/** Reads a raster's shape and steps without decoding events (for `events info`). */
export function npyRasterShape(array: NpyArray): { steps: number; shape: [number, number, number] } {
  const s = array.shape;
  return s.length === 4
    ? { steps: s[0], shape: [s[1], s[2], s[3]] }
    : { steps: s[0], shape: [1, s[1], s[2]] };
}

/**
 * A (T, C, H, W) count raster of the events, as .npy bytes. `shape` is [C, H, W]; `steps` defaults to
 * the last step + 1. Events outside the raster are an error (they would be lost).
 */
export function eventsToNpy(
  events: InputEvents,
  shape: [number, number, number],
  steps?: number,
): Uint8Array {
  const [C, H, W] = shape;
  let T = steps ?? 0;
  if (steps === undefined) for (let i = 0; i < events.count; i++) T = Math.max(T, events.t[i] + 1);
  const size = T * C * H * W;
  if (size > 1 << 30) {
    throw new SpikeforgeError('USAGE', `a raster of ${T} x ${C} x ${H} x ${W} is too large to write`, {
      hint: 'use fewer steps (more microseconds per step, stepUs) or the SFEV format (.sfev)',
    });
  }
  const counts = new Int32Array(size);
  let max = 0;
  for (let i = 0; i < events.count; i++) {
    const t = events.t[i];
    const c = events.c[i];
    const y = events.y[i];
    const x = events.x[i];
    if (t >= T || c >= C || y >= H || x >= W) {
      throw new SpikeforgeError(
        'USAGE',
        `event ${i} (t=${t}, c=${c}, y=${y}, x=${x}) lies outside the raster ${T} x ${C} x ${H} x ${W}`,
        { hint: 'give a raster shape C,H,W that holds every event (shape)' },
      );
    }
    const v = ++counts[((t * C + c) * H + y) * W + x];
    if (v > max) max = v;
  }
  const [descr, width] = max <= 255 ? ['|u1', 1] : max <= 32767 ? ['<i2', 2] : ['<i4', 4];
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${T}, ${C}, ${H}, ${W}), }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64);
  header += '\n';
  const out = Buffer.alloc(10 + header.length + size * width);
  MAGIC.copy(out, 0);
  out[6] = 1;
  out[7] = 0;
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  const o = 10 + header.length;
  for (let i = 0; i < size; i++) {
    if (width === 1) out[o + i] = counts[i];
    else if (width === 2) out.writeInt16LE(counts[i], o + 2 * i);
    else out.writeInt32LE(counts[i], o + 4 * i);
  }
  return out;
}

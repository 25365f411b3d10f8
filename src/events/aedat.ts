/**
 * AEDAT readers for DVS recordings (polarity events only; the subset read is listed in ./FORMAT.md).
 * Timestamps (microseconds) become steps: `step = floor((ts - first ts) / stepUs)`; polarity becomes
 * the channel (c = 1 ON, c = 0 OFF), y and x stay the sensor's.
 *
 * - AEDAT 2.0 (jAER): `#` header lines, then big-endian (int32 address, int32 timestamp) pairs; the
 *   address layout is DVS128 (x bits 1-7, y bits 8-14, polarity bit 0) or DAVIS (y bits 22-30, x bits
 *   12-21, polarity bit 11, bit 31 set = not a DVS event, skipped).
 * - AEDAT 3.1 (cAER): `#` header lines, then packets with a 28-byte header; polarity packets (type 1)
 *   are read, other packets skipped.
 * - AEDAT 4.0 (DV): IOHeader FlatBuffer, then packets of size-prefixed FlatBuffers; event packets
 *   ("EVTS": int64 t, int16 x, int16 y, bool on) are read, other streams skipped. Only uncompressed
 *   files: Node has no LZ4 / zstd decoder built in.
 */
import { SpikeforgeError } from '../errors.ts';
import type { InputEvents } from './types.ts';
import { makeInputEvents } from './types.ts';

export type AedatVersion = 2 | 3 | 4;

export interface AedatOptions {
  /** Microseconds per step (default 1000: the chip's 1 ms). */
  stepUs?: number;
  /** AEDAT 2 address layout; default: from the header's HardwareInterface line, else by address range. */
  layout?: 'dvs128' | 'davis';
}

export function aedatVersion(head: Uint8Array): AedatVersion | null {
  const text = Buffer.from(head.subarray(0, 16)).toString('latin1');
  if (text.startsWith('#!AER-DAT2')) return 2;
  if (text.startsWith('#!AER-DAT3')) return 3;
  if (text.startsWith('#!AER-DAT4')) return 4;
  return null;
}

function bad(file: string, what: string, hint?: string): SpikeforgeError {
  return new SpikeforgeError('EVENTS_FORMAT', `${file}: ${what}`, hint ? { hint } : {});
}

/** Raw DVS events before binning into steps. */
class Collector {
  ts: number[] = [];
  xs: number[] = [];
  ys: number[] = [];
  ps: number[] = [];
  push(ts: number, x: number, y: number, p: number): void {
    this.ts.push(ts);
    this.xs.push(x);
    this.ys.push(y);
    this.ps.push(p);
  }
  toEvents(stepUs: number, file: string): InputEvents {
    const n = this.ts.length;
    const ev = makeInputEvents(n);
    let t0 = Number.POSITIVE_INFINITY;
    for (const t of this.ts) if (t < t0) t0 = t;
    // Steps must be non-decreasing; DVS packets are nearly sorted, so sort indices by timestamp.
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => this.ts[a] - this.ts[b] || a - b);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const step = Math.floor((this.ts[i] - t0) / stepUs);
      if (step > 0x7fffffff) throw bad(file, 'recording is too long for the chosen step length (stepUs)');
      ev.t[k] = step;
      ev.c[k] = this.ps[i];
      ev.y[k] = this.ys[i];
      ev.x[k] = this.xs[i];
    }
    ev.count = n;
    return ev;
  }
}

/** Offset just past the `#` header lines (each ends with \n). */
function skipHeaderLines(buf: Buffer): { offset: number; lines: string[] } {
  let o = 0;
  const lines: string[] = [];
  while (o < buf.length && buf[o] === 0x23) {
    const end = buf.indexOf(0x0a, o);
    if (end < 0) return { offset: buf.length, lines };
    const line = buf.toString('latin1', o, end).trim();
    lines.push(line);
    o = end + 1;
    if (line.startsWith('#!END-HEADER')) break;
  }
  return { offset: o, lines };
}

function readAedat2(buf: Buffer, options: AedatOptions, out: Collector): void {
  const { offset, lines } = skipHeaderLines(buf);
  const n = Math.floor((buf.length - offset) / 8);
  let layout = options.layout;
  if (layout === undefined) {
    const hw = lines.find((l) => /HardwareInterface/i.test(l)) ?? '';
    if (/DAVIS/i.test(hw)) layout = 'davis';
    else if (/DVS128/i.test(hw)) layout = 'dvs128';
    else {
      let max = 0;
      for (let i = 0; i < n; i++) max = Math.max(max, buf.readUInt32BE(offset + 8 * i));
      layout = max < 0x8000 ? 'dvs128' : 'davis';
    }
  }
  for (let i = 0; i < n; i++) {
    const addr = buf.readUInt32BE(offset + 8 * i);
    const ts = buf.readInt32BE(offset + 8 * i + 4);
    if (layout === 'dvs128') {
      out.push(ts, (addr >>> 1) & 0x7f, (addr >>> 8) & 0x7f, addr & 1);
    } else {
      if (addr & 0x80000000 || addr & 0x400) continue; // APS / IMU samples, external events
      out.push(ts, (addr >>> 12) & 0x3ff, (addr >>> 22) & 0x1ff, (addr >>> 11) & 1);
    }
  }
}

function readAedat3(buf: Buffer, file: string, out: Collector): void {
  let o = skipHeaderLines(buf).offset;
  while (o + 28 <= buf.length) {
    const type = buf.readInt16LE(o);
    const size = buf.readInt32LE(o + 4);
    const tsOffset = buf.readInt32LE(o + 8);
    const overflow = buf.readInt32LE(o + 12);
    const number = buf.readInt32LE(o + 20);
    const body = o + 28;
    if (size <= 0 || body + size * number > buf.length)
      throw bad(file, `AEDAT 3 packet at byte ${o} is cut short`);
    if (type === 1) {
      for (let i = 0; i < number; i++) {
        const e = body + i * size;
        const data = buf.readUInt32LE(e);
        if ((data & 1) === 0) continue; // invalid (filtered) event
        const ts = overflow * 2 ** 31 + buf.readInt32LE(e + tsOffset);
        out.push(ts, (data >>> 17) & 0x7fff, (data >>> 2) & 0x7fff, (data >>> 1) & 1);
      }
    }
    o = body + size * number;
  }
}

/** A bounds-checked view of one FlatBuffer (only what AEDAT 4 needs: tables, scalars, vectors, strings). */
class FlatBuffer {
  constructor(
    readonly buf: Buffer,
    readonly base: number,
    readonly file: string,
  ) {}
  private check(o: number, n: number): number {
    if (o < this.base || o + n > this.buf.length)
      throw bad(this.file, 'AEDAT 4 FlatBuffer points outside its packet');
    return o;
  }
  root(): number {
    const at = this.base;
    return at + this.buf.readUInt32LE(this.check(at, 4));
  }
  /** Absolute position of field `i` of the table at `table`, or -1 when absent. */
  field(table: number, i: number): number {
    const vtable = table - this.buf.readInt32LE(this.check(table, 4));
    const vsize = this.buf.readUInt16LE(this.check(vtable, 2));
    if (4 + 2 * i >= vsize) return -1;
    const off = this.buf.readUInt16LE(this.check(vtable + 4 + 2 * i, 2));
    return off === 0 ? -1 : table + off;
  }
  int32(table: number, i: number, fallback: number): number {
    const at = this.field(table, i);
    return at < 0 ? fallback : this.buf.readInt32LE(this.check(at, 4));
  }
  int64(table: number, i: number, fallback: number): number {
    const at = this.field(table, i);
    return at < 0 ? fallback : Number(this.buf.readBigInt64LE(this.check(at, 8)));
  }
  /** [position of the first element, length] of a vector field, or null. */
  vector(table: number, i: number): [number, number] | null {
    const at = this.field(table, i);
    if (at < 0) return null;
    const v = at + this.buf.readUInt32LE(this.check(at, 4));
    return [v + 4, this.buf.readUInt32LE(this.check(v, 4))];
  }
  string(table: number, i: number): string {
    const v = this.vector(table, i);
    if (v === null) return '';
    return this.buf.toString('utf8', this.check(v[0], v[1]), v[0] + v[1]);
  }
}

const COMPRESSION = ['none', 'LZ4', 'LZ4 (high)', 'zstd', 'zstd (high)'];

function readAedat4(buf: Buffer, file: string, out: Collector): void {
  let o = buf.indexOf(0x0a) + 1;
  if (o <= 0 || o + 4 > buf.length) throw bad(file, 'AEDAT 4 header is cut short');
  const headerSize = buf.readUInt32LE(o);
  const header = new FlatBuffer(buf.subarray(0, o + 4 + headerSize), o + 4, file);
  const root = header.root();
  const compression = header.int32(root, 0, 0);
  const dataTable = header.int64(root, 1, -1);
  const info = header.string(root, 2);
  if (compression !== 0) {
    throw bad(
      file,
      `AEDAT 4 packets are compressed with ${COMPRESSION[compression] ?? `method ${compression}`}`,
      'export the recording uncompressed (DV: compression "none"), or convert it to .npy with the Python aedat/tonic packages',
    );
  }
  // Stream ids that carry events: <node name="N"> ... <attr key="typeIdentifier" ...>EVTS</attr>
  const eventStreams = new Set<number>();
  for (const m of info.matchAll(/<node name="(\d+)"[^>]*>([\s\S]*?)<\/node>/g)) {
    if (/typeIdentifier[^>]*>\s*EVTS\s*</.test(m[2])) eventStreams.add(Number(m[1]));
  }
  o += 4 + headerSize;
  while (o + 8 <= buf.length && (dataTable < 0 || o < dataTable)) {
    const stream = buf.readInt32LE(o);
    const size = buf.readInt32LE(o + 4);
    const body = o + 8;
    if (size < 0 || body + size > buf.length) throw bad(file, `AEDAT 4 packet at byte ${o} is cut short`);
    o = body + size;
    // A size-prefixed FlatBuffer: u32 size, u32 root offset, 4-byte file identifier.
    const id = size >= 12 ? buf.toString('latin1', body + 8, body + 12) : '';
    if (id !== 'EVTS' || (eventStreams.size > 0 && !eventStreams.has(stream))) continue;
    const fb = new FlatBuffer(buf.subarray(0, body + size), body + 4, file);
    const vec = fb.vector(fb.root(), 0);
    if (vec === null) continue;
    const [first, n] = vec;
    if (first + 16 * n > body + size)
      throw bad(file, `AEDAT 4 event packet at byte ${body - 8} is cut short`);
    for (let i = 0; i < n; i++) {
      const e = first + 16 * i;
      out.push(
        Number(buf.readBigInt64LE(e)),
        buf.readInt16LE(e + 8),
        buf.readInt16LE(e + 10),
        buf[e + 12] ? 1 : 0,
      );
    }
  }
}

/** Reads the polarity events of an AEDAT 2/3.1/4 file, binned into steps of `stepUs` microseconds. */
export function parseAedat(bytes: Uint8Array, file = '<aedat>', options: AedatOptions = {}): InputEvents {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stepUs = options.stepUs ?? 1000;
  if (!(stepUs > 0)) {
    throw new SpikeforgeError('USAGE', `stepUs: must be positive (got ${stepUs})`, {
      hint: 'give the microseconds per step, e.g. 1000',
      option: 'stepUs',
    });
  }
  const version = aedatVersion(buf);
  const out = new Collector();
  if (version === 2) readAedat2(buf, options, out);
  else if (version === 3) readAedat3(buf, file, out);
  else if (version === 4) readAedat4(buf, file, out);
  else throw bad(file, 'not an AEDAT file (no "#!AER-DAT" magic)');
  return out.toEvents(stepUs, file);
}

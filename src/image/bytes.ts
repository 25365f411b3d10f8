/**
 * Little-endian byte writing and bounds-checked reading for the image format. The reader names the
 * offset of whatever it could not read, so a bad image gives a precise error, never a RangeError.
 */
import { SpikeforgeError } from '../errors.ts';

export class ByteWriter {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.reserve(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }

  u16(v: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }

  i16(v: number): void {
    this.reserve(2);
    this.view.setInt16(this.length, v, true);
    this.length += 2;
  }

  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  i16s(values: Int16Array): void {
    this.reserve(values.length * 2);
    for (let i = 0; i < values.length; i++) this.view.setInt16(this.length + i * 2, values[i], true);
    this.length += values.length * 2;
  }

  setU32(offset: number, v: number): void {
    this.view.setUint32(offset, v >>> 0, true);
  }

  setU16(offset: number, v: number): void {
    this.view.setUint16(offset, v, true);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export class ByteReader {
  private readonly view: DataView;
  offset: number;

  constructor(
    readonly data: Uint8Array,
    readonly source: string,
    start: number,
    readonly end: number,
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.offset = start;
  }

  fail(what: string, offset = this.offset): never {
    throw new SpikeforgeError('IMAGE_FORMAT', `${this.source}: ${what} (at offset ${offset})`, {
      hint: 'the image is damaged or was not written by spikeforge; compile it again',
    });
  }

  private need(n: number, what: string): number {
    if (this.offset + n > this.end) {
      this.fail(`truncated: ${what} needs ${n} bytes, only ${Math.max(0, this.end - this.offset)} left`);
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  u8(what: string): number {
    return this.view.getUint8(this.need(1, what));
  }

  u16(what: string): number {
    return this.view.getUint16(this.need(2, what), true);
  }

  i16(what: string): number {
    return this.view.getInt16(this.need(2, what), true);
  }

  u32(what: string): number {
    return this.view.getUint32(this.need(4, what), true);
  }

  bytes(n: number, what: string): Uint8Array {
    const at = this.need(n, what);
    // A copy (a Node Buffer's slice() would be a view into the whole file).
    return Uint8Array.from(this.data.subarray(at, at + n));
  }

  i8s(n: number, what: string): Int8Array {
    const at = this.need(n, what);
    return Int8Array.from(new Int8Array(this.data.buffer, this.data.byteOffset + at, n));
  }

  i16s(n: number, what: string): Int16Array {
    const at = this.need(n * 2, what);
    const out = new Int16Array(n);
    for (let i = 0; i < n; i++) out[i] = this.view.getInt16(at + i * 2, true);
    return out;
  }
}

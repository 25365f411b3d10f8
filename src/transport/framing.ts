/**
 * Frames over a byte stream (PROTOCOL.md "Framing"): `COBS(payload ‖ CRC32(payload) as u32 LE) ‖ 0x00`.
 * COBS removes every 0x00 from the body, so 0x00 only ever marks the end of a frame: after noise or a
 * lost byte the receiver drops what it has and starts over at the next 0x00. The CRC rejects any frame
 * the noise got into, so a corrupted payload is never handed up.
 */
import { crc32 } from '../util/crc32.ts';
import type { Transport } from './types.ts';

/** Largest payload accepted unless the board announces another (DeviceInfo.max_frame_size). */
export const DEFAULT_MAX_FRAME_SIZE = 4096;
export const FRAME_DELIMITER = 0x00;
const CRC_BYTES = 4;

/** Largest COBS output for `n` input bytes with this encoder (one code byte per 254 data bytes). */
export function cobsEncodedBound(n: number): number {
  return n + 1 + Math.floor(n / 254);
}

/** Bytes on the wire for a payload of `n` bytes, worst case: COBS(payload + CRC) and the delimiter. */
export function frameBound(n: number): number {
  return cobsEncodedBound(n + CRC_BYTES) + 1;
}

/**
 * COBS-encodes `src[0, n)` into `dst` at `at`; returns the index after the last byte written.
 * Written as one loop over the bytes: this is on the path of every event sent.
 */
function cobsEncodeInto(src: Uint8Array, n: number, dst: Uint8Array, at: number): number {
  let codeAt = at;
  let code = 1;
  let o = at + 1;
  for (let i = 0; i < n; i++) {
    const b = src[i];
    if (b === 0) {
      dst[codeAt] = code;
      codeAt = o++;
      code = 1;
    } else {
      dst[o++] = b;
      code++;
      if (code === 0xff) {
        dst[codeAt] = code;
        codeAt = o++;
        code = 1;
      }
    }
  }
  dst[codeAt] = code;
  return o;
}

/** One frame, delimiter included, ready to write to a link. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const n = payload.length;
  const body = new Uint8Array(n + CRC_BYTES);
  body.set(payload);
  const crc = crc32(payload);
  body[n] = crc & 0xff;
  body[n + 1] = (crc >>> 8) & 0xff;
  body[n + 2] = (crc >>> 16) & 0xff;
  body[n + 3] = (crc >>> 24) & 0xff;
  const out = new Uint8Array(frameBound(n));
  const end = cobsEncodeInto(body, body.length, out, 0);
  out[end] = FRAME_DELIMITER;
  return out.subarray(0, end + 1);
}

/** Several frames in one buffer: one write to the link instead of one per frame. */
export function encodeFrames(payloads: readonly Uint8Array[]): Uint8Array {
  const frames = payloads.map(encodeFrame);
  let total = 0;
  for (const f of frames) total += f.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const f of frames) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

export interface FrameStats {
  /** Frames accepted (CRC good). */
  frames: number;
  /** Well-formed frames whose CRC did not match: noise on the line. */
  crcErrors: number;
  /** Frames that were not valid COBS or shorter than the CRC. */
  malformed: number;
  /** Frames longer than the maximum frame size, dropped up to the next delimiter. */
  oversize: number;
  /** Bytes thrown away: everything of the rejected frames above. */
  garbageBytes: number;
}

export interface FrameDecoderOptions {
  /** Largest payload accepted, in bytes (default 4096). */
  maxFrameSize?: number;
}

/**
 * Streaming frame decoder: feed it whatever chunks the link delivers, get back whole, CRC-checked
 * payloads. Never throws on bad input; bad frames only move the counters in `stats`.
 */
export class FrameDecoder {
  readonly stats: FrameStats = { frames: 0, crcErrors: 0, malformed: 0, oversize: 0, garbageBytes: 0 };
  private max = DEFAULT_MAX_FRAME_SIZE;
  private limit = cobsEncodedBound(DEFAULT_MAX_FRAME_SIZE + CRC_BYTES);
  private buf = new Uint8Array(0);
  private len = 0;
  /** Set after an oversize frame: bytes are dropped until the next delimiter. */
  private skipping = false;

  constructor(options: FrameDecoderOptions = {}) {
    this.maxFrameSize = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE;
  }

  get maxFrameSize(): number {
    return this.max;
  }

  /** The board announces its own limit in DeviceInfo; the host adopts it for what it receives. */
  set maxFrameSize(n: number) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`maxFrameSize must be a positive integer, got ${n}`);
    this.max = n;
    this.limit = cobsEncodedBound(n + CRC_BYTES);
    if (this.buf.length < this.limit) {
      const bigger = new Uint8Array(this.limit);
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      let end = chunk.indexOf(FRAME_DELIMITER, pos);
      const complete = end >= 0;
      if (!complete) end = n;
      this.append(chunk, pos, end);
      if (complete) {
        const payload = this.finishFrame();
        if (payload !== undefined) out.push(payload);
        pos = end + 1;
      } else {
        pos = n;
      }
    }
    return out;
  }

  /** Drops a partial frame (e.g. after the link reopened). */
  reset(): void {
    if (this.len > 0) this.stats.garbageBytes += this.len;
    this.len = 0;
    this.skipping = false;
  }

  private append(chunk: Uint8Array, from: number, to: number): void {
    const k = to - from;
    if (k === 0) return;
    if (this.skipping) {
      this.stats.garbageBytes += k;
      return;
    }
    if (this.len + k > this.limit) {
      this.stats.oversize++;
      this.stats.garbageBytes += this.len + k;
      this.len = 0;
      this.skipping = true;
      return;
    }
    this.buf.set(chunk.subarray(from, to), this.len);
    this.len += k;
  }

  private finishFrame(): Uint8Array | undefined {
    const len = this.len;
    this.len = 0;
    if (this.skipping) {
      this.skipping = false;
      return undefined;
    }
    // Two delimiters in a row: an empty frame, used to flush the receiver; not an error.
    if (len === 0) return undefined;
    const buf = this.buf;
    const out = new Uint8Array(len);
    let i = 0;
    let o = 0;
    while (i < len) {
      const code = buf[i++];
      const end = i + code - 1;
      if (end > len) {
        this.stats.malformed++;
        this.stats.garbageBytes += len;
        return undefined;
      }
      out.set(buf.subarray(i, end), o);
      o += end - i;
      i = end;
      if (code < 0xff && i < len) out[o++] = 0;
    }
    if (o < CRC_BYTES) {
      this.stats.malformed++;
      this.stats.garbageBytes += len;
      return undefined;
    }
    const n = o - CRC_BYTES;
    const want = (out[n] | (out[n + 1] << 8) | (out[n + 2] << 16) | (out[n + 3] << 24)) >>> 0;
    if (crc32(out, 0, n) !== want) {
      this.stats.crcErrors++;
      this.stats.garbageBytes += len;
      return undefined;
    }
    this.stats.frames++;
    return out.subarray(0, n);
  }
}

export interface FramedLinkOptions extends FrameDecoderOptions {}

/**
 * A transport with framing on top: whole payloads in, whole payloads out. Shared by the device client
 * and the simulated board so both ends frame the same way.
 */
export class FramedLink {
  readonly decoder: FrameDecoder;
  private frameListener: (payload: Uint8Array) => void = () => {};
  private flushed = false;

  constructor(
    readonly transport: Transport,
    options: FramedLinkOptions = {},
  ) {
    this.decoder = new FrameDecoder(options);
    transport.onData((chunk) => {
      for (const payload of this.decoder.push(chunk)) this.frameListener(payload);
    });
  }

  get stats(): FrameStats {
    return this.decoder.stats;
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  /**
   * Sends one payload as one frame. The very first write starts with an extra delimiter so whatever
   * noise the receiver collected before (a board booting, a half-sent frame) ends there.
   */
  send(payload: Uint8Array): Promise<void> {
    return this.transport.write(this.withFlush(encodeFrame(payload)));
  }

  /** Sends several payloads in one write. */
  sendMany(payloads: readonly Uint8Array[]): Promise<void> {
    return this.transport.write(this.withFlush(encodeFrames(payloads)));
  }

  onFrame(listener: (payload: Uint8Array) => void): void {
    this.frameListener = listener;
  }

  onClose(listener: (error?: Error) => void): void {
    this.transport.onClose(listener);
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private withFlush(bytes: Uint8Array): Uint8Array {
    if (this.flushed) return bytes;
    this.flushed = true;
    const out = new Uint8Array(bytes.length + 1);
    out[0] = FRAME_DELIMITER;
    out.set(bytes, 1);
    return out;
  }
}

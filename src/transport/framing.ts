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

/** Runs shorter than this are copied byte by byte: cheaper than a subarray view + set. */
const SHORT_RUN = 24;

function copyRun(src: Uint8Array, from: number, to: number, dst: Uint8Array, at: number): void {
  if (to - from < SHORT_RUN) {
    for (let i = from; i < to; i++) dst[at++] = src[i];
  } else {
    dst.set(src.subarray(from, to), at);
  }
}

/** Largest data run of a COBS block (code byte 0xFF). */
const COBS_RUN = 254;

/**
 * COBS-encodes `payload ‖ crc (u32 LE)` into `dst` at `at`, reading the payload where it lies (no copy
 * of `payload ‖ CRC` first); returns the index after the last byte written. Runs between zeros are
 * found with the native indexOf and copied in blocks: this is on the path of every event sent.
 */
function cobsEncodeFrameInto(payload: Uint8Array, crc: number, dst: Uint8Array, at: number): number {
  const n = payload.length;
  let code = at; // where the current block's code byte goes
  let o = at + 1;
  let run = 0; // data bytes in the current block
  let i = 0;
  while (i < n) {
    let z = payload.indexOf(0, i);
    if (z < 0) z = n;
    while (i < z) {
      const take = Math.min(z - i, COBS_RUN - run);
      copyRun(payload, i, i + take, dst, o);
      o += take;
      i += take;
      run += take;
      if (run === COBS_RUN) {
        dst[code] = 0xff;
        code = o++;
        run = 0;
      }
    }
    if (z < n) {
      dst[code] = run + 1;
      code = o++;
      run = 0;
      i = z + 1;
    }
  }
  for (let k = 0; k < CRC_BYTES; k++) {
    const b = (crc >>> (8 * k)) & 0xff;
    if (b === 0) {
      dst[code] = run + 1;
      code = o++;
      run = 0;
      continue;
    }
    dst[o++] = b;
    if (++run === COBS_RUN) {
      dst[code] = 0xff;
      code = o++;
      run = 0;
    }
  }
  dst[code] = run + 1;
  return o;
}

/** Writes the frame of `payload` (delimiter included) into `dst` at `at`; returns the index after it. */
function encodeFrameInto(payload: Uint8Array, dst: Uint8Array, at: number): number {
  const end = cobsEncodeFrameInto(payload, crc32(payload), dst, at);
  dst[end] = FRAME_DELIMITER;
  return end + 1;
}

/** One frame, delimiter included, ready to write to a link. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(frameBound(payload.length));
  return out.subarray(0, encodeFrameInto(payload, out, 0));
}

/** Several frames in one buffer: one write to the link instead of one per frame. */
export function encodeFrames(
  payloads: readonly Uint8Array[],
  options: { leadingDelimiter?: boolean } = {},
): Uint8Array {
  const lead = options.leadingDelimiter ? 1 : 0;
  let bound = lead;
  for (const p of payloads) bound += frameBound(p.length);
  const out = new Uint8Array(bound);
  let at = lead;
  for (const p of payloads) at = encodeFrameInto(p, out, at);
  return out.subarray(0, at);
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
      const end = chunk.indexOf(FRAME_DELIMITER, pos);
      if (end < 0) {
        this.append(chunk, pos, n);
        break;
      }
      let payload: Uint8Array | undefined;
      if (this.len === 0 && !this.skipping) {
        // The whole frame is in this chunk (the common case): decode it where it lies.
        if (end - pos > this.limit) {
          this.stats.oversize++;
          this.stats.garbageBytes += end - pos;
        } else {
          payload = this.decode(chunk, pos, end);
        }
      } else {
        this.append(chunk, pos, end);
        payload = this.finishFrame();
      }
      if (payload !== undefined) out.push(payload);
      pos = end + 1;
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
    return this.decode(this.buf, 0, len);
  }

  /** COBS-decodes `src[start, end)` and checks its CRC; the payload, or undefined (counted). */
  private decode(src: Uint8Array, start: number, end: number): Uint8Array | undefined {
    const len = end - start;
    // Two delimiters in a row: an empty frame, used to flush the receiver; not an error.
    if (len === 0) return undefined;
    const out = new Uint8Array(len);
    let i = start;
    let o = 0;
    while (i < end) {
      const code = src[i++];
      const blockEnd = i + code - 1;
      if (blockEnd > end) {
        this.stats.malformed++;
        this.stats.garbageBytes += len;
        return undefined;
      }
      copyRun(src, i, blockEnd, out, o);
      o += blockEnd - i;
      i = blockEnd;
      if (code < 0xff && i < end) out[o++] = 0;
    }
    if (o < CRC_BYTES) {
      this.stats.malformed++;
      this.stats.garbageBytes += len;
      return undefined;
    }
    const n = o - CRC_BYTES;
    const want = (out[n] | (out[n + 1] << 8) | (out[n + 2] << 16) | (out[n + 3] << 24)) >>> 0;
    const payload = out.subarray(0, n);
    if (crc32(payload) !== want) {
      this.stats.crcErrors++;
      this.stats.garbageBytes += len;
      return undefined;
    }
    this.stats.frames++;
    return payload;
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
  /** Payloads sent during the current turn of the event loop, written together at its end. */
  private queue: Uint8Array[] = [];
  private batch: Promise<void> | undefined;

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
    return this.sendMany([payload]);
  }

  /**
   * Sends several payloads. Everything sent in the same synchronous stretch (the answers to every frame
   * of one received chunk, a window of requests) goes out in one transport write: one system call and
   * one wake-up of the peer instead of one per frame. Resolves when that write was handed to the link.
   */
  sendMany(payloads: readonly Uint8Array[]): Promise<void> {
    for (const p of payloads) this.queue.push(p);
    this.batch ??= new Promise<void>((resolve, reject) => {
      queueMicrotask(() => {
        const frames = this.queue;
        this.queue = [];
        this.batch = undefined;
        const leadingDelimiter = !this.flushed;
        this.flushed = true;
        this.transport.write(encodeFrames(frames, { leadingDelimiter })).then(resolve, reject);
      });
    });
    return this.batch;
  }

  onFrame(listener: (payload: Uint8Array) => void): () => void {
    this.frameListener = listener;
    return () => {
      if (this.frameListener === listener) this.frameListener = () => {};
    };
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.transport.onClose(listener);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

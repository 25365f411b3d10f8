/**
 * Flash staging on the board: ConfigBegin opens (or resumes) a staging buffer, ConfigChunk fills it
 * idempotently, ConfigCommit checks size and CRC and builds the new configuration; only a complete,
 * intact, applicable image replaces the running one.
 */
import type { ChipProfile } from '../src/chip/index.ts';
import { imageCrc } from '../src/image/index.ts';
import { maxImageSize } from '../src/image/limits.ts';
import { BoardError } from '../src/transport/errors.ts';
import type { Envelope, EnvelopeInit } from '../src/transport/messages.ts';
import type { Refuse } from './answers.ts';
import { u32 } from './answers.ts';
import type { Active } from './chip.ts';
import { configure } from './chip.ts';

/** Room in a frame for everything of a message but its bulk bytes (PROTOCOL.md: `max_frame_size - 64`). */
const CHUNK_OVERHEAD = 64;

interface Staged {
  size: number;
  crc: number;
  chunkSize: number;
  data: Uint8Array;
  received: Uint8Array;
  chunks: number;
  receivedChunks: number;
  receivedBytes: number;
}

/** What a commit produced: the answer, and the new configuration when it was applied. */
export interface CommitResult {
  answer: EnvelopeInit;
  applied?: Active;
}

export class FlashStaging {
  /**
   * When (performance.now()) the last flash's final chunk was staged, and how long its commit took
   * on the board (checks, decode, register writes, configuration, chip model): what the benchmark
   * separates into the transfer and the fixed commit cost.
   */
  readonly timing = { lastChunkAt: 0, commitMs: 0 };
  private staged: Staged | undefined;

  constructor(
    private readonly profile: ChipProfile,
    private readonly imageFormat: [number, number],
    private readonly refuse: Refuse,
    /** The board resets once, half way through the first flash (an injected fault). */
    private resetPending: boolean,
  ) {}

  /** Forgets the staged bytes (reset, power cycle). */
  clear(): void {
    this.staged = undefined;
  }

  begin(b: NonNullable<Envelope['configBegin']>, frameSize: number, running: boolean): EnvelopeInit {
    const size = u32(b.imageSize);
    const crc = u32(b.imageCrc);
    const version = u32(b.imageFormatVersion);
    const chunkSize = u32(b.chunkSize) || 1024;
    const [fmin, fmax] = this.imageFormat;
    if (version < fmin || version > fmax) {
      return this.refuse(
        BoardError.IMAGE_VERSION,
        `the image has format version ${version}, this firmware applies image format version ${fmin === fmax ? fmin : `${fmin}..${fmax}`}`,
      );
    }
    // Declared sizes are checked against the chip before anything is allocated for them.
    const maxImage = maxImageSize(this.profile);
    if (size === 0 || size > maxImage) {
      return this.refuse(
        BoardError.IMAGE_SIZE,
        `image size ${size} bytes is outside 1..${maxImage} (the largest image for ${this.profile.id})`,
      );
    }
    if (chunkSize > frameSize - CHUNK_OVERHEAD) {
      return this.refuse(
        BoardError.IMAGE_SIZE,
        `chunk size ${chunkSize} does not fit the frame size ${frameSize} (at most ${frameSize - CHUNK_OVERHEAD})`,
      );
    }
    // The answer lists the staged chunks as a bitmap: it must fit one frame too.
    const chunkCount = Math.ceil(size / chunkSize);
    if (Math.ceil(chunkCount / 8) > frameSize - CHUNK_OVERHEAD) {
      return this.refuse(
        BoardError.IMAGE_SIZE,
        `chunk size ${chunkSize} makes ${chunkCount} chunks, too many to list in a frame of ${frameSize}: use larger chunks`,
      );
    }
    if (running) return this.refuse(BoardError.BAD_STATE, 'a run is in progress: Stop it before flashing');
    const s = this.staged;
    const keep = b.resume && s !== undefined && s.size === size && s.crc === crc && s.chunkSize === chunkSize;
    if (!keep) {
      const chunks = Math.ceil(size / chunkSize);
      this.staged = {
        size,
        crc,
        chunkSize,
        data: new Uint8Array(size),
        received: new Uint8Array(Math.ceil(chunks / 8)),
        chunks,
        receivedChunks: 0,
        receivedBytes: 0,
      };
    }
    const st = this.staged!;
    return {
      configStaged: {
        imageSize: size,
        imageCrc: crc,
        chunkSize,
        received: st.received.slice(),
        receivedBytes: st.receivedBytes,
      },
    };
  }

  /** The answer to a chunk; 'reset': the injected reset strikes now (the board power-cycles, no answer). */
  chunk(c: NonNullable<Envelope['configChunk']>): EnvelopeInit | 'reset' {
    const s = this.staged;
    if (!s) return this.refuse(BoardError.BAD_STATE, 'ConfigChunk without ConfigBegin (or the board reset)');
    const offset = u32(c.offset);
    const data = c.data ?? new Uint8Array(0);
    const index = offset / s.chunkSize;
    const expected = Math.min(s.chunkSize, s.size - offset);
    if (!Number.isInteger(index) || offset >= s.size || data.length !== expected) {
      return this.refuse(
        BoardError.IMAGE_SIZE,
        `chunk at offset ${offset} with ${data.length} bytes does not fit the staged image of ${s.size} bytes in chunks of ${s.chunkSize}`,
      );
    }
    if (this.resetPending && s.receivedChunks >= s.chunks / 2) {
      this.resetPending = false;
      return 'reset';
    }
    s.data.set(data, offset);
    const bit = 1 << (index & 7);
    if ((s.received[index >> 3] & bit) === 0) {
      s.received[index >> 3] |= bit;
      s.receivedChunks++;
      s.receivedBytes += data.length;
      if (s.receivedChunks === s.chunks) this.timing.lastChunkAt = performance.now();
    }
    return { ack: {} };
  }

  commit(crc: number): CommitResult {
    const t0 = performance.now();
    const result = this.check(crc);
    this.timing.commitMs = performance.now() - t0;
    return result;
  }

  private check(crc: number): CommitResult {
    const s = this.staged;
    if (!s) return { answer: this.refuse(BoardError.BAD_STATE, 'ConfigCommit without a staged image') };
    if (s.receivedChunks !== s.chunks) {
      return {
        answer: this.refuse(
          BoardError.IMAGE_SIZE,
          `${s.chunks - s.receivedChunks} of ${s.chunks} chunks are missing (${s.receivedBytes} of ${s.size} bytes staged)`,
        ),
      };
    }
    // One pass over the staged bytes: an intact image ends in the CRC32 of what precedes it.
    const actual = imageCrc(s.data);
    const trailer = s.size >= 4 ? new DataView(s.data.buffer).getUint32(s.size - 4, true) : -1;
    this.staged = undefined;
    if (trailer !== actual || actual !== s.crc || crc !== s.crc) {
      const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
      return {
        answer: this.refuse(
          BoardError.IMAGE_CRC,
          `the staged image has CRC32 ${hex(actual)}, ConfigBegin announced ${hex(s.crc)} and ConfigCommit ${hex(crc)}; nothing applied`,
        ),
      };
    }
    try {
      return { answer: {}, applied: configure(s.data, actual, this.profile) };
    } catch (e) {
      return {
        answer: this.refuse(
          BoardError.IMAGE_INVALID,
          `image refused, the previous configuration keeps running: ${(e as Error).message}`,
        ),
      };
    }
  }
}

/**
 * SFEV: spikeforge's compact streaming event file (layout in ./FORMAT.md). A header (kind + layer name
 * table), then self-contained blocks of step-delta + LEB128 coded events, each with its CRC, then an end
 * block. `SfevWriter` appends blocks as events arrive; `readSfevBlocks` yields one block at a time, so
 * neither side holds the whole file.
 */
import { closeSync, readSync } from 'node:fs';
import { SpikeforgeError } from '../errors.ts';
import { AtomicFile } from '../util/atomic.ts';
import { crc32 } from '../util/crc32.ts';
import { openUserFile } from '../util/files.ts';
import type { InputEvents, Spikes } from './types.ts';
import { makeInputEvents, makeSpikes } from './types.ts';

export const SFEV_MAGIC = 'SFEV';
export const SFEV_VERSION = 1;
/** Events per block the writer emits at most; a reader accepts any count. */
export const SFEV_BLOCK_EVENTS = 16384;
const KIND_INPUT = 0;
const KIND_SPIKES = 1;
/** Largest LEB128 field: 5 bytes (32-bit values). Per event: dt, layer, c, y, x. */
const MAX_EVENT_BYTES = 25;

export interface SfevHeader {
  kind: 'input' | 'spikes';
  /** Layer names (spikes); empty for input events. */
  layers: string[];
}

function headerBytes(header: SfevHeader): Uint8Array {
  const names = header.layers.map((n) => Buffer.from(n, 'utf8'));
  const size = 10 + names.reduce((a, n) => a + 2 + n.length, 0);
  const out = Buffer.alloc(size);
  out.write(SFEV_MAGIC, 0, 'latin1');
  out.writeUInt16LE(SFEV_VERSION, 4);
  out.writeUInt8(header.kind === 'input' ? KIND_INPUT : KIND_SPIKES, 6);
  out.writeUInt8(0, 7);
  out.writeUInt16LE(names.length, 8);
  let o = 10;
  for (const n of names) {
    out.writeUInt16LE(n.length, o);
    n.copy(out, o + 2);
    o += 2 + n.length;
  }
  return out;
}

function putVarint(buf: Uint8Array, o: number, v: number): number {
  while (v >= 0x80) {
    buf[o++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[o++] = v;
  return o;
}

/** Writes an SFEV file incrementally: `append` any number of times (steps non-decreasing), then `close`. */
export class SfevWriter {
  private readonly file: AtomicFile;
  private lastStep = 0;
  private scratch = new Uint8Array(SFEV_BLOCK_EVENTS * MAX_EVENT_BYTES + 8);
  private closed = false;
  readonly header: SfevHeader;

  constructor(
    readonly path: string,
    header: SfevHeader,
  ) {
    this.header = { kind: header.kind, layers: [...header.layers] };
    this.file = new AtomicFile(path);
    this.file.write(headerBytes(this.header));
  }

  /** Appends events (input events, or spikes whose `layers` equal the header's). */
  append(events: InputEvents | Spikes): void {
    if (this.closed) throw new SpikeforgeError('INTERNAL', `${this.path}: append after close`);
    const spikes = 'layers' in events ? events : null;
    if ((spikes !== null) !== (this.header.kind === 'spikes')) {
      throw new SpikeforgeError(
        'USAGE',
        `${this.path}: this file holds ${this.header.kind === 'spikes' ? 'spikes' : 'input events'}`,
      );
    }
    for (let start = 0; start < events.count; start += SFEV_BLOCK_EVENTS) {
      const end = Math.min(events.count, start + SFEV_BLOCK_EVENTS);
      const buf = this.scratch;
      let o = 8;
      for (let i = start; i < end; i++) {
        const t = events.t[i];
        if (t < this.lastStep) {
          throw new SpikeforgeError(
            'EVENTS_FORMAT',
            `${this.path}: event ${i} has step ${t} after step ${this.lastStep}`,
            { hint: 'sort the events by step before writing them' },
          );
        }
        o = putVarint(buf, o, t - this.lastStep);
        this.lastStep = t;
        if (spikes) o = putVarint(buf, o, spikes.layer[i]);
        o = putVarint(buf, o, events.c[i]);
        o = putVarint(buf, o, events.y[i]);
        o = putVarint(buf, o, events.x[i]);
      }
      const view = new DataView(buf.buffer);
      view.setUint32(0, end - start, true);
      view.setUint32(4, o - 8, true);
      const crc = crc32(buf, 8, o);
      view.setUint32(o, crc, true);
      this.file.write(buf.subarray(0, o + 4));
    }
  }

  /** Writes the end block and makes the file visible (until then the target is untouched). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.write(new Uint8Array(8));
    this.file.commit();
  }

  /** Abandons the file: the target is left as it was. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.abort();
  }
}

/** Reads exactly `n` bytes at the current position, or fewer at end of file. */
function readExactly(fd: number, n: number): Buffer {
  const buf = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    const r = readSync(fd, buf, got, n - got, null);
    if (r === 0) break;
    got += r;
  }
  return got === n ? buf : buf.subarray(0, got);
}

function truncated(path: string, what: string): SpikeforgeError {
  return new SpikeforgeError('EVENTS_FORMAT', `${path}: file ends inside the ${what}`, {
    hint: 'the file was cut short (a writer that did not close it?); events up to the last whole block are readable',
  });
}

export function isSfev(head: Uint8Array): boolean {
  return head.length >= 4 && Buffer.from(head.subarray(0, 4)).toString('latin1') === SFEV_MAGIC;
}

function readHeader(fd: number, path: string): SfevHeader {
  const fixed = readExactly(fd, 10);
  if (fixed.length < 10 || !isSfev(fixed)) {
    throw new SpikeforgeError('EVENTS_FORMAT', `${path}: not an SFEV file (no "SFEV" magic)`);
  }
  const version = fixed.readUInt16LE(4);
  if (version !== SFEV_VERSION) {
    throw new SpikeforgeError(
      'EVENTS_FORMAT',
      `${path}: SFEV version ${version}, this spikeforge reads version ${SFEV_VERSION}`,
      { hint: 'update spikeforge' },
    );
  }
  const kindByte = fixed.readUInt8(6);
  if (kindByte !== KIND_INPUT && kindByte !== KIND_SPIKES) {
    throw new SpikeforgeError('EVENTS_FORMAT', `${path}: unknown SFEV kind ${kindByte}`);
  }
  const count = fixed.readUInt16LE(8);
  const layers: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = readExactly(fd, 2);
    if (len.length < 2) throw truncated(path, 'layer name table');
    const name = readExactly(fd, len.readUInt16LE(0));
    if (name.length < len.readUInt16LE(0)) throw truncated(path, 'layer name table');
    layers.push(name.toString('utf8'));
  }
  return { kind: kindByte === KIND_INPUT ? 'input' : 'spikes', layers };
}

export type SfevBlock = { kind: 'input'; events: InputEvents } | { kind: 'spikes'; spikes: Spikes };

/**
 * Reads an SFEV file one block at a time (a few hundred KiB at most in memory). The first value is the
 * header; each following value one block's events.
 */
export function* readSfevBlocks(path: string): Generator<SfevHeader | SfevBlock, void, undefined> {
  const fd = openUserFile(path);
  try {
    const header = readHeader(fd, path);
    yield header;
    const spikes = header.kind === 'spikes';
    let step = 0;
    for (let block = 0; ; block++) {
      const head = readExactly(fd, 8);
      if (head.length === 0) throw truncated(path, 'events (no end block)');
      if (head.length < 8) throw truncated(path, `header of block ${block}`);
      const n = head.readUInt32LE(0);
      const size = head.readUInt32LE(4);
      if (n === 0 && size === 0) return;
      const body = readExactly(fd, size + 4);
      if (body.length < size + 4) throw truncated(path, `block ${block}`);
      const want = body.readUInt32LE(size);
      if (crc32(body, 0, size) !== want) {
        throw new SpikeforgeError('EVENTS_FORMAT', `${path}: block ${block} fails its CRC check`, {
          hint: 'the file is corrupted',
        });
      }
      const out = spikes ? makeSpikes(header.layers, n) : makeInputEvents(n);
      let o = 0;
      const next = (): number => {
        let v = 0;
        let shift = 0;
        for (;;) {
          if (o >= size) throw new SpikeforgeError('EVENTS_FORMAT', `${path}: block ${block} overruns`);
          const b = body[o++];
          v += (b & 0x7f) * 2 ** shift;
          if (b < 0x80) return v;
          shift += 7;
          if (shift > 28) throw new SpikeforgeError('EVENTS_FORMAT', `${path}: bad number in block ${block}`);
        }
      };
      for (let i = 0; i < n; i++) {
        step += next();
        out.t[i] = step;
        if (spikes) {
          const layer = next();
          if (layer >= header.layers.length) {
            throw new SpikeforgeError(
              'EVENTS_FORMAT',
              `${path}: block ${block} names layer ${layer}, the header has ${header.layers.length}`,
            );
          }
          (out as Spikes).layer[i] = layer;
        }
        out.c[i] = next();
        out.y[i] = next();
        out.x[i] = next();
      }
      out.count = n;
      yield spikes ? { kind: 'spikes', spikes: out as Spikes } : { kind: 'input', events: out };
    }
  } finally {
    closeSync(fd);
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  encodeFrames,
  FrameDecoder,
  FramedLink,
  frameBound,
} from '../../src/transport/framing.ts';
import { createMemoryPair } from '../../src/transport/memory.ts';
import { crc32 } from '../../src/util/crc32.ts';

const payloadArb = fc.uint8Array({ minLength: 0, maxLength: 600 });

/** Feeds `bytes` in the given chunk sizes (cycled). */
function feed(dec: FrameDecoder, bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    out.push(...dec.push(bytes.subarray(at, at + n)));
    at += n;
  }
  return out;
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe('framing', () => {
  it('encodes a known payload byte for byte (COBS of payload + CRC32 LE, then 0x00)', () => {
    const payload = new Uint8Array([0x11, 0x00, 0x22]);
    const crc = crc32(payload);
    const body = [0x11, 0x00, 0x22, crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24];
    expect(body.includes(0)).toBe(true);
    const frame = encodeFrame(payload);
    expect(crc).toBe(0x37c551b1);
    // The example of PROTOCOL.md "Framing".
    expect(Array.from(frame)).toEqual([0x02, 0x11, 0x06, 0x22, 0xb1, 0x51, 0xc5, 0x37, 0x00]);
    expect(frame[frame.length - 1]).toBe(0);
    expect(frame.subarray(0, -1).includes(0)).toBe(false);
    expect(new FrameDecoder().push(frame)).toEqual([payload]);
  });

  it('handles 254-byte runs without zeros (the COBS block boundary)', () => {
    for (const n of [253, 254, 255, 508, 1000]) {
      const payload = new Uint8Array(n).map((_, i) => 1 + (i % 200));
      const frame = encodeFrame(payload);
      expect(frame.length).toBeLessThanOrEqual(frameBound(n));
      const got = new FrameDecoder().push(frame);
      expect(got.length).toBe(1);
      expect(equalBytes(got[0], payload)).toBe(true);
    }
  });

  it('matches a byte-by-byte reference COBS encoder, CRC bytes and 254-byte blocks included', () => {
    // The textbook encoder over `payload ‖ CRC32 LE`: the wire format, independent of how it is computed.
    const reference = (payload: Uint8Array): number[] => {
      const crc = crc32(payload);
      const body = [...payload, crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24];
      const out: number[] = [0];
      let code = 0;
      let run = 0;
      for (const b of body) {
        if (b === 0) {
          out[code] = run + 1;
          code = out.push(0) - 1;
          run = 0;
          continue;
        }
        out.push(b);
        if (++run === 254) {
          out[code] = 0xff;
          code = out.push(0) - 1;
          run = 0;
        }
      }
      out[code] = run + 1;
      return [...out, 0];
    };
    // Mostly non-zero bytes, so that runs reach 254 and zeros land on every position of a block.
    const sparse = fc
      .array(
        fc.oneof(
          { weight: 1, arbitrary: fc.constant(0) },
          { weight: 60, arbitrary: fc.integer({ min: 1, max: 255 }) },
        ),
        {
          maxLength: 1200,
        },
      )
      .map((a) => Uint8Array.from(a));
    fc.assert(
      fc.property(fc.oneof(sparse, payloadArb), (payload) => {
        expect(Array.from(encodeFrame(payload))).toEqual(reference(payload));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips any sequence of payloads in any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(payloadArb, { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
        (payloads, sizes) => {
          const dec = new FrameDecoder();
          const got = feed(dec, encodeFrames(payloads), sizes);
          expect(got.length).toBe(payloads.length);
          for (const [i, g] of got.entries()) expect(equalBytes(g, payloads[i])).toBe(true);
          expect(dec.stats.frames).toBe(payloads.length);
          expect(dec.stats.garbageBytes).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never crashes on garbage and never accepts a frame that was not sent', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (garbage) => {
        const dec = new FrameDecoder({ maxFrameSize: 256 });
        const got = dec.push(garbage);
        // Random bytes pass CRC32 with probability 2^-32 per candidate frame; every accepted one must
        // at least be consistent with its own CRC, which is what the decoder checked.
        for (const g of got) expect(g.length).toBeLessThanOrEqual(256);
        expect(dec.stats.frames).toBe(got.length);
        return got.length === 0;
      }),
      { numRuns: 200 },
    );
  });

  it('rejects every frame with a flipped bit and resynchronises on the next one', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (a, b, where, bit) => {
          const fa = encodeFrame(a);
          const pos = where % (fa.length - 1); // not the delimiter: a flipped delimiter merges frames, tested below
          fa[pos] ^= 1 << bit;
          const dec = new FrameDecoder();
          const got = dec.push(concat(fa, encodeFrame(b)));
          // The corrupted frame may split in two at a new zero byte; none of the pieces passes the CRC.
          expect(got.length).toBe(1);
          expect(equalBytes(got[0], b)).toBe(true);
          expect(dec.stats.crcErrors + dec.stats.malformed).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('loses only the frames that garbage or truncation touched', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 200 }), { minLength: 3, maxLength: 6 }),
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.nat(),
        (payloads, garbage, cut) => {
          const frames = payloads.map(encodeFrame);
          // Frame 0 is truncated (a lost tail, no delimiter), then garbage, then a lost head of frame 1.
          const truncated = frames[0].subarray(0, cut % frames[0].length);
          const headless = frames[1].subarray(1 + (cut % (frames[1].length - 1)));
          const stream = concat(truncated, garbage, headless, ...frames.slice(2));
          const got = new FrameDecoder().push(stream);
          const want = payloads.slice(2);
          // Everything after the damage arrives intact; the damaged frames never arrive corrupted.
          const tail = got.slice(got.length - want.length);
          for (const [i, g] of tail.entries()) expect(equalBytes(g, want[i])).toBe(true);
          for (const g of got.slice(0, got.length - want.length)) {
            expect(payloads.some((p) => equalBytes(p, g))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('drops oversize frames up to the next delimiter and counts them', () => {
    const dec = new FrameDecoder({ maxFrameSize: 100 });
    const big = encodeFrame(new Uint8Array(101).fill(7));
    const ok = new Uint8Array(100).fill(9);
    const got = feed(dec, concat(big, big, encodeFrame(ok)), [17]);
    expect(got.length).toBe(1);
    expect(equalBytes(got[0], ok)).toBe(true);
    expect(dec.stats.oversize).toBe(2);
    expect(dec.stats.garbageBytes).toBe(2 * (big.length - 1));
    dec.maxFrameSize = 200; // the board announced a larger limit
    expect(dec.push(big).length).toBe(1);
  });
});

describe('FramedLink', () => {
  it('carries whole payloads over a link that chunks arbitrarily', async () => {
    const { host, board } = createMemoryPair({ chunking: true });
    const a = new FramedLink(host);
    const b = new FramedLink(board);
    const got: Uint8Array[] = [];
    const done = new Promise<void>((resolve) =>
      b.onFrame((p) => {
        got.push(p);
        if (got.length === 3) resolve();
      }),
    );
    const payloads = [new Uint8Array([1, 0, 2]), new Uint8Array(0), new Uint8Array(3000).fill(0)];
    await a.send(payloads[0]);
    await a.sendMany(payloads.slice(1));
    await done;
    for (const [i, g] of got.entries()) expect(equalBytes(g, payloads[i])).toBe(true);
    expect(b.stats.garbageBytes).toBe(0);
    await a.close();
  });
});

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

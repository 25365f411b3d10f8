/**
 * Property: whatever the link does (drops, bit flips, duplicates, in random pieces, in both
 * directions), staged bytes arrive exactly: the board's CRC check at commit always passes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Board } from '../../firmware-sim/board.ts';
import { Session } from '../../src/device/session.ts';
import type { SpikeforgeError } from '../../src/errors.ts';
import { createMemoryPair } from '../../src/transport/memory.ts';
import { crc32 } from '../../src/util/crc32.ts';

describe('Session under random faults', () => {
  it('stages every byte exactly once per chunk, whatever the faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 64, max: 700 }),
        fc.record({
          drop: fc.double({ min: 0, max: 0.15, noNaN: true }),
          corrupt: fc.double({ min: 0, max: 0.15, noNaN: true }),
          duplicate: fc.double({ min: 0, max: 0.15, noNaN: true }),
          seed: fc.integer({ min: 1, max: 1 << 30 }),
        }),
        async (data, chunkSize, faults) => {
          const { host, board } = createMemoryPair({ faults, chunking: true });
          new Board({ maxFrameSize: 1024 }).attach(board);
          const s = new Session(host, { timeoutMs: 4, maxTimeoutMs: 16, retries: 60 });
          try {
            await s.request({ hello: { protocolMin: 1, protocolMax: 1, sessionId: 1 } });
            // Random bytes that end in their own CRC32, as an image does: intact, but no image.
            const bytes = new Uint8Array(data.length + 4);
            bytes.set(data);
            const crc = crc32(data);
            new DataView(bytes.buffer).setUint32(data.length, crc, true);
            await s.request({
              configBegin: { imageSize: bytes.length, imageCrc: crc, imageFormatVersion: 1, chunkSize },
            });
            const chunks = Math.ceil(bytes.length / chunkSize);
            await Promise.all(
              Array.from({ length: chunks }, (_, i) =>
                s.request({
                  configChunk: {
                    offset: i * chunkSize,
                    data: bytes.subarray(i * chunkSize, (i + 1) * chunkSize),
                  },
                }),
              ),
            );
            // Random bytes are no image: the board refuses them as invalid, which it only checks once
            // every chunk is there and the CRC32 of what it staged matches.
            const err = (await s
              .request({ configCommit: { imageCrc: crc } })
              .catch((e: unknown) => e)) as SpikeforgeError;
            expect(err.details).toContain('board error code 8 (IMAGE_INVALID)');
          } finally {
            await s.close();
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

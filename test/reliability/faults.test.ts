/**
 * Faults on the link and the board: a board that dies mid-run, heavy loss and corruption, a link cut
 * at every phase of a flash. The client ends every wait and reports what the board really runs.
 */
import { describe, expect, it } from 'vitest';
import { Board } from '../../firmware-sim/board.ts';
import { Device } from '../../src/device/device.ts';
import { imageCrc } from '../../src/image/image.ts';
import { createMemoryPair, withFaults } from '../../src/transport/memory.ts';
import type { Transport } from '../../src/transport/types.ts';
import { compiledCase, goldenInput, goldenSteps } from '../device/helpers.ts';
import { CASE, connect, flashedBoard, liveTimers, rejection, sleep } from './helpers.ts';

/** Writes delivered in pieces of `size` bytes, as a pty hands a long frame over in short reads. */
function inPieces(t: Transport, size: number): Transport {
  return {
    uri: t.uri,
    get isOpen() {
      return t.isOpen;
    },
    write: async (data) => {
      for (let i = 0; i < data.length; i += size) await t.write(data.subarray(i, i + size));
    },
    onData: (l) => t.onData(l),
    onClose: (l) => t.onClose(l),
    close: () => t.close(),
  };
}

describe('faults: the board dies', () => {
  it('mid-run with more input than one FIFO credit: the run fails and the client leaves nothing running', async () => {
    // resumeMs: the board holds a run whose link was lost only briefly here (the client cannot come back).
    const board = await flashedBoard({
      inputFifoCapacity: 600,
      outputWindow: 4,
      maxFrameSize: 2048,
      resumeMs: 20,
    });
    const before = liveTimers();
    const dev = await connect(board);
    const input = goldenInput(CASE);
    expect(input.count).toBeGreaterThan(2 * 600);
    const e = await rejection(
      (async () => {
        let batches = 0;
        for await (const _ of dev.run(input, { steps: goldenSteps(CASE) })) {
          // The board is gone after its first output: the input sender is waiting for credit.
          if (++batches === 1) await dev.boardEnd.close();
        }
      })(),
    );
    expect(e.code).toBe('DISCONNECTED');
    expect(e.message).toMatch(/the link to .* closed/);
    await dev.close();
    await sleep(120);
    expect(liveTimers()).toBeLessThanOrEqual(before);
  });
});

describe('faults: a heavy-fault link', () => {
  it.each([1, 2])(
    'a pty-like link with 8 percent drop, 5 corruption, 5 duplication still flashes (seed $0): chunks shrink, attempts and time reported',
    async (seed) => {
      const image = (await compiledCase(CASE, 'all')).image;
      const board = new Board({ maxFrameSize: 16384 });
      const { host, board: end } = createMemoryPair();
      // Every piece of a frame may be lost or damaged, so long frames rarely cross whole (was: TIMEOUT
      // "did not answer configChunk after 7 attempts", every seed).
      board.attach(withFaults(inPieces(end, 512), { drop: 0.08, corrupt: 0.05, duplicate: 0.05, seed }));
      const dev = await Device.connect(inPieces(host, 512), {
        maxFrameSize: 16384,
        session: { timeoutMs: 30, maxTimeoutMs: 120 },
      });
      const r = await dev.flash(image);
      expect(board.activeImageCrc).toBe(imageCrc(image));
      expect(r.chunkSize).toBeLessThan(16384 - 64);
      expect(r.attempts).toBeGreaterThan(r.chunks);
      expect(r.ms).toBeGreaterThan(0);
      await dev.close();
    },
  );
});

describe('faults: the link is cut during a flash', () => {
  /** A device on `board` whose first link is cut after `cutAfter` bytes; reopening gives `next()`'s link. */
  async function cutDevice(board: Board, cutAfter: number, next?: () => Transport): Promise<Device> {
    const { host, board: end } = createMemoryPair();
    board.attach(end);
    const reopen = next
      ? async () => {
          const t = next();
          return { transport: t };
        }
      : undefined;
    return Device.connect(withFaults(host, { disconnectAfter: cutAfter }), {}, () => {}, reopen);
  }
  const clean = (board: Board) => () => {
    const { host, board: end } = createMemoryPair();
    board.attach(end);
    return host;
  };

  it('cut during readback verification after commit: reconnects, finishes verifying, reports applied and verified', async () => {
    const board = await flashedBoard();
    const image = (await compiledCase(CASE, 'last')).image;
    const dev = await cutDevice(board, image.length + 8000, clean(board));
    const r = await dev.flash(image, { verify: 'readback' });
    expect(r.verified).toBe('readback');
    expect(board.activeImageCrc).toBe(imageCrc(image));
    expect((await dev.info()).activeImage?.crc).toBe(imageCrc(image));
    await dev.close();
  });

  it('cut during the chunks: reports "not applied" and the CRC the board still runs', async () => {
    const board = await flashedBoard();
    const old = board.activeImageCrc;
    const image = (await compiledCase(CASE, 'last')).image;
    const dev = await cutDevice(board, image.length >> 1, clean(board));
    const e = await rejection(dev.flash(image, { verify: 'readback' }));
    expect(e.message).toMatch(
      new RegExp(`not applied: .* runs image CRC32 0x${old.toString(16).padStart(8, '0')}, this image is 0x`),
    );
    expect(board.activeImageCrc).toBe(old);
    await dev.close();
  });

  it('cut again while verifying after reconnecting: reports "applied, verification not finished"', async () => {
    const board = await flashedBoard();
    const image = (await compiledCase(CASE, 'last')).image;
    const again = () => {
      const { host, board: end } = createMemoryPair();
      board.attach(end);
      return withFaults(host, { disconnectAfter: 4000 });
    };
    const dev = await cutDevice(board, image.length + 8000, again);
    const e = await rejection(dev.flash(image, { verify: 'readback' }));
    expect(e.message).toMatch(
      /applied, verification not finished: .* runs this image \(CRC32 0x[0-9a-f]{8}\), the readback failed/,
    );
    expect(board.activeImageCrc).toBe(imageCrc(image));
    await dev.close();
  });

  it('a device that cannot reopen its link says it could not find out', async () => {
    const board = await flashedBoard();
    const image = (await compiledCase(CASE, 'last')).image;
    const dev = await cutDevice(board, image.length + 8000);
    const e = await rejection(dev.flash(image, { verify: 'readback' }));
    expect(e.message).toMatch(/could not reach .* again to learn whether the image was applied/);
    await dev.close();
  });
});

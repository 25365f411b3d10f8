/**
 * A hostile or broken host against the board: no frame a peer sends may end the board process; bad
 * input gets an error answer, the board keeps serving and keeps its configuration.
 */
import { describe, expect, it, vi } from 'vitest';
import { Emulator } from '../../src/emulator/index.ts';
import { makeInputEvents } from '../../src/events/types.ts';
import { imageCrc } from '../../src/image/image.ts';
import { packInputEvents } from '../../src/transport/eventpack.ts';
import {
  collect,
  compiledCase,
  expectedRows,
  goldenInput,
  goldenSteps,
  spikeRows,
} from '../device/helpers.ts';
import { CASE, connect, flashedBoard, rawSession, rejection } from './helpers.ts';

/** One event at step 0, three step tokens of +2^30 (the counter passes 2^31), one more event. */
function overflowingFrame(): Uint8Array {
  const one = makeInputEvents(1);
  one.count = 1;
  const head = packInputEvents(one, 0, 1, 0);
  // A step token is ((delta - 1) << 1) | 1: delta 2^30 is 2^31 - 1, five LEB128 bytes.
  const step = [0xff, 0xff, 0xff, 0xff, 0x07];
  const event = head.subarray(3);
  return Uint8Array.from([...head, ...step, ...step, ...step, ...event]);
}

describe('board: peer input never ends the board', () => {
  it('an InputEvents frame whose step counter passes 2^31 is refused; the board keeps serving', async () => {
    const board = await flashedBoard();
    const crc = board.activeImageCrc;
    const s = await rawSession(board);
    await s.request({ start: { steps: 0, runId: 1 } });
    const e = await rejection(
      s.request({ inputEvents: { streamSeq: 1, firstStep: 0, count: 2, packed: overflowingFrame() } }),
    );
    expect(e.message).toMatch(/BAD_REQUEST: input frame 1: .*step counter passes 2147483647/);
    // Let a pump run (it would have thrown there, inside setImmediate).
    await new Promise((r) => setTimeout(r, 20));
    expect((await s.request({ getStatus: {} })).status?.running).toBe(true);
    await s.close();
    expect(board.activeImageCrc).toBe(crc);
    const dev = await connect(board);
    const rows = spikeRows(await collect(dev.run(goldenInput(CASE), { steps: goldenSteps(CASE) })));
    expect(rows).toEqual(expectedRows(CASE));
    await dev.close();
  });

  it('a first step beyond int32 is refused', async () => {
    const board = await flashedBoard();
    const s = await rawSession(board);
    await s.request({ start: { steps: 0, runId: 1 } });
    const one = makeInputEvents(1);
    one.count = 1;
    const e = await rejection(
      s.request({
        inputEvents: { streamSeq: 1, firstStep: 0x80000000, count: 1, packed: packInputEvents(one, 0, 1, 0) },
      }),
    );
    expect(e.message).toMatch(/first step 2147483648 is outside 0\.\.2147483647/);
    await s.close();
  });

  it('a failure inside a run (the chip model throws) stops the run and tells the host; the board serves on', async () => {
    const board = await flashedBoard();
    const crc = board.activeImageCrc;
    const dev = await connect(board);
    const spy = vi.spyOn(Emulator.prototype, 'advance').mockImplementationOnce(() => {
      throw new Error('simulated chip fault');
    });
    try {
      const e = await rejection(collect(dev.run(goldenInput(CASE), { steps: goldenSteps(CASE) })));
      expect(e.message).toMatch(
        /board error INTERNAL: the run failed on the board and was stopped: simulated chip fault/,
      );
    } finally {
      spy.mockRestore();
    }
    await dev.close();
    expect(board.activeImageCrc).toBe(crc);
    expect(board.running).toBe(false);
    const again = await connect(board);
    const image = (await compiledCase(CASE, 'all')).image;
    expect((await again.info()).activeImage?.crc).toBe(imageCrc(image));
    const rows = spikeRows(await collect(again.run(goldenInput(CASE), { steps: goldenSteps(CASE) })));
    expect(rows).toEqual(expectedRows(CASE));
    await again.close();
  });
});

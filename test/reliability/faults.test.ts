/**
 * Faults on the link and the board: a board that dies mid-run, heavy loss and corruption, a link cut
 * at every phase of a flash. The client ends every wait and reports what the board really runs.
 */
import { describe, expect, it } from 'vitest';
import { goldenInput, goldenSteps } from '../device/helpers.ts';
import { CASE, connect, flashedBoard, liveTimers, rejection, sleep } from './helpers.ts';

describe('faults: the board dies', () => {
  it('mid-run with more input than one FIFO credit: the run fails and the client leaves nothing running', async () => {
    const board = await flashedBoard({ inputFifoCapacity: 600, outputWindow: 4, maxFrameSize: 2048 });
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

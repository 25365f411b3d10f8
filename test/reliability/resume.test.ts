/**
 * A run survives pulled cables: the board holds the run for its session, the client opens the link
 * again with the same session id and the run goes on where it was, spikes identical to the emulator's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Board } from '../../firmware-sim/board.ts';
import { Device } from '../../src/device/device.ts';
import { runEmulator } from '../../src/emulator/index.ts';
import type { InputEvents } from '../../src/events/types.ts';
import { createMemoryPair, withFaults } from '../../src/transport/memory.ts';
import { collect, compiledCase, goldenInput, goldenSteps, spikeRows } from '../device/helpers.ts';
import { rejectionOf } from '../helpers.ts';

const CASE = 'nmnist_csnn';
let input: InputEvents;
let steps: number;
let offline: string[];
let image: Uint8Array;

beforeAll(async () => {
  const c = await compiledCase(CASE);
  image = c.image;
  input = goldenInput(CASE);
  steps = goldenSteps(CASE);
  offline = spikeRows(runEmulator(c.config, input, { steps, monitor: 'all' }));
});

/**
 * A device on `board` whose every link (the first and each reopened one) is cut after `cutAfter` bytes;
 * frames of 4 KiB, so that a frame fits what a link carries.
 */
async function cutEvery(board: Board, cutAfter: number): Promise<{ dev: Device; links: () => number }> {
  let links = 0;
  const open = () => {
    links++;
    const { host, board: end } = createMemoryPair();
    board.attach(withFaults(end, { disconnectAfter: cutAfter }));
    return host;
  };
  const reopen = async () => ({ transport: open() });
  const dev = await Device.connect(
    open(),
    { maxFrameSize: 4096, session: { timeoutMs: 50 } },
    () => {},
    reopen,
  );
  return { dev, links: () => links };
}

describe('a run across lost links', () => {
  it('reconnects and resumes: the spikes are those of the emulator, none lost or doubled', async () => {
    const lines: string[] = [];
    const board = new Board({ log: (l) => l.startsWith('board:') && lines.push(l) });
    const flasher = await Device.connect(
      (() => {
        const { host, board: end } = createMemoryPair();
        board.attach(end);
        return host;
      })(),
    );
    await flasher.flash(image);
    await flasher.close();

    // A link carries 60 kB: the image read back when the run starts (40 kB), then the run (about 14 kB
    // of input, 80 kB of spikes) needs two more links.
    const { dev, links } = await cutEvery(board, 60_000);
    const rows = spikeRows(await collect(dev.run(input, { steps, monitor: 'all' })));
    expect(rows).toEqual(offline);
    expect(links()).toBeGreaterThan(2);
    // The board held the run each time and resumed it on the new link; it never ended the session early.
    const resumed = lines.filter((l) => l.includes('session resumed')).length;
    expect(resumed).toBe(links() - 1);
    expect(lines.filter((l) => l.includes('did not come back'))).toEqual([]);
    await dev.close();
  });

  it('with reconnect: false the lost link ends the run, as before', async () => {
    const board = new Board();
    const { dev: flasher } = await cutEvery(board, 1e9);
    await flasher.flash(image);
    await flasher.close();
    const { dev } = await cutEvery(board, 60_000);
    const err = await rejectionOf(collect(dev.run(input, { steps, monitor: 'all', reconnect: false })));
    expect(err.code).toBe('DISCONNECTED');
    await dev.close();
  });
});

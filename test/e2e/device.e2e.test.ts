/**
 * The user's whole path without hardware: compile the N-MNIST CSNN, flash it over a real serial line
 * (a pseudo-terminal pair) or TCP to the simulated board, run the golden input, read the spikes back.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from '../../firmware-sim/sim.ts';
import { startSim } from '../../firmware-sim/sim.ts';
import { loadConfig } from '../../src/compiler/index.ts';
import { openDevice } from '../../src/device/index.ts';
import { runEmulator } from '../../src/emulator/index.ts';
import type { InputEvents } from '../../src/events/types.ts';
import { imageCrc } from '../../src/image/image.ts';
import type { ChipConfig } from '../../src/image/index.ts';
import { collect, expectedRows, goldenInput, goldenSteps, spikeRows } from '../device/helpers.ts';
import { goldenFile } from '../fixtures.ts';

const CASE = 'nmnist_csnn';
let config: ChipConfig;
let image: Uint8Array;
let other: Uint8Array;
let input: InputEvents;
let steps: number;
let offline: string[];
let sims: SimServer[] = [];

beforeAll(async () => {
  ({ config, image } = await loadConfig(goldenFile(CASE, 'network.nir'), { monitor: 'all' }));
  other = (await loadConfig(goldenFile(CASE, 'network.nir'), { monitor: 'last' })).image;
  input = goldenInput(CASE);
  steps = goldenSteps(CASE);
  offline = spikeRows(runEmulator(config, input, { steps, monitor: 'all' }));
});

afterEach(async () => {
  for (const s of sims) await s.close();
  sims = [];
});

async function sim(options: Parameters<typeof startSim>[0]): Promise<SimServer> {
  const s = await startSim(options);
  sims.push(s);
  return s;
}

async function flashAndRun(uri: string, verify: 'crc' | 'readback' = 'readback'): Promise<string[]> {
  const dev = await openDevice(uri);
  try {
    const r = await dev.flash(image, { verify });
    expect(r.verified).toBe(verify);
    expect((await dev.info()).activeImage?.crc).toBe(imageCrc(image));
    return spikeRows(await collect(dev.run(input, { steps, monitor: 'all' })));
  } finally {
    await dev.close();
  }
}

describe('flash and run end to end', () => {
  it('over a pseudo-terminal serial line: identical to the offline emulator and to expected.csv', async () => {
    const s = await sim({ pty: true });
    expect(s.uri).toMatch(/^serial:\//);
    const rows = await flashAndRun(s.uri);
    expect(rows).toEqual(offline);
    expect(rows).toEqual(expectedRows(CASE));
  });

  it('over TCP: identical to the offline emulator and to expected.csv', async () => {
    const s = await sim({ tcp: 0 });
    expect(s.uri).toMatch(/^tcp:127\.0\.0\.1:\d+$/);
    const rows = await flashAndRun(s.uri);
    expect(rows).toEqual(offline);
    expect(rows).toEqual(expectedRows(CASE));
  });

  it('with 1% drops and 1% corruption the flash completes, verified, and the results are identical', async () => {
    const s = await sim({ tcp: 0, faults: 'drop=0.01,corrupt=0.01,seed=3', board: { maxFrameSize: 1024 } });
    expect(await flashAndRun(s.uri, 'readback')).toEqual(offline);
    // Smaller frames mean many of them: the faults really happened and were repaired.
    const status = s.board.status();
    expect(status.framesIn).toBeGreaterThan(100);
  });

  it('the same faults over the serial line', async () => {
    const s = await sim({
      pty: true,
      faults: 'drop=0.01,corrupt=0.01,dup=0.01,seed=4',
      board: { maxFrameSize: 1024 },
    });
    expect(await flashAndRun(s.uri, 'readback')).toEqual(offline);
  });

  it('a disconnect in the middle of a flash leaves the old configuration active; a new flash succeeds', async () => {
    // Every connection is cut after 60 kB: the first flash fits, the second is cut mid-way.
    // Frames of 8 KiB (asked in Hello) make the image several chunks, so a resume has some to skip.
    const s = await sim({ tcp: 0, faults: 'disconnect-after=60000' });
    const dev = await openDevice(s.uri, { maxFrameSize: 8192 });
    expect((await dev.info()).maxFrameSize).toBe(8192);
    await dev.flash(image);
    const err = await dev.flash(other).then(
      () => undefined,
      (e: unknown) => e as { code: string },
    );
    expect(err?.code).toBe('DISCONNECTED');
    expect(s.board.activeImageCrc).toBe(imageCrc(image));
    await dev.close();
    const again = await openDevice(s.uri, { maxFrameSize: 8192 });
    expect((await again.info()).activeImage?.crc).toBe(imageCrc(image));
    const r = await again.flash(other, { resume: true });
    expect(r.sent).toBeLessThan(other.length);
    expect(s.board.activeImageCrc).toBe(imageCrc(other));
    await again.close();
  });

  it('a second client of the same board is refused as busy (TCP and serial)', async () => {
    for (const s of [await sim({ tcp: 0 }), await sim({ pty: true })]) {
      const dev = await openDevice(s.uri);
      const err = await openDevice(s.uri).then(
        () => undefined,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(err?.code).toBe('DEVICE_BUSY');
      expect(err?.message).toMatch(/busy|in use/);
      await dev.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { startSim } from '../../firmware-sim/sim.ts';
import { loadConfig } from '../../src/compiler/index.ts';
import { openDevice } from '../../src/device/index.ts';
import { goldenFile } from '../fixtures.ts';

describe('spikeforge sim --fault', () => {
  it('logs each fault it injects, so that what the client saw can be explained', async () => {
    const lines: string[] = [];
    const sim = await startSim({
      tcp: 0,
      faults: 'dup=0.2,seed=5,reset-during-flash',
      log: (l) => lines.push(l),
    });
    try {
      const { image } = await loadConfig(goldenFile('nmnist_csnn', 'network.nir'));
      const dev = await openDevice(sim.uri, { maxFrameSize: 4096 }); // several chunks: the reset strikes half way
      try {
        const r = await dev.flash(image);
        expect(r.bytes).toBe(image.length);
      } finally {
        await dev.close();
      }
    } finally {
      await sim.close();
    }
    expect(lines, lines.join('\n')).toContain('fault: reset during the flash (reset-during-flash)');
    expect(lines.some((l) => /^fault: duplicated \d+ bytes (sent|received)$/.test(l))).toBe(true);
    expect(lines.every((l) => l.startsWith('fault: '))).toBe(true);
  });
});

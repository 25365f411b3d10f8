/** The emulator runs a chip by its profile's state width, and says so when its engines cannot. */
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { Emulator } from '../../src/emulator/index.ts';
import { makeInputEvents } from '../../src/events/types.ts';
import { oneCoreConfig } from '../configs.ts';
import { errorOf } from '../helpers.ts';

const config = (thresholdHigh: number) =>
  oneCoreConfig([1, 1, 1], { outputShape: [1, 1, 1], weights: Int8Array.of(1), thresholdHigh });

describe('emulator and chip profile', () => {
  it("checks thresholds against the profile's state range", () => {
    expect(() => new Emulator(config(32767))).not.toThrow();
    const e = errorOf(() => new Emulator(config(32768)));
    expect(e.message).toMatch(/threshold_high is 32768, must be an integer in 1\.\.32767/);
  });

  it('refuses a profile whose state width its engines do not implement, naming the chip and widths', () => {
    const narrow = { ...dynapcnn9, id: 'narrow12', stateBits: 12 };
    const e = errorOf(() => new Emulator(config(10), { profile: narrow }));
    expect(e.message).toBe(
      "chip narrow12: 12-bit neuron state; the emulator's engines implement 16-bit state",
    );
  });

  it('runs with the profile the configuration names (dynapcnn9)', () => {
    const ev = makeInputEvents(1);
    ev.count = 1;
    const spikes = new Emulator(config(1), { monitor: 'all' }).run(ev, { steps: 1 });
    expect(spikes.count).toBe(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseReference, Emulator } from '../../src/emulator/index.ts';
import type { CaseOptions } from './random.ts';
import { randomCase, spikeRows } from './random.ts';

function agrees(seed: number, o: CaseOptions = {}): void {
  const { config, events, steps } = randomCase(seed, o);
  const dense = denseReference(config, events, steps);
  const emu = new Emulator(config, { monitor: 'all' });
  const fast = emu.run(events, { steps });
  expect(spikeRows(fast)).toEqual(spikeRows(dense));
}

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('event-driven engine against the dense reference', () => {
  it('random chains, fan-outs, merges and input fan-outs', () => {
    fc.assert(
      fc.property(seeds, (s) => agrees(s)),
      { numRuns: 200 },
    );
  });

  for (const topology of ['chain', 'fanout', 'merge', 'inputFanout'] as const) {
    for (const pooling of [2, 4]) {
      it(`${topology} with pooling ${pooling}`, () => {
        fc.assert(
          fc.property(seeds, (s) => agrees(s, { topology, pooling })),
          { numRuns: 40 },
        );
      });
    }
  }

  it('saturation at the int16 bounds, both reset modes', () => {
    fc.assert(
      fc.property(seeds, fc.constantFrom('subtract', 'zero' as const), (s, reset) =>
        agrees(s, { saturate: true, reset }),
      ),
      { numRuns: 80 },
    );
  });

  it('return-to-zero reset', () => {
    fc.assert(
      fc.property(seeds, (s) => agrees(s, { reset: 'zero' })),
      { numRuns: 80 },
    );
  });
});

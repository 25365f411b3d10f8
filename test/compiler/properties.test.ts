/** Property tests: placement finds an assignment whenever one exists; images and register writes round-trip any configuration. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { fitsCore, tryPlace } from '../../src/compiler/index.ts';
import {
  type ChipConfig,
  type CoreConfig,
  configFromRegisterWrites,
  decodeImage,
  encodeImage,
  registerWrites,
} from '../../src/image/index.ts';
import type { Shape3 } from '../../src/network/schema.ts';

const Ki = 1024;

/** Whether some assignment exists: DP over subsets of cores, layer by layer. */
function feasible(fits: boolean[][]): boolean {
  let reachable = new Set<number>([0]);
  for (const row of fits) {
    const next = new Set<number>();
    for (const used of reachable) {
      row.forEach((ok, core) => {
        if (ok && !(used & (1 << core))) next.add(used | (1 << core));
      });
    }
    reachable = next;
  }
  return reachable.size > 0;
}

describe('placement', () => {
  it('finds an assignment exactly when one exists, and every assigned core fits its layer', () => {
    const demand = fc.record({
      kernel: fc.constantFrom(1, 16 * Ki, 20 * Ki, 32 * Ki, 40 * Ki, 64 * Ki),
      neuron: fc.constantFrom(1, 16 * Ki, 20 * Ki, 32 * Ki, 40 * Ki, 64 * Ki),
      bias: fc.constant(0),
    });
    fc.assert(
      fc.property(fc.array(demand, { minLength: 1, maxLength: 9 }), (ds) => {
        const demands = ds.map((d, i) => ({ layer: `l${i}`, ...d }));
        const { assignment, problems } = tryPlace(demands, dynapcnn9);
        const possible = feasible(demands.map((d) => dynapcnn9.cores.map((c) => fitsCore(d, c))));
        expect(problems.length === 0).toBe(possible);
        if (possible) expect(assignment.size).toBe(demands.length);
        const cores = [...assignment.values()];
        expect(new Set(cores).size).toBe(cores.length);
        for (const d of demands) {
          const id = assignment.get(d.layer);
          if (id !== undefined) expect(fitsCore(d, dynapcnn9.cores[id])).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

const int8Array = (n: number) =>
  fc.array(fc.integer({ min: -128, max: 127 }), { minLength: n, maxLength: n }).map((a) => Int8Array.from(a));
const int16Array = (n: number) =>
  fc
    .array(fc.integer({ min: -32768, max: 32767 }), { minLength: n, maxLength: n })
    .map((a) => Int16Array.from(a));

const coreArb = (coreId: number, later: number[]): fc.Arbitrary<CoreConfig> =>
  fc
    .record({
      c: fc.integer({ min: 1, max: 3 }),
      f: fc.integer({ min: 1, max: 3 }),
      k: fc.integer({ min: 1, max: 3 }),
      h: fc.integer({ min: 1, max: 4 }),
      w: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ c, f, k, h, w }) =>
      fc.record({
        coreId: fc.constant(coreId),
        layer: fc.string({ maxLength: 12, unit: 'grapheme' }),
        inputShape: fc.constant<Shape3>([c, h + 2, w + 2]),
        outputShape: fc.constant<Shape3>([f, h, w]),
        kernelSize: fc.constant(k),
        stride: fc.tuple(fc.constantFrom(1, 2, 4, 8), fc.constantFrom(1, 2, 4, 8)),
        padding: fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })),
        weights: int8Array(f * c * k * k),
        biases: fc.option(int16Array(f), { nil: null }),
        thresholdHigh: fc.integer({ min: 1, max: 32767 }),
        thresholdLow: fc.integer({ min: -32768, max: 0 }),
        reset: fc.constantFrom<'subtract' | 'zero'>('subtract', 'zero'),
        initialState: fc.option(int16Array(f * h * w), { nil: null }),
        // Feed-forward only (to higher core ids), as a runnable configuration must be.
        destinations:
          later.length > 0
            ? fc.array(fc.record({ coreId: fc.constantFrom(...later), pooling: fc.constantFrom(1, 2, 4) }), {
                maxLength: 2,
              })
            : fc.constant([]),
        monitor: fc.boolean(),
      }),
    );

const configArb: fc.Arbitrary<ChipConfig> = fc
  .uniqueArray(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 4 })
  .map((ids) => [...ids].sort((a, b) => a - b))
  .chain((ids) =>
    fc.record({
      formatVersion: fc.constant(1),
      chip: fc.constant('dynapcnn9'),
      sourceHash: fc
        .uint8Array({ minLength: 32, maxLength: 32 })
        .map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')),
      input: fc.record({
        name: fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }),
        shape: fc.tuple(
          fc.integer({ min: 1, max: 2 }),
          fc.integer({ min: 1, max: 128 }),
          fc.integer({ min: 1, max: 128 }),
        ),
        crop: fc.tuple(
          fc.nat(10),
          fc.nat(10),
          fc.integer({ min: 11, max: 128 }),
          fc.integer({ min: 11, max: 128 }),
        ),
        flipX: fc.boolean(),
        flipY: fc.boolean(),
        swapXY: fc.boolean(),
        destinations: fc.array(
          fc.record({ coreId: fc.constantFrom(...ids), pooling: fc.constantFrom(1, 2, 4) }),
          { maxLength: 2 },
        ),
      }),
      cores: fc.tuple(
        ...ids.map((id) =>
          coreArb(
            id,
            ids.filter((x) => x > id),
          ),
        ),
      ),
    }),
  );

describe('any configuration', () => {
  it('round-trips through the image and through the register writes', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const bytes = encodeImage(config);
        expect(decodeImage(bytes)).toEqual(config);
        expect(encodeImage(decodeImage(bytes))).toEqual(bytes);
        expect(configFromRegisterWrites(registerWrites(config, dynapcnn9), dynapcnn9)).toEqual(config);
      }),
      { numRuns: 150 },
    );
  });
});

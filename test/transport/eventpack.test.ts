import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSpikeforgeError } from '../../src/errors.ts';
import { parseInputCsv } from '../../src/events/csv.ts';
import { makeInputEvents } from '../../src/events/types.ts';
import {
  type CoreEvents,
  makeCoreEvents,
  packCoreEvents,
  packCoreEventsWithin,
  packInputEvents,
  packInputEventsWithin,
  unpackCoreEvents,
  unpackInputEvents,
} from '../../src/transport/eventpack.ts';
import { goldenFile } from '../fixtures.ts';
import { inputOf } from '../helpers.ts';

function coreOf(rows: [number, number, number, number, number][]): CoreEvents {
  const ev = makeCoreEvents(rows.length);
  rows.forEach(([t, core, c, y, x], i) => {
    ev.t[i] = t;
    ev.core[i] = core;
    ev.c[i] = c;
    ev.y[i] = y;
    ev.x[i] = x;
  });
  ev.count = rows.length;
  return ev;
}

const slice = <E extends { count: number }>(ev: E, keys: (keyof E)[], from: number, to: number) =>
  Object.fromEntries(keys.map((k) => [k, Array.from((ev[k] as Int32Array).subarray(from, to))]));

/** Sorted event rows: step deltas from a start step, then fields. */
const inputRowsArb = fc
  .tuple(
    fc.nat(1000),
    fc.array(
      fc
        .tuple(fc.nat(5), fc.nat(1023), fc.nat(127), fc.nat(127))
        .map(([d, c, y, x]) => [d, c, y, x] as const),
      { maxLength: 300 },
    ),
  )
  .map(([start, items]) => {
    let t = start;
    return {
      start,
      rows: items.map(([d, c, y, x]) => {
        t += d === 5 ? 100_000 : d; // sometimes a long silence
        return [t, c, y, x] as [number, number, number, number];
      }),
    };
  });

describe('event packing', () => {
  it('packs the PROTOCOL.md example byte for byte', () => {
    const ev = inputOf([
      [10, 1, 2, 3],
      [10, 0, 33, 4],
      [12, 1, 0, 0],
    ]);
    const packed = packInputEvents(ev, 0, 3, 10);
    expect(Array.from(packed)).toEqual([0x01, 0x06, 0x03, 0xa6, 0x08, 0x98, 0x04, 0x03, 0x80, 0x08]);
    expect(slice(unpackInputEvents(packed, 10, 3), ['t', 'c', 'y', 'x'], 0, 3)).toEqual(
      slice(ev, ['t', 'c', 'y', 'x'], 0, 3),
    );
  });

  it('round-trips any sorted input events from any first step', () => {
    fc.assert(
      fc.property(inputRowsArb, fc.nat(10), ({ start, rows }, back) => {
        const ev = inputOf(rows);
        const first = Math.max(0, start - back);
        const packed = packInputEvents(ev, 0, ev.count, first);
        const got = unpackInputEvents(packed, first, ev.count);
        expect(got.count).toBe(ev.count);
        expect(slice(got, ['t', 'c', 'y', 'x'], 0, got.count)).toEqual(
          slice(ev, ['t', 'c', 'y', 'x'], 0, ev.count),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips core events, also when split into frame-sized batches appended into one buffer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3), fc.nat(8), fc.nat(255), fc.nat(63), fc.nat(63)), { maxLength: 400 }),
        fc.integer({ min: 20, max: 300 }),
        (items, maxBytes) => {
          let t = 0;
          const ev = coreOf(
            items.map(([d, core, c, y, x]) => {
              t += d;
              return [t, core, c, y, x];
            }),
          );
          const out = makeCoreEvents(ev.count);
          let from = 0;
          let step = 0;
          while (from < ev.count) {
            const { packed, end } = packCoreEventsWithin(ev, from, ev.count, step, maxBytes);
            expect(packed.length).toBeLessThanOrEqual(maxBytes);
            expect(end).toBeGreaterThan(from);
            unpackCoreEvents(packed, step, end - from, out);
            step = ev.t[end - 1];
            from = end;
          }
          const keys: (keyof CoreEvents)[] = ['t', 'core', 'c', 'y', 'x'];
          expect(out.count).toBe(ev.count);
          expect(slice(out, keys, 0, out.count)).toEqual(slice(ev, keys, 0, ev.count));
          const whole = packCoreEvents(ev, 0, ev.count, 0);
          expect(unpackCoreEvents(whole, 0, ev.count).count).toBe(ev.count);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('packs the golden N-MNIST input in at most 4 bytes per event on the wire', () => {
    const file = goldenFile('nmnist_csnn', 'input.csv');
    const ev = parseInputCsv(readFileSync(file, 'utf8'), file);
    expect(ev.count).toBeGreaterThan(1000);
    // As the device client sends it: batches that fit a 4096-byte frame, each its own header.
    let bytes = 0;
    let from = 0;
    let step = 0;
    const out = makeInputEvents(ev.count);
    while (from < ev.count) {
      const { packed, end } = packInputEventsWithin(ev, from, ev.count, step, 4000);
      bytes += packed.length + 16; // + the Envelope/InputEvents fields around it, a generous bound
      unpackInputEvents(packed, step, end - from, out);
      step = ev.t[end - 1];
      from = end;
    }
    const perEvent = bytes / ev.count;
    console.log(`golden nmnist input: ${ev.count} events, ${perEvent.toFixed(2)} bytes/event packed`);
    expect(perEvent).toBeLessThanOrEqual(4);
    expect(slice(out, ['t', 'c', 'y', 'x'], 0, out.count)).toEqual(
      slice(ev, ['t', 'c', 'y', 'x'], 0, ev.count),
    );
  });

  it('refuses unsorted or negative events with EVENTS_FORMAT naming the event', () => {
    expect(() =>
      packInputEvents(
        inputOf([
          [5, 0, 0, 0],
          [4, 0, 0, 0],
        ]),
        0,
        2,
        0,
      ),
    ).toThrow(/event 1 is at step 4, after an event at step 5/);
    expect(() => packInputEvents(inputOf([[3, 0, 0, 0]]), 0, 1, 4)).toThrow(/before the first step 4/);
    expect(() => packInputEvents(inputOf([[3, 0, -1, 0]]), 0, 1, 0)).toThrow(/event 0: y = -1 is negative/);
  });

  it('never crashes on garbage: it decodes or throws PROTOCOL', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(80), fc.nat(), (bytes, count, first) => {
        try {
          const got = unpackCoreEvents(bytes, first, count);
          expect(got.count).toBe(count);
        } catch (e) {
          expect(isSpikeforgeError(e) && e.code === 'PROTOCOL').toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    expect(() => unpackInputEvents(new Uint8Array([1, 1, 1, 0]), 0, 1_000_000)).toThrow(
      /count 1000000 does not fit/,
    );
    expect(() => unpackInputEvents(new Uint8Array([1, 1, 1, 0, 0]), 0, 1)).toThrow(/1 bytes left/);
    expect(unpackCoreEvents(new Uint8Array(0), 0, 0).count).toBe(0);
  });
});

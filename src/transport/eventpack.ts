/**
 * Compact event packing for InputEvents / OutputEvents (PROTOCOL.md "Event packing"): a header of
 * field widths, then LEB128 varint tokens. A step token advances the step by a delta; an event token
 * is the event's fields bit-packed into one address. N-MNIST input takes about 2 bytes per event.
 * Hot loops: no per-event objects, typed arrays in and out.
 */
import { SpikeforgeError } from '../errors.ts';
import { type InputEvents, makeInputEvents } from '../events/types.ts';

/** Events as the chip emits them: `core` is the core id, `c,y,x` the neuron in that core's output map. */
export interface CoreEvents {
  count: number;
  t: Int32Array;
  core: Int32Array;
  c: Int32Array;
  y: Int32Array;
  x: Int32Array;
}

export function makeCoreEvents(capacity: number): CoreEvents {
  return {
    count: 0,
    t: new Int32Array(capacity),
    core: new Int32Array(capacity),
    c: new Int32Array(capacity),
    y: new Int32Array(capacity),
    x: new Int32Array(capacity),
  };
}

/** Total address bits: token = address << 1 must stay a positive 31-bit integer. */
const MAX_ADDRESS_BITS = 30;
/** A varint longer than this cannot be a token. */
const MAX_VARINT_BYTES = 5;
/** A step token is `(delta - 1) << 1 | 1` in 31 bits. */
const MAX_STEP_DELTA = 2 ** 30;
/** Steps are int32 everywhere (event arrays, the emulator): a packed stream never passes this. */
const MAX_STEP = 0x7fffffff;
/** Worst case per event: a step token and an event token, 5 bytes each. */
export const MAX_PACKED_EVENT_BYTES = 2 * MAX_VARINT_BYTES;
const MAX_EVENT_BYTES = MAX_PACKED_EVENT_BYTES;

interface Columns {
  names: readonly string[];
  cols: Int32Array[];
}

const inputColumns = (ev: InputEvents): Columns => ({ names: ['c', 'y', 'x'], cols: [ev.c, ev.y, ev.x] });
const coreColumns = (ev: CoreEvents): Columns => ({
  names: ['core', 'c', 'y', 'x'],
  cols: [ev.core, ev.c, ev.y, ev.x],
});

function bitLength(v: number): number {
  return 32 - Math.clz32(v);
}

function formatError(message: string, hint?: string): SpikeforgeError {
  return new SpikeforgeError('EVENTS_FORMAT', message, { hint });
}

function protocolError(message: string): SpikeforgeError {
  return new SpikeforgeError('PROTOCOL', `packed events: ${message}`, {
    hint: 'the peer packs events differently: check that both sides speak the same protocol version',
  });
}

/** Field widths for events [from, to): the bit length of the largest value of each field. */
function widthsOf(columns: Columns, from: number, to: number): number[] {
  const widths: number[] = [];
  let total = 0;
  for (let f = 0; f < columns.cols.length; f++) {
    const col = columns.cols[f];
    // The OR of non-negative values has the bit length of their maximum; a negative one sets the sign.
    let bits = 0;
    for (let i = from; i < to; i++) bits |= col[i];
    if (bits < 0) {
      let i = from;
      while (col[i] >= 0) i++;
      throw formatError(
        `event ${i}: ${columns.names[f]} = ${col[i]} is negative`,
        'event fields are indexes >= 0',
      );
    }
    const w = bitLength(bits);
    widths.push(w);
    total += w;
  }
  if (total > MAX_ADDRESS_BITS) {
    throw formatError(
      `events ${from}..${to - 1} need ${total} address bits (${columns.names.map((n, f) => `${n}: ${widths[f]}`).join(', ')}), at most ${MAX_ADDRESS_BITS} fit`,
      'the event coordinates are far outside any map the chip has: check the input',
    );
  }
  return widths;
}

function pack(
  t: Int32Array,
  columns: Columns,
  from: number,
  to: number,
  firstStep: number,
  maxBytes: number,
): { packed: Uint8Array; end: number } {
  const nf = columns.cols.length;
  if (from < to && maxBytes < nf + MAX_EVENT_BYTES) {
    throw new SpikeforgeError(
      'INTERNAL',
      `${maxBytes} bytes cannot hold a packed event (at least ${nf + MAX_EVENT_BYTES})`,
    );
  }
  // At most one event per packed byte fits: never scan further than that for the widths.
  const scanEnd = Math.min(to, from + Math.max(0, maxBytes - nf));
  const widths = widthsOf(columns, from, scanEnd);
  const capacity = Math.min(maxBytes, nf + (scanEnd - from) * MAX_EVENT_BYTES);
  const out = new Uint8Array(capacity);
  for (let f = 0; f < nf; f++) out[f] = widths[f];
  let o = nf;
  let step = firstStep;
  // Three fields (input: c, y, x) or four (output: core, c, y, x), held in locals: the address of an
  // event is built without an inner loop over arrays of columns (this runs once per event).
  const cols = columns.cols;
  const four = nf === 4;
  const a0 = cols[0];
  const a1 = cols[1];
  const a2 = cols[2];
  const a3 = four ? cols[3] : cols[2];
  const w1 = widths[1];
  const w2 = widths[2];
  const w3 = four ? widths[3] : 0;
  let i = from;
  for (; i < scanEnd; i++) {
    if (o + MAX_EVENT_BYTES > capacity) break;
    const ti = t[i];
    if (ti !== step) {
      if (ti < step) {
        throw formatError(
          i === from
            ? `event ${i} is at step ${ti}, before the first step ${firstStep} of the batch`
            : `event ${i} is at step ${ti}, after an event at step ${step}`,
          'sort the events by t',
        );
      }
      if (ti - step > MAX_STEP_DELTA) {
        throw formatError(
          `event ${i} is ${ti - step} steps after the previous one, at most ${MAX_STEP_DELTA} per token`,
        );
      }
      let v = ((ti - step - 1) << 1) | 1;
      while (v > 0x7f) {
        out[o++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      out[o++] = v;
      step = ti;
    }
    let address = (((a0[i] << w1) | a1[i]) << w2) | a2[i];
    if (four) address = (address << w3) | a3[i];
    let v = address << 1;
    while (v > 0x7f) {
      out[o++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out[o++] = v;
  }
  return { packed: out.subarray(0, o), end: i };
}

function checkRange(count: number, from: number, to: number): void {
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= count)) {
    throw new SpikeforgeError('INTERNAL', `event range ${from}..${to} is outside 0..${count}`);
  }
}

/** Packs input events [from, to); `firstStep` goes into the message (`InputEvents.first_step`). */
export function packInputEvents(ev: InputEvents, from: number, to: number, firstStep: number): Uint8Array {
  return packInputEventsWithin(ev, from, to, firstStep, Number.MAX_SAFE_INTEGER).packed;
}

/**
 * Packs as many input events from `from` (up to `to`) as fit in `maxBytes`; `end` is the first event
 * not packed. Sized for a frame: pass the room left in the message.
 */
export function packInputEventsWithin(
  ev: InputEvents,
  from: number,
  to: number,
  firstStep: number,
  maxBytes: number,
): { packed: Uint8Array; end: number } {
  checkRange(ev.count, from, to);
  return pack(ev.t, inputColumns(ev), from, to, firstStep, maxBytes);
}

export function packCoreEvents(ev: CoreEvents, from: number, to: number, firstStep: number): Uint8Array {
  return packCoreEventsWithin(ev, from, to, firstStep, Number.MAX_SAFE_INTEGER).packed;
}

export function packCoreEventsWithin(
  ev: CoreEvents,
  from: number,
  to: number,
  firstStep: number,
  maxBytes: number,
): { packed: Uint8Array; end: number } {
  checkRange(ev.count, from, to);
  return pack(ev.t, coreColumns(ev), from, to, firstStep, maxBytes);
}

/** Decodes `count` events into `cols`/`t` starting at index `at`. Throws 'PROTOCOL' on any inconsistency. */
function unpack(
  bytes: Uint8Array,
  firstStep: number,
  count: number,
  t: Int32Array,
  cols: Int32Array[],
  at: number,
): void {
  const nf = cols.length;
  // No events may come with no bytes at all (e.g. an OutputEvents that only ends the run).
  if (count === 0 && bytes.length === 0) return;
  if (bytes.length < nf) throw protocolError(`${bytes.length} bytes, shorter than the ${nf}-byte header`);
  const widths = new Int32Array(nf);
  const masks = new Int32Array(nf);
  let total = 0;
  for (let f = 0; f < nf; f++) {
    widths[f] = bytes[f];
    masks[f] = (1 << bytes[f]) - 1;
    total += bytes[f];
  }
  if (total > MAX_ADDRESS_BITS)
    throw protocolError(`header widths add up to ${total} bits, at most 30 allowed`);
  // Fields in locals, as in pack: three (c, y, x) or four (core, c, y, x).
  const four = nf === 4;
  const [l0, l1, l2] = cols;
  const l3 = four ? cols[3] : cols[2];
  const [m0, m1, m2] = masks;
  const m3 = four ? masks[3] : 0;
  const w1 = widths[1];
  const w2 = widths[2];
  const w3 = four ? widths[3] : 0;
  let p = nf;
  const n = bytes.length;
  if (!Number.isInteger(firstStep) || firstStep < 0 || firstStep > MAX_STEP)
    throw protocolError(`first step ${firstStep} is outside 0..${MAX_STEP}`);
  let step = firstStep;
  let k = 0;
  while (k < count) {
    if (p >= n) throw protocolError(`ended after ${k} of ${count} events`);
    // LEB128, at most 5 bytes, value below 2^31.
    let b = bytes[p++];
    let v = b & 0x7f;
    let shift = 7;
    while (b & 0x80) {
      if (p >= n) throw protocolError(`ended inside a varint after ${k} of ${count} events`);
      if (shift > 28) throw protocolError(`varint longer than ${MAX_VARINT_BYTES} bytes at byte ${p}`);
      b = bytes[p++];
      if (shift === 28 && b > 0x07) throw protocolError(`varint above 2^31 at byte ${p - 1}`);
      v |= (b & 0x7f) << shift;
      shift += 7;
    }
    if (v & 1) {
      step += (v >>> 1) + 1;
      if (step > MAX_STEP)
        throw protocolError(`the step counter passes ${MAX_STEP} after ${k} of ${count} events`);
      continue;
    }
    let address = v >>> 1;
    const j = at + k;
    if (four) {
      l3[j] = address & m3;
      address >>>= w3;
    }
    l2[j] = address & m2;
    address >>>= w2;
    l1[j] = address & m1;
    l0[j] = (address >>> w1) & m0;
    t[j] = step;
    k++;
  }
  if (p !== n) throw protocolError(`${n - p} bytes left after the ${count} events`);
}

function checkCount(bytes: Uint8Array, count: number, nf: number): void {
  // Every event takes at least one byte: a larger count cannot be honest (and must not size an allocation).
  if (!Number.isInteger(count) || count < 0 || count > Math.max(0, bytes.length - nf)) {
    throw protocolError(`count ${count} does not fit in ${bytes.length} bytes`);
  }
}

function targetFor<E extends { count: number; t: Int32Array }>(
  into: E | undefined,
  count: number,
  make: (n: number) => E,
): E {
  if (into === undefined) return make(count);
  if (into.t.length < into.count + count) {
    throw new SpikeforgeError(
      'INTERNAL',
      `event buffer holds ${into.t.length} events, ${into.count + count} needed to unpack ${count} more`,
    );
  }
  return into;
}

/**
 * Unpacks `count` input events. With `into`, appends at `into.count` (no allocation; it must have the
 * capacity) and returns it; otherwise returns new events.
 */
export function unpackInputEvents(
  bytes: Uint8Array,
  firstStep: number,
  count: number,
  into?: InputEvents,
): InputEvents {
  checkCount(bytes, count, 3);
  const out = targetFor(into, count, makeInputEvents);
  unpack(bytes, firstStep, count, out.t, [out.c, out.y, out.x], out.count);
  out.count += count;
  return out;
}

export function unpackCoreEvents(
  bytes: Uint8Array,
  firstStep: number,
  count: number,
  into?: CoreEvents,
): CoreEvents {
  checkCount(bytes, count, 4);
  const out = targetFor(into, count, makeCoreEvents);
  unpack(bytes, firstStep, count, out.t, [out.core, out.c, out.y, out.x], out.count);
  out.count += count;
  return out;
}

/** Small operations on event arrays: joining blocks, sorting by step, picking layers, counting. */
import { SpikeforgeError } from '../errors.ts';
import type { InputEvents, Spikes } from './types.ts';
import { makeInputEvents, makeSpikes } from './types.ts';

export function concatInputEvents(parts: InputEvents[]): InputEvents {
  const total = parts.reduce((a, p) => a + p.count, 0);
  const out = makeInputEvents(total);
  let o = 0;
  for (const p of parts) {
    out.t.set(p.t.subarray(0, p.count), o);
    out.c.set(p.c.subarray(0, p.count), o);
    out.y.set(p.y.subarray(0, p.count), o);
    out.x.set(p.x.subarray(0, p.count), o);
    o += p.count;
  }
  out.count = total;
  return out;
}

/** Joins spike arrays; layer tables are merged by name. */
export function concatSpikes(parts: Spikes[], layers: string[] = []): Spikes {
  const names = [...layers];
  const index = new Map(names.map((n, i) => [n, i]));
  const total = parts.reduce((a, p) => a + p.count, 0);
  const out = makeSpikes(names, total);
  let o = 0;
  for (const p of parts) {
    const remap = p.layers.map((n) => {
      let id = index.get(n);
      if (id === undefined) {
        id = names.length;
        names.push(n);
        index.set(n, id);
      }
      return id;
    });
    for (let i = 0; i < p.count; i++) {
      out.t[o] = p.t[i];
      out.layer[o] = remap[p.layer[i]];
      out.c[o] = p.c[i];
      out.y[o] = p.y[i];
      out.x[o] = p.x[i];
      o++;
    }
  }
  out.count = total;
  return out;
}

function isSorted(t: Int32Array, count: number): boolean {
  for (let i = 1; i < count; i++) if (t[i] < t[i - 1]) return false;
  return true;
}

/** Stable permutation sorting by step (a counting sort: steps are small integers). */
function stepOrder(t: Int32Array, count: number): Uint32Array {
  let max = 0;
  for (let i = 0; i < count; i++) if (t[i] > max) max = t[i];
  const start = new Uint32Array(max + 2);
  for (let i = 0; i < count; i++) start[t[i] + 1]++;
  for (let s = 1; s < start.length; s++) start[s] += start[s - 1];
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[start[t[i]]++] = i;
  return order;
}

function permute<T extends Int32Array>(a: T, order: Uint32Array): T {
  const out = new Int32Array(a.length) as T;
  for (let i = 0; i < order.length; i++) out[i] = a[order[i]];
  return out;
}

/** The same events with non-decreasing steps (stable; returns the input when already sorted). */
export function sortByStep<E extends InputEvents | Spikes>(events: E): E {
  if (isSorted(events.t, events.count)) return events;
  const order = stepOrder(events.t, events.count);
  const out = {
    ...events,
    t: permute(events.t, order),
    c: permute(events.c, order),
    y: permute(events.y, order),
    x: permute(events.x, order),
  };
  if ('layer' in events) (out as Spikes).layer = permute((events as Spikes).layer, order);
  return out;
}

/** Spikes of the named layers only (layer table reduced to them, in the order given). */
export function selectLayers(spikes: Spikes, names: string[]): Spikes {
  const missing = names.filter((n) => !spikes.layers.includes(n));
  if (missing.length > 0) {
    throw new SpikeforgeError(
      'USAGE',
      `no layer named ${missing.map((n) => `"${n}"`).join(', ')} in the spikes`,
      { hint: `layers present: ${spikes.layers.join(', ') || '(none)'}` },
    );
  }
  const remap = spikes.layers.map((n) => names.indexOf(n));
  let n = 0;
  for (let i = 0; i < spikes.count; i++) if (remap[spikes.layer[i]] >= 0) n++;
  const out = makeSpikes([...names], n);
  let o = 0;
  for (let i = 0; i < spikes.count; i++) {
    const id = remap[spikes.layer[i]];
    if (id < 0) continue;
    out.t[o] = spikes.t[i];
    out.layer[o] = id;
    out.c[o] = spikes.c[i];
    out.y[o] = spikes.y[i];
    out.x[o] = spikes.x[i];
    o++;
  }
  out.count = n;
  return out;
}

/** Input events as spikes of one layer (so spike tools can show an input file). */
export function inputAsSpikes(events: InputEvents, layer = 'input'): Spikes {
  const out = makeSpikes([layer], 0);
  return {
    ...out,
    count: events.count,
    t: events.t.slice(0, events.count),
    layer: new Int32Array(events.count),
    c: events.c.slice(0, events.count),
    y: events.y.slice(0, events.count),
    x: events.x.slice(0, events.count),
  };
}

/** One layer's spikes as input events (e.g. to feed a layer's output into another network). */
export function spikesAsInput(spikes: Spikes, layer?: string): InputEvents {
  let name = layer;
  if (name === undefined) {
    if (spikes.layers.length > 1) {
      throw new SpikeforgeError('USAGE', `the spikes hold ${spikes.layers.length} layers, pick one`, {
        hint: `pass a layer (one of ${spikes.layers.join(', ')})`,
      });
    }
    name = spikes.layers[0] ?? 'input';
  }
  const one = spikes.layers.length === 0 ? spikes : selectLayers(spikes, [name]);
  return {
    count: one.count,
    t: one.t.slice(0, one.count),
    c: one.c.slice(0, one.count),
    y: one.y.slice(0, one.count),
    x: one.x.slice(0, one.count),
  };
}

export interface EventStats {
  count: number;
  /** Number of steps spanned: last step + 1 (0 when empty). */
  steps: number;
  firstStep: number;
  lastStep: number;
  /** Largest c, y, x seen + 1 each: the smallest [C, H, W] that holds the events. */
  extent: [number, number, number];
}

export function eventStats(events: InputEvents | Spikes, layer?: number): EventStats {
  let count = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = -1;
  const extent: [number, number, number] = [0, 0, 0];
  const layers = 'layer' in events ? (events as Spikes).layer : null;
  for (let i = 0; i < events.count; i++) {
    if (layer !== undefined && layers && layers[i] !== layer) continue;
    count++;
    const t = events.t[i];
    if (t < first) first = t;
    if (t > last) last = t;
    if (events.c[i] >= extent[0]) extent[0] = events.c[i] + 1;
    if (events.y[i] >= extent[1]) extent[1] = events.y[i] + 1;
    if (events.x[i] >= extent[2]) extent[2] = events.x[i] + 1;
  }
  return { count, steps: last + 1, firstStep: count === 0 ? 0 : first, lastStep: last, extent };
}

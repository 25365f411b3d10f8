/**
 * Growable struct-of-arrays buffers: laid out once, doubled when full, reused across steps, so the hot
 * loops never allocate per event.
 */
import type { InputEvents, Spikes } from '../events/types.ts';

function grow(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

export class SpikeBuffer {
  count = 0;
  t: Int32Array;
  layer: Int32Array;
  c: Int32Array;
  y: Int32Array;
  x: Int32Array;

  constructor(capacity = 4096) {
    this.t = new Int32Array(capacity);
    this.layer = new Int32Array(capacity);
    this.c = new Int32Array(capacity);
    this.y = new Int32Array(capacity);
    this.x = new Int32Array(capacity);
  }

  /** Makes room for `n` more rows. */
  reserve(n: number): void {
    const need = this.count + n;
    if (need <= this.t.length) return;
    let size = this.t.length * 2;
    while (size < need) size *= 2;
    this.t = grow(this.t, size);
    this.layer = grow(this.layer, size);
    this.c = grow(this.c, size);
    this.y = grow(this.y, size);
    this.x = grow(this.x, size);
  }

  /** A copy of the rows as `Spikes` (the buffer keeps its storage for reuse). */
  toSpikes(layers: string[]): Spikes {
    const n = this.count;
    return {
      count: n,
      layers,
      t: this.t.slice(0, n),
      layer: this.layer.slice(0, n),
      c: this.c.slice(0, n),
      y: this.y.slice(0, n),
      x: this.x.slice(0, n),
    };
  }

  clear(): void {
    this.count = 0;
  }
}

/** Input events waiting to be simulated, consumed in step order through `cursor`. */
export class EventQueue {
  count = 0;
  cursor = 0;
  t: Int32Array = new Int32Array(1024);
  c: Int32Array = new Int32Array(1024);
  y: Int32Array = new Int32Array(1024);
  x: Int32Array = new Int32Array(1024);

  append(ev: InputEvents): void {
    if (this.cursor === this.count) {
      this.cursor = 0;
      this.count = 0;
    } else if (this.cursor > this.t.length >> 1) {
      this.t.copyWithin(0, this.cursor, this.count);
      this.c.copyWithin(0, this.cursor, this.count);
      this.y.copyWithin(0, this.cursor, this.count);
      this.x.copyWithin(0, this.cursor, this.count);
      this.count -= this.cursor;
      this.cursor = 0;
    }
    const need = this.count + ev.count;
    if (need > this.t.length) {
      let size = this.t.length * 2;
      while (size < need) size *= 2;
      this.t = grow(this.t, size);
      this.c = grow(this.c, size);
      this.y = grow(this.y, size);
      this.x = grow(this.x, size);
    }
    this.t.set(ev.t.subarray(0, ev.count), this.count);
    this.c.set(ev.c.subarray(0, ev.count), this.count);
    this.y.set(ev.y.subarray(0, ev.count), this.count);
    this.x.set(ev.x.subarray(0, ev.count), this.count);
    this.count = need;
  }

  /** Step of the last queued event, or -1. */
  lastStep(): number {
    return this.count > 0 ? this.t[this.count - 1] : -1;
  }

  clear(): void {
    this.count = 0;
    this.cursor = 0;
  }
}

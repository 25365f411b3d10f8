/**
 * Growable struct-of-arrays buffers: laid out once, doubled when full, reused across steps, so the hot
 * loops never allocate per event.
 */
import { grow } from '../events/buffer.ts';
import type { InputEvents } from '../events/types.ts';

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

/** A growable struct-of-arrays buffer of spikes: laid out once, doubled when full, reused across steps. */
import type { Spikes } from './types.ts';

/** `a` copied into a new array of `size` elements. */
export function grow(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** Spikes collected as they come; `toSpikes` copies them out. */
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

  /** Appends `n` spikes of one neuron in one step (n = 1: one spike). */
  push(t: number, layer: number, c: number, y: number, x: number, n = 1): void {
    this.reserve(n);
    for (let k = 0; k < n; k++) {
      const i = this.count++;
      this.t[i] = t;
      this.layer[i] = layer;
      this.c[i] = c;
      this.y[i] = y;
      this.x[i] = x;
    }
  }

  clear(): void {
    this.count = 0;
  }
}

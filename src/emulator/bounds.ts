/**
 * Which input events a configuration drops, and why: outside the host map (a channel, row or column
 * beyond it) or outside the crop window. The emulator and the chip drop them silently; tools say it.
 */
import type { InputEvents } from '../events/types.ts';
import type { InputConfig } from '../image/config.ts';

export interface OutOfMap {
  /** Events dropped in all. */
  count: number;
  /** One line per broken bound, e.g. `1000 with x >= 34 (x up to 127)`. */
  reasons: string[];
}

/** Counts, chunk after chunk, the events outside `input`'s map or crop window by the bound they break. */
export class OutOfMapCounter {
  private readonly bounds: { what: string; limit: number; n: number; max: number }[];
  private cropped = 0;
  private count = 0;

  constructor(private readonly input: Pick<InputConfig, 'shape' | 'crop'>) {
    const [C, H, W] = input.shape;
    this.bounds = [
      { what: 'c', limit: C, n: 0, max: 0 },
      { what: 'y', limit: H, n: 0, max: 0 },
      { what: 'x', limit: W, n: 0, max: 0 },
    ];
  }

  add(events: InputEvents): void {
    const [y0, x0, y1, x1] = this.input.crop;
    const b = this.bounds;
    for (let i = 0; i < events.count; i++) {
      const v = [events.c[i], events.y[i], events.x[i]];
      let out = false;
      for (let k = 0; k < 3; k++) {
        if (v[k] >= b[k].limit) {
          b[k].n++;
          b[k].max = Math.max(b[k].max, v[k]);
          out = true;
        }
      }
      if (!out && (v[1] < y0 || v[1] >= y1 || v[2] < x0 || v[2] >= x1)) {
        this.cropped++;
        out = true;
      }
      if (out) this.count++;
    }
  }

  result(): OutOfMap {
    const [y0, x0, y1, x1] = this.input.crop;
    const reasons = this.bounds
      .filter((b) => b.n > 0)
      .map((b) => `${b.n} with ${b.what} >= ${b.limit} (${b.what} up to ${b.max})`);
    if (this.cropped > 0) {
      reasons.push(`${this.cropped} outside the crop window y ${y0}..${y1 - 1}, x ${x0}..${x1 - 1}`);
    }
    return { count: this.count, reasons };
  }
}

/** The events of `events` outside `input`'s map or crop window, counted by the bound they break. */
export function inputOutOfMap(events: InputEvents, input: Pick<InputConfig, 'shape' | 'crop'>): OutOfMap {
  const counter = new OutOfMapCounter(input);
  counter.add(events);
  return counter.result();
}

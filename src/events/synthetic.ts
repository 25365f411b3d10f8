/**
 * Synthetic DVS-like input: bright bars on a dark background at a known orientation, moving
 * perpendicular to themselves. A pixel that turns bright emits an ON event (c = 1, the leading edge), one
 * that turns dark an OFF event (c = 0, the trailing edge), as a DVS does. Deterministic for a seed.
 */
import { SpikeforgeError } from '../errors.ts';
import { seededRandom } from '../util/random.ts';
import type { InputEvents } from './types.ts';
import { makeInputEvents } from './types.ts';

export interface MovingBarsOptions {
  /**
   * Orientation of the bars in degrees, counter-clockwise as seen on screen (y grows downwards):
   * 0 = horizontal bars moving down, 90 = vertical bars moving right, 45 = rising to the right.
   */
  angleDeg: number;
  /** Steps to generate (default 64). */
  steps?: number;
  /** Sensor size: n for n x n, or [height, width] (default 32). */
  size?: number | [number, number];
  /** Pixels per step along the bars' normal (default 1). */
  speed?: number;
  /** Seed of the noise, drop-out and the bars' phase (default 1). */
  seed?: number;
  /** Bar thickness in pixels (default 4). */
  barWidth?: number;
  /** Distance between bar starts in pixels (default 16). */
  period?: number;
  /** Mean random background events per step, either polarity (default 0). */
  noise?: number;
  /** Probability that an edge event is lost (default 0). */
  dropout?: number;
}

function check(name: string, v: number, ok: boolean, want: string): void {
  if (!ok) throw new SpikeforgeError('USAGE', `movingBars: ${name} is ${v}, expected ${want}`);
}

export function movingBars(options: MovingBarsOptions): InputEvents {
  const steps = options.steps ?? 64;
  const [H, W] = Array.isArray(options.size) ? options.size : [options.size ?? 32, options.size ?? 32];
  const speed = options.speed ?? 1;
  const barWidth = options.barWidth ?? 4;
  const period = options.period ?? 16;
  const noise = options.noise ?? 0;
  const dropout = options.dropout ?? 0;
  check('steps', steps, Number.isInteger(steps) && steps >= 0, 'a whole number >= 0');
  check('size', H, Number.isInteger(H) && H > 0 && Number.isInteger(W) && W > 0, 'positive whole numbers');
  check('speed', speed, Number.isFinite(speed), 'a number');
  check('barWidth', barWidth, barWidth > 0 && barWidth < period, 'between 0 and the period');
  check('noise', noise, noise >= 0, '>= 0');
  check('dropout', dropout, dropout >= 0 && dropout <= 1, 'between 0 and 1');
  const rand = seededRandom(options.seed ?? 1);
  const phase = rand() * period;
  const theta = (options.angleDeg * Math.PI) / 180;
  // The bars' normal in (x, y-down) coordinates: the along-bar direction is (cos, -sin).
  const nx = Math.sin(theta);
  const ny = Math.cos(theta);
  // Projection of every pixel centre on the normal, computed once.
  const proj = new Float64Array(H * W);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) proj[y * W + x] = (x + 0.5) * nx + (y + 0.5) * ny;
  const bright = (i: number, t: number): boolean => {
    const u = (((proj[i] - speed * t - phase) % period) + period) % period;
    return u < barWidth;
  };
  const t: number[] = [];
  const c: number[] = [];
  const ys: number[] = [];
  const xs: number[] = [];
  for (let step = 0; step < steps; step++) {
    for (let i = 0; i < H * W; i++) {
      const now = bright(i, step);
      if (now === bright(i, step - 1)) continue;
      if (dropout > 0 && rand() < dropout) continue;
      t.push(step);
      c.push(now ? 1 : 0);
      ys.push(Math.floor(i / W));
      xs.push(i % W);
    }
    let n = Math.floor(noise) + (rand() < noise - Math.floor(noise) ? 1 : 0);
    for (; n > 0; n--) {
      t.push(step);
      c.push(rand() < 0.5 ? 1 : 0);
      ys.push(Math.floor(rand() * H));
      xs.push(Math.floor(rand() * W));
    }
  }
  const ev = makeInputEvents(t.length);
  ev.t.set(t);
  ev.c.set(c);
  ev.y.set(ys);
  ev.x.set(xs);
  ev.count = t.length;
  return ev;
}

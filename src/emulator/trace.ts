/** Which neurons the emulator traces (the recorded traces and their CSV live in src/events/trace.ts). */
import { SpikeforgeError } from '../errors.ts';

export type { Traces } from '../events/trace.ts';

export interface TracePoint {
  layer: string;
  c: number;
  y: number;
  x: number;
}

/** Parses `layer:c:y:x,layer:c:y:x` (the CLI's --trace). */
export function parseTracePoints(text: string): TracePoint[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const parts = s.split(':');
      const nums = parts.slice(-3).map(Number);
      const layer = parts.slice(0, -3).join(':');
      if (parts.length < 4 || layer === '' || nums.some((n) => !Number.isInteger(n) || n < 0)) {
        throw new SpikeforgeError('USAGE', `trace: "${s}" is not layer:c:y:x`, {
          hint: 'name a neuron as layer:c:y:x, e.g. 1:0:3:4 (several separated by commas)',
          option: 'trace',
        });
      }
      return { layer, c: nums[0], y: nums[1], x: nums[2] };
    });
}

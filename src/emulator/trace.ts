/** Membrane traces: the state of chosen neurons after every step, as rows `t,layer,c,y,x,v`. */
import { renameSync, writeFileSync } from 'node:fs';
import { SpikeforgeError } from '../errors.ts';

export interface TracePoint {
  layer: string;
  c: number;
  y: number;
  x: number;
}

/** Trace rows as struct-of-arrays: `layer[i]` indexes `layers`. */
export interface Traces {
  count: number;
  layers: string[];
  t: Int32Array;
  layer: Int32Array;
  c: Int32Array;
  y: Int32Array;
  x: Int32Array;
  v: Int32Array;
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
        throw new SpikeforgeError('USAGE', `--trace "${s}" is not layer:c:y:x`, {
          hint: 'name a neuron as layer:c:y:x, e.g. 1:0:3:4 (several separated by commas)',
        });
      }
      return { layer, c: nums[0], y: nums[1], x: nums[2] };
    });
}

export function formatTraceCsv(tr: Traces): string {
  const out: string[] = ['t,layer,c,y,x,v'];
  for (let i = 0; i < tr.count; i++) {
    out.push(`${tr.t[i]},${tr.layers[tr.layer[i]]},${tr.c[i]},${tr.y[i]},${tr.x[i]},${tr.v[i]}`);
  }
  return `${out.join('\n')}\n`;
}

/** Writes the traces through a temporary file renamed at the end (readers never see half a file). */
export function writeTraceCsv(path: string, tr: Traces): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, formatTraceCsv(tr));
  renameSync(tmp, path);
}

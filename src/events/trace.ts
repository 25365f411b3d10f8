/**
 * Membrane traces: CSV rows `t,layer,c,y,x,v` (what the emulator records when asked to), one row per
 * recorded neuron and step.
 */
import { SpikeforgeError } from '../errors.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { readUserText } from '../util/files.ts';
import type { NeuronRef, Spikes } from './types.ts';

/** Rows like spikes, each with the membrane value `v` of its neuron at step `t`. */
export interface Traces extends Spikes {
  v: Float64Array | Int32Array;
}

export function parseTraceCsv(text: string, file = '<trace>'): Traces {
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (rows[0] ?? '').split(',').map((s) => s.trim());
  const want = ['t', 'layer', 'c', 'y', 'x', 'v'];
  const col = want.map((w) => header.indexOf(w));
  if (col.some((k) => k < 0)) {
    throw new SpikeforgeError(
      'EVENTS_FORMAT',
      `${file}: expected a header t,layer,c,y,x,v (found: ${rows[0] ?? ''})`,
      {
        hint: 'record membrane traces with the emulator (one row per neuron and step)',
      },
    );
  }
  const n = rows.length - 1;
  const out: Traces = {
    count: n,
    layers: [],
    t: new Int32Array(n),
    layer: new Int32Array(n),
    c: new Int32Array(n),
    y: new Int32Array(n),
    x: new Int32Array(n),
    v: new Float64Array(n),
  };
  const index = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const f = rows[r].split(',');
    const k = r - 1;
    const name = (f[col[1]] ?? '').trim();
    let id = index.get(name);
    if (id === undefined) {
      id = out.layers.length;
      out.layers.push(name);
      index.set(name, id);
    }
    out.layer[k] = id;
    const nums = [0, 2, 3, 4, 5].map((j) => Number(f[col[j]]));
    if (nums.some((v) => !Number.isFinite(v))) {
      throw new SpikeforgeError('EVENTS_FORMAT', `${file}:${r + 1}: not a number in "${rows[r]}"`);
    }
    [out.t[k], out.c[k], out.y[k], out.x[k], out.v[k]] = nums;
  }
  return out;
}

export function readTraceCsv(path: string): Traces {
  return parseTraceCsv(readUserText(path), path);
}

/** Every neuron that has a trace, in order of first appearance. */
export function tracedNeurons(traces: Traces): NeuronRef[] {
  const seen = new Set<string>();
  const out: NeuronRef[] = [];
  for (let i = 0; i < traces.count; i++) {
    const key = `${traces.layer[i]}:${traces.c[i]}:${traces.y[i]}:${traces.x[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ layer: traces.layers[traces.layer[i]], c: traces.c[i], y: traces.y[i], x: traces.x[i] });
  }
  return out;
}

/** "layer:c:y:x" or "layer:i" (a linear layer's neuron i). Layer names may hold ':' (the last parts are numbers). */
export function parseNeuronRef(text: string): NeuronRef {
  const parts = text.split(':');
  const nums: number[] = [];
  while (parts.length > 1 && nums.length < 3 && /^\d+$/.test(parts[parts.length - 1]))
    nums.unshift(Number(parts.pop()));
  if (nums.length !== 1 && nums.length !== 3) {
    throw new SpikeforgeError('USAGE', `neuron "${text}" is not layer:c:y:x or layer:i`, {
      hint: 'e.g. conv1:3:10:12',
    });
  }
  const layer = parts.join(':');
  return nums.length === 1
    ? { layer, c: nums[0], y: 0, x: 0 }
    : { layer, c: nums[0], y: nums[1], x: nums[2] };
}

export function formatTraceCsv(tr: Traces): string {
  const out: string[] = ['t,layer,c,y,x,v'];
  for (let i = 0; i < tr.count; i++) {
    out.push(`${tr.t[i]},${tr.layers[tr.layer[i]]},${tr.c[i]},${tr.y[i]},${tr.x[i]},${tr.v[i]}`);
  }
  return `${out.join('\n')}\n`;
}

export function writeTraceCsv(path: string, tr: Traces): void {
  writeFileAtomic(path, formatTraceCsv(tr));
}

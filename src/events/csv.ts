/**
 * CSV event files as in ../shared/fixtures/README.md: input `t,c,y,x` (one row per event, repeated rows
 * are repeated events) and spikes `t,layer,c,y,x` (layer = the layer's name).
 */
import { SpikeforgeError } from '../errors.ts';
import { readUserText } from '../util/files.ts';
import type { InputEvents, Spikes } from './types.ts';
import { makeInputEvents, makeSpikes } from './types.ts';

/** At most `max` characters of `text`, anything unprintable (a binary file read as CSV) shown as "?". */
function printable(text: string, max: number): string {
  const shown = text.slice(0, max).replace(/[^\x20-\x7e]/g, '?');
  return text.length > max ? `${shown}...` : shown;
}

function columnsOf(header: string, file: string, want: string[]): number[] {
  const cols = header
    .trim()
    .split(',')
    .map((s) => s.trim());
  return want.map((w) => {
    const i = cols.indexOf(w);
    if (i < 0) {
      throw new SpikeforgeError(
        'EVENTS_FORMAT',
        `${file}: header has no "${w}" column (found: ${printable(header.trim(), 60)})`,
        {
          hint: `the first line must name the columns ${want.join(',')}`,
        },
      );
    }
    return i;
  });
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

function int(value: string | undefined, file: string, line: number, column: string): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < 0) {
    throw new SpikeforgeError(
      'EVENTS_FORMAT',
      `${file}:${line}: column "${column}" is "${value ?? ''}", expected a non-negative integer`,
    );
  }
  return n;
}

export function parseInputCsv(text: string, file = '<input>'): InputEvents {
  const rows = lines(text);
  if (rows.length === 0)
    throw new SpikeforgeError('EVENTS_FORMAT', `${file}: empty file, expected a header t,c,y,x`);
  const [ti, ci, yi, xi] = columnsOf(rows[0], file, ['t', 'c', 'y', 'x']);
  const ev = makeInputEvents(rows.length - 1);
  let last = 0;
  for (let r = 1; r < rows.length; r++) {
    const f = rows[r].split(',');
    const k = r - 1;
    ev.t[k] = int(f[ti], file, r + 1, 't');
    ev.c[k] = int(f[ci], file, r + 1, 'c');
    ev.y[k] = int(f[yi], file, r + 1, 'y');
    ev.x[k] = int(f[xi], file, r + 1, 'x');
    if (ev.t[k] < last) {
      throw new SpikeforgeError(
        'EVENTS_FORMAT',
        `${file}:${r + 1}: step ${ev.t[k]} comes after step ${last}`,
        {
          hint: 'sort the events by t',
        },
      );
    }
    last = ev.t[k];
  }
  ev.count = rows.length - 1;
  return ev;
}

export function parseSpikesCsv(text: string, file = '<spikes>'): Spikes {
  const rows = lines(text);
  if (rows.length === 0)
    throw new SpikeforgeError('EVENTS_FORMAT', `${file}: empty file, expected a header t,layer,c,y,x`);
  const [ti, li, ci, yi, xi] = columnsOf(rows[0], file, ['t', 'layer', 'c', 'y', 'x']);
  const layers: string[] = [];
  const index = new Map<string, number>();
  const sp = makeSpikes(layers, rows.length - 1);
  for (let r = 1; r < rows.length; r++) {
    const f = rows[r].split(',');
    const k = r - 1;
    const name = (f[li] ?? '').trim();
    let id = index.get(name);
    if (id === undefined) {
      id = layers.length;
      layers.push(name);
      index.set(name, id);
    }
    sp.layer[k] = id;
    sp.t[k] = int(f[ti], file, r + 1, 't');
    sp.c[k] = int(f[ci], file, r + 1, 'c');
    sp.y[k] = int(f[yi], file, r + 1, 'y');
    sp.x[k] = int(f[xi], file, r + 1, 'x');
  }
  sp.count = rows.length - 1;
  return sp;
}

export function readInputCsv(path: string): InputEvents {
  return parseInputCsv(readUserText(path), path);
}

export function readSpikesCsv(path: string): Spikes {
  return parseSpikesCsv(readUserText(path), path);
}

export function formatInputCsv(ev: InputEvents): string {
  const out: string[] = ['t,c,y,x'];
  for (let i = 0; i < ev.count; i++) out.push(`${ev.t[i]},${ev.c[i]},${ev.y[i]},${ev.x[i]}`);
  return `${out.join('\n')}\n`;
}

/** The first line of a spike CSV file; a file written in pieces starts with it, then `spikesCsvRows`. */
export const SPIKES_CSV_HEADER = 't,layer,c,y,x\n';

/** The rows of `sp` without the header, each ending in a newline (for files written in pieces). */
export function spikesCsvRows(sp: Spikes): string {
  let s = '';
  for (let i = 0; i < sp.count; i++)
    s += `${sp.t[i]},${sp.layers[sp.layer[i]]},${sp.c[i]},${sp.y[i]},${sp.x[i]}\n`;
  return s;
}

export function formatSpikesCsv(sp: Spikes): string {
  return SPIKES_CSV_HEADER + spikesCsvRows(sp);
}

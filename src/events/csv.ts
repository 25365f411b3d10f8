/**
 * CSV event files as in ../shared/fixtures/README.md: input `t,c,y,x` (one row per event, repeated rows
 * are repeated events) and spikes `t,layer,c,y,x` (layer = the layer's name).
 */
import { SpikeforgeError } from '../errors.ts';
import { readUserText } from '../util/files.ts';
import { CSV_CHUNK_EVENTS, columnsOf, fileBlocks, int, parseInputCsvBlocks } from './csvfast.ts';
import { concatInputEvents } from './ops.ts';
import type { InputEvents, Spikes } from './types.ts';
import { makeSpikes } from './types.ts';

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** Input events from CSV text (the fast path of csvfast.ts, as for files). */
export function parseInputCsv(text: string, file = '<input>'): InputEvents {
  return concatInputEvents([...parseInputCsvBlocks([Buffer.from(text, 'utf8')], file)]);
}

export function parseSpikesCsv(text: string, file = '<spikes>'): Spikes {
  const rows = lines(text);
  if (rows.length === 0)
    throw new SpikeforgeError('EVENTS_FORMAT', `${file}: empty file, expected a header t,layer,c,y,x`, {
      hint: 'a spike file starts with the line t,layer,c,y,x, then one spike a row',
    });
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

export function readInputCsv(path: string, options: { unsorted?: boolean } = {}): InputEvents {
  return concatInputEvents([...parseInputCsvBlocks(fileBlocks(path), path, CSV_CHUNK_EVENTS, options)]);
}

/** A CSV input file read piece by piece: its events in chunks of up to `chunkEvents`, in file order. */
export function readInputCsvChunks(path: string, chunkEvents = CSV_CHUNK_EVENTS): Generator<InputEvents> {
  return parseInputCsvBlocks(fileBlocks(path), path, chunkEvents);
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

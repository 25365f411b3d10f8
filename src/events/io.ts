/**
 * Event files in any supported format, chosen by magic bytes first and the extension second:
 * CSV (`t,c,y,x` / `t,layer,c,y,x`), SFEV (our streaming binary, FORMAT.md), NumPy `.npy` rasters
 * (T, C, H, W) and AEDAT 2/3.1/4 DVS recordings (read only).
 */
import { closeSync, fstatSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { SpikeforgeError } from '../errors.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { openUserFile, readUserFile, readUserText } from '../util/files.ts';
import type { AedatOptions } from './aedat.ts';
import { aedatVersion, parseAedat } from './aedat.ts';
import { isSfev, readSfevBlocks, SfevWriter } from './binary.ts';
import { formatInputCsv, formatSpikesCsv, parseSpikesCsv, readInputCsv, readInputCsvChunks } from './csv.ts';
import { eventsToNpy, isNpy, parseNpy, rasterToEvents } from './npy.ts';
import {
  concatInputEvents,
  concatSpikes,
  eventStats,
  inputAsSpikes,
  sortByStep,
  spikesAsInput,
} from './ops.ts';
import type { InputEvents, Spikes } from './types.ts';

export type EventFormat = 'csv' | 'sfev' | 'npy' | 'aedat';
export const EVENT_FORMATS: readonly EventFormat[] = ['csv', 'sfev', 'npy', 'aedat'];

/** What a file held: input events (t, c, y, x) or spikes (t, layer, c, y, x). */
export type EventRecording =
  | { kind: 'input'; format: EventFormat; events: InputEvents }
  | { kind: 'spikes'; format: EventFormat; spikes: Spikes };

export interface ReadEventsOptions extends AedatOptions {
  /** Force a format instead of detecting it. */
  format?: EventFormat;
  /** CSV input events: accept steps out of order (to sort them) instead of refusing the file. */
  unsorted?: boolean;
}

export interface WriteEventsOptions {
  /** Default: from the extension (.csv, .sfev, .npy). */
  format?: EventFormat;
  /** npy: the raster's [C, H, W]; default the smallest that holds every event. */
  shape?: [number, number, number];
  /** npy: number of steps; default last step + 1. */
  steps?: number;
  /** npy of spikes: which layer to write (a raster holds one layer). */
  layer?: string;
}

const BY_EXTENSION: Record<string, EventFormat> = {
  '.csv': 'csv',
  '.sfev': 'sfev',
  '.npy': 'npy',
  '.aedat': 'aedat',
  '.aedat2': 'aedat',
  '.aedat3': 'aedat',
  '.aedat4': 'aedat',
};

function formatFromExtension(path: string): EventFormat | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

function readHead(path: string, n: number): Buffer {
  const fd = openUserFile(path);
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** The file's format: magic bytes (SFEV, \x93NUMPY, #!AER-DAT) win over the extension. */
export function detectFormat(path: string): EventFormat {
  const head = readHead(path, 16);
  if (isSfev(head)) return 'sfev';
  if (isNpy(head)) return 'npy';
  if (aedatVersion(head) !== null) return 'aedat';
  const byExt = formatFromExtension(path);
  if (byExt !== undefined) return byExt;
  if (/^\s*[a-z_]+\s*,/i.test(head.toString('latin1'))) return 'csv';
  const what =
    head.length === 0
      ? 'the file is empty'
      : head.toString('latin1').trimStart().startsWith('{')
        ? 'it is JSON, like a network file'
        : /^\.(nir|h5|hdf5)$/i.test(extname(path))
          ? 'it is named like a NIR network file'
          : `no CSV header, no SFEV / NumPy / AEDAT signature, extension "${extname(path) || '(none)'}"`;
  throw new SpikeforgeError('EVENTS_FORMAT', `${path}: cannot tell the event format (${what})`, {
    hint: 'event files are .csv (header t,c,y,x or t,layer,c,y,x), .sfev, .npy or .aedat / .aedat4; networks and images go to compile, run or inspect',
  });
}

/** Whether a CSV file holds spikes: its first line names a `layer` column. */
function isSpikesCsv(path: string): boolean {
  const head = readHead(path, 4096).toString('utf8');
  const nl = head.indexOf('\n');
  return (nl < 0 ? head : head.slice(0, nl)).split(',').some((h) => h.trim() === 'layer');
}

export function readEvents(path: string, options: ReadEventsOptions = {}): EventRecording {
  const format = options.format ?? detectFormat(path);
  switch (format) {
    case 'csv':
      return isSpikesCsv(path)
        ? { kind: 'spikes', format, spikes: parseSpikesCsv(readUserText(path), path) }
        : { kind: 'input', format, events: readInputCsv(path, { unsorted: options.unsorted }) };
    case 'sfev': {
      const inputs: InputEvents[] = [];
      const spikes: Spikes[] = [];
      let layers: string[] = [];
      let kind: 'input' | 'spikes' = 'input';
      for (const item of readSfevBlocks(path)) {
        if ('layers' in item) {
          kind = item.kind;
          layers = item.layers;
        } else if (item.kind === 'input') inputs.push(item.events);
        else spikes.push(item.spikes);
      }
      return kind === 'input'
        ? { kind, format, events: concatInputEvents(inputs) }
        : { kind, format, spikes: concatSpikes(spikes, layers) };
    }
    case 'npy':
      return { kind: 'input', format, events: rasterToEvents(parseNpy(readUserFile(path), path), path) };
    case 'aedat':
      return { kind: 'input', format, events: parseAedat(readUserFile(path), path, options) };
  }
}

/** Input events from any file; a spike file must hold one layer, or name it in `options.layer`. */
export function readInputEvents(
  path: string,
  options: ReadEventsOptions & { layer?: string } = {},
): InputEvents {
  const rec = readEvents(path, options);
  return rec.kind === 'input' ? rec.events : spikesAsInput(rec.spikes, options.layer);
}

/**
 * Input events from any file in chunks, in file (step) order: CSV and SFEV input files are read piece by
 * piece (memory bounded by a chunk, not by the recording), other formats and spike files whole.
 */
export function* readInputEventChunks(
  path: string,
  options: ReadEventsOptions & { layer?: string } = {},
): Generator<InputEvents> {
  const format = options.format ?? detectFormat(path);
  if (format === 'csv' && !isSpikesCsv(path)) {
    yield* readInputCsvChunks(path);
    return;
  }
  if (format === 'sfev') {
    const blocks = readSfevBlocks(path);
    const first = blocks.next();
    if (!first.done && 'layers' in first.value && first.value.kind === 'input') {
      for (const item of blocks) if (!('layers' in item) && item.kind === 'input') yield item.events;
      return;
    }
    blocks.return(undefined);
  }
  yield readInputEvents(path, { ...options, format });
}

/**
 * A recording of spikes, for comparing: an input event file or a membrane trace is refused (read as
 * spikes, it would compare as one without a word).
 */
export function readSpikeRecording(path: string, options: ReadEventsOptions = {}): Spikes {
  const rec = readEvents(path, options);
  if (rec.kind === 'input') {
    throw new SpikeforgeError('USAGE', `${path}: input events (t,c,y,x), not a spike recording`, {
      hint: 'compare spike files (t,layer,c,y,x) written by run, or by a board run',
    });
  }
  if (
    rec.format === 'csv' &&
    /(^|,)\s*v\s*(,|$)/.test(readHead(path, 256).toString('latin1').split(/\r?\n/)[0])
  ) {
    throw new SpikeforgeError('USAGE', `${path}: a membrane trace (t,layer,c,y,x,v), not a spike recording`, {
      hint: 'compare spike files (t,layer,c,y,x); a trace is for plotting under the spikes',
    });
  }
  return rec.spikes;
}

/**
 * The step of the last event of an input file, without holding the recording: a CSV file's last row
 * (they come in step order), an SFEV file's blocks one by one, other formats read whole.
 */
export function lastInputStep(path: string, options: ReadEventsOptions = {}): number | undefined {
  const format = options.format ?? detectFormat(path);
  if (format === 'csv' && !isSpikesCsv(path)) {
    const fd = openUserFile(path);
    try {
      const size = fstatSync(fd).size;
      const n = Math.min(size, 4096);
      const buf = Buffer.alloc(n);
      readSync(fd, buf, 0, n, size - n);
      const rows = buf
        .toString('latin1')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const t = /^(\d+)\s*,/.exec(rows[rows.length - 1] ?? '')?.[1];
      return t === undefined ? undefined : Number(t);
    } finally {
      closeSync(fd);
    }
  }
  if (format === 'sfev') {
    let last: number | undefined;
    for (const item of readSfevBlocks(path)) {
      if (!('layers' in item) && item.kind === 'input' && item.events.count > 0) {
        last = Math.max(last ?? 0, item.events.t[item.events.count - 1]);
      }
    }
    return last;
  }
  const events = readInputEvents(path, { ...options, format });
  return events.count === 0 ? undefined : eventStats(events).lastStep;
}

/** Spikes from any file; input events become spikes of one layer named "input". */
export function readSpikes(path: string, options: ReadEventsOptions = {}): Spikes {
  const rec = readEvents(path, options);
  return rec.kind === 'spikes' ? rec.spikes : inputAsSpikes(rec.events);
}

export function writeEvents(
  path: string,
  events: InputEvents | Spikes,
  options: WriteEventsOptions = {},
): void {
  const format = options.format ?? formatFromExtension(path);
  if (format === undefined) {
    throw new SpikeforgeError('USAGE', `${path}: cannot tell which format to write from the extension`, {
      hint: 'use .csv, .sfev or .npy',
    });
  }
  const isSpikes = 'layers' in events;
  try {
    switch (format) {
      case 'csv':
        writeFileAtomic(path, isSpikes ? formatSpikesCsv(events) : formatInputCsv(events));
        return;
      case 'sfev': {
        const writer = new SfevWriter(path, {
          kind: isSpikes ? 'spikes' : 'input',
          layers: isSpikes ? events.layers : [],
        });
        try {
          writer.append(sortByStep(events));
        } catch (e) {
          writer.abort();
          throw e;
        }
        writer.close();
        return;
      }
      case 'npy': {
        const input = isSpikes ? spikesAsInput(events, options.layer) : events;
        const shape = options.shape ?? eventStats(input).extent.map((n) => Math.max(1, n));
        writeFileAtomic(path, eventsToNpy(input, shape as [number, number, number], options.steps));
        return;
      }
      case 'aedat':
        throw new SpikeforgeError('USAGE', `${path}: spikeforge reads AEDAT but does not write it`, {
          hint: 'write .sfev, .npy or .csv',
        });
    }
  } catch (e) {
    if (e instanceof SpikeforgeError) throw e;
    throw new SpikeforgeError('FILE_WRITE', `${path}: cannot write (${(e as Error).message})`);
  }
}

/** Where batch samples come from: a folder of event files, or a list file, with optional labels. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SpikeforgeError } from '../errors.ts';
import type { BatchSample } from './batch.ts';

function parseLabel(value: string, where: string): number {
  if (!/^\d+$/.test(value)) {
    throw new SpikeforgeError('USAGE', `${where}: "${value}" is not a class index (an integer >= 0)`, {
      hint: 'labels are class indices 0, 1, 2, ... (the output channel that should spike most)',
    });
  }
  return Number(value);
}

/** The non-empty, non-comment lines of a text file with their line numbers, cells split at commas. */
function rowsOf(path: string): { line: number; cells: string[] }[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((text, i) => ({ line: i + 1, text: text.trim() }))
    .filter((r) => r.text !== '' && !r.text.startsWith('#'))
    .map((r) => ({ line: r.line, cells: r.text.split(',').map((c) => c.trim()) }));
}

/** Sample files: the CSV files of a folder, or a list file (one path per line, optional `,label`). */
function listSamples(source: string): BatchSample[] {
  let isDir: boolean;
  try {
    isDir = statSync(source).isDirectory();
  } catch {
    throw new SpikeforgeError('FILE_NOT_FOUND', `${source}: no such file or folder`, {
      hint: 'give a folder of event files, or a list file of event file paths (one a line, optional ,label)',
    });
  }
  if (isDir) {
    const files = readdirSync(source)
      .filter((f) => /\.(csv|sfev|npy|aedat4?)$/i.test(f) && !/^labels?\.csv$/i.test(f))
      .sort();
    if (files.length === 0) {
      throw new SpikeforgeError('USAGE', `${source}: the folder holds no event files`, {
        hint: 'put one t,c,y,x CSV file per sample in the folder',
      });
    }
    return files.map((f) => ({ events: join(source, f) }));
  }
  const base = dirname(resolve(source));
  return rowsOf(source).map(({ line, cells: [path, text] }) => {
    const sample: BatchSample = { events: resolve(base, path) };
    if (text !== undefined && text !== '') sample.label = parseLabel(text, `${source}: line ${line}: label`);
    return sample;
  });
}

const LABELS_HINT =
  'a labels file holds file,label rows (a header "file,label" is optional) or one label per line in sample order';

/**
 * The labels file: `file,label` rows matched by file name (with or without a `file,label` / `sample,label`
 * header), or one label per line in the order of the samples (with or without a `label` header).
 */
function applyLabels(samples: BatchSample[], path: string): void {
  let rows = rowsOf(path);
  const header = rows[0]?.cells.map((c) => c.toLowerCase()) ?? [];
  let labelCol: number;
  let fileCol: number;
  const hasHeader = header.includes('label');
  if (hasHeader) {
    labelCol = header.indexOf('label');
    fileCol = header.findIndex((h) => h === 'file' || h === 'sample');
    rows = rows.slice(1);
  } else {
    // No header: two cells a row are file,label; one cell is a label.
    const width = rows[0]?.cells.length ?? 1;
    [fileCol, labelCol] = width === 2 ? [0, 1] : [-1, 0];
  }
  const columns = Math.max(labelCol, fileCol) + 1;
  for (const r of rows) {
    if (hasHeader ? r.cells.length < columns : r.cells.length !== columns) {
      throw new SpikeforgeError(
        'USAGE',
        `${path}: line ${r.line}: ${r.cells.length} cells, expected ${fileCol >= 0 ? 'file,label' : 'one label'}`,
        { hint: LABELS_HINT },
      );
    }
  }
  const labelOf = (r: { line: number; cells: string[] }): number =>
    parseLabel(r.cells[labelCol], `${path}: line ${r.line}: label`);
  if (fileCol >= 0) {
    const byName = new Map<string, number>();
    for (const r of rows) byName.set(basename(r.cells[fileCol]), labelOf(r));
    for (const s of samples) {
      const name = basename(s.events as string);
      const label = byName.get(name);
      if (label === undefined) {
        throw new SpikeforgeError('USAGE', `${path}: no label for ${name}`, {
          hint: `add a row "${name},<label>"; ${LABELS_HINT}`,
        });
      }
      s.label = label;
    }
    return;
  }
  if (rows.length !== samples.length) {
    throw new SpikeforgeError('USAGE', `${path}: ${rows.length} labels for ${samples.length} samples`, {
      hint: 'give one label per sample, in the order of the sample files (sorted by name), or file,label rows',
    });
  }
  rows.forEach((r, i) => {
    samples[i].label = labelOf(r);
  });
}

/**
 * Batch samples from a folder of event files or a list file (one path per line, optional `,label`),
 * labelled by `labels` when given (`file,label` rows matched by file name, or one label per line).
 */
export function loadBatchSamples(source: string, labels?: string): BatchSample[] {
  const samples = listSamples(source);
  if (labels !== undefined) applyLabels(samples, labels);
  return samples;
}

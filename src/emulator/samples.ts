/** Where batch samples come from: a folder of event files, or a list file, with optional labels. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SpikeforgeError } from '../errors.ts';
import type { BatchSample } from './batch.ts';

function parseLabel(value: string, where: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new SpikeforgeError('USAGE', `${where}: "${value}" is not a class index (an integer >= 0)`);
  }
  return n;
}

/** Sample files: the CSV files of a folder, or a list file (one path per line, optional `,label`). */
function listSamples(source: string): BatchSample[] {
  let isDir: boolean;
  try {
    isDir = statSync(source).isDirectory();
  } catch {
    throw new SpikeforgeError('FILE_NOT_FOUND', `--batch ${source}: no such file or folder`);
  }
  if (isDir) {
    const files = readdirSync(source)
      .filter((f) => /\.(csv|sfev|npy|aedat4?)$/i.test(f) && !/^labels?\.csv$/i.test(f))
      .sort();
    if (files.length === 0) {
      throw new SpikeforgeError('USAGE', `--batch ${source}: the folder holds no event files`, {
        hint: 'put one t,c,y,x CSV file per sample in the folder',
      });
    }
    return files.map((f) => ({ events: join(source, f) }));
  }
  const base = dirname(resolve(source));
  return readFileSync(source, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [path, text] = l.split(',').map((s) => s.trim());
      const sample: BatchSample = { events: resolve(base, path) };
      if (text !== undefined && text !== '') sample.label = parseLabel(text, `${source}: label`);
      return sample;
    });
}

/** --labels: `file,label` rows (matched by file name) or one label per line in sample order. */
function applyLabels(samples: BatchSample[], path: string): void {
  const rows = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const header = rows[0]?.split(',').map((s) => s.trim()) ?? [];
  const labelCol = header.indexOf('label');
  const fileCol = header.findIndex((h) => h === 'file' || h === 'sample');
  const body = labelCol >= 0 ? rows.slice(1) : rows;
  if (fileCol >= 0) {
    const byName = new Map<string, number>();
    for (const r of body) {
      const f = r.split(',');
      byName.set(basename(f[fileCol].trim()), parseLabel(f[labelCol].trim(), `${path}: label`));
    }
    for (const s of samples) {
      const label = byName.get(basename(s.events as string));
      if (label === undefined) {
        throw new SpikeforgeError('USAGE', `${path}: no label for ${basename(s.events as string)}`);
      }
      s.label = label;
    }
    return;
  }
  if (body.length !== samples.length) {
    throw new SpikeforgeError('USAGE', `${path}: ${body.length} labels for ${samples.length} samples`, {
      hint: 'give one label per sample, in the order of the sample files, or file,label rows',
    });
  }
  body.forEach((r, i) => {
    const f = r.split(',');
    samples[i].label = parseLabel(f[Math.max(labelCol)].trim(), `${path}: label`);
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

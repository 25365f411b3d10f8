/**
 * The HDF5 edge of NIR files: h5wasm behind three small functions (read a tree of datasets, write one,
 * check a file's header). h5wasm prints HDF5 diagnostics straight to stderr when it meets a broken file,
 * so files are checked here first (magic, superblock, truncation) to fail with our own message.
 * h5wasm (a large WebAssembly module) loads on the first read or write, not with this module.
 */

import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset, Group } from 'h5wasm/node';
import { SpikeforgeError } from '../errors.ts';
import { writeFileAtomic } from '../util/atomic.ts';

export const HDF5_MAGIC = Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A dataset or group read from an HDF5 file: numbers (always float64 here), strings, or a subtree. */
export type H5Value =
  | { kind: 'number'; shape: number[]; data: Float64Array }
  | { kind: 'string'; shape: number[]; data: string[] }
  | { kind: 'group'; entries: Map<string, H5Value> };

export function hasHdf5Magic(bytes: Uint8Array, offset = 0): boolean {
  if (bytes.length < offset + 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[offset + i] !== HDF5_MAGIC[i]) return false;
  return true;
}

function readAddress(bytes: Uint8Array, at: number, size: number): number | undefined {
  if (at + size > bytes.length) return undefined;
  let value = 0n;
  let undefinedAddress = true;
  for (let i = size - 1; i >= 0; i--) {
    value = (value << 8n) | BigInt(bytes[at + i]);
    if (bytes[at + i] !== 0xff) undefinedAddress = false;
  }
  return undefinedAddress ? undefined : Number(value);
}

/** Throws NIR_FORMAT unless `bytes` start like a complete HDF5 file (superblock at 0, EOF within the file). */
export function checkHdf5(bytes: Uint8Array, file: string): void {
  if (!hasHdf5Magic(bytes)) {
    throw new SpikeforgeError('NIR_FORMAT', `${file}: not an HDF5 file (no HDF5 signature at the start)`, {
      hint: 'NIR files are HDF5 (written by nir.write); JSON networks must start with "{"',
    });
  }
  const version = bytes[8];
  let offsetSize: number;
  let eofAt: number;
  if (version === 0 || version === 1) {
    offsetSize = bytes[13];
    const base = version === 0 ? 24 : 28;
    eofAt = base + 2 * offsetSize;
  } else {
    offsetSize = bytes[9];
    eofAt = 12 + 2 * offsetSize;
  }
  if (![2, 4, 8].includes(offsetSize) || bytes.length < eofAt + offsetSize) {
    throw new SpikeforgeError('NIR_FORMAT', `${file}: truncated or damaged HDF5 header`, {
      hint: 'the file is incomplete; copy or export it again',
    });
  }
  const eof = readAddress(bytes, eofAt, offsetSize);
  if (eof !== undefined && eof > bytes.length) {
    throw new SpikeforgeError(
      'NIR_FORMAT',
      `${file}: truncated HDF5 file (${bytes.length} bytes, its header says ${eof})`,
      { hint: 'the file is incomplete; copy or export it again' },
    );
  }
}

type H5wasm = typeof import('h5wasm/node').default;
let loading: Promise<H5wasm> | undefined;
function h5(): Promise<H5wasm> {
  loading ??= import('h5wasm/node').then(async ({ default: lib }) => {
    await lib.ready;
    return lib;
  });
  return loading;
}

/**
 * Runs `fn` with HDF5's diagnostics (written by the wasm module straight to fd 2) captured instead of
 * printed, and returns the innermost reason HDF5 gave, for our own error message.
 */
function quietly<T>(fn: () => T): { value: T } | { error: unknown; reason: string } {
  const original = fs.writeSync;
  let text = '';
  const capture = (fd: number, data: unknown, ...rest: unknown[]): number => {
    if (fd !== 2) return (original as (...a: unknown[]) => number)(fd, data, ...rest);
    if (typeof data === 'string') {
      text += data;
      return Buffer.byteLength(data);
    }
    const bytes = data as Uint8Array;
    const offset = typeof rest[0] === 'number' ? rest[0] : 0;
    const length = typeof rest[1] === 'number' ? rest[1] : bytes.length - offset;
    text += Buffer.from(bytes.buffer, bytes.byteOffset + offset, length).toString('utf8');
    return length;
  };
  // Emscripten's own warnings and abort notices go through console (process.stderr) instead.
  const originalStderr = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  fs.writeSync = capture as typeof fs.writeSync;
  try {
    return { value: fn() };
  } catch (error) {
    const reasons = [...text.matchAll(/#\d+: .* in [\w.]+\(\): (.*)$/gm)].map((m) => m[1]);
    const opening = text.split('HDF5-DIAG')[1] ?? '';
    const first = [...opening.matchAll(/#\d+: .* in [\w.]+\(\): (.*)$/gm)].map((m) => m[1]);
    return { error, reason: first.at(-1) ?? reasons.at(-1) ?? (error as Error).message };
  } finally {
    fs.writeSync = original;
    process.stderr.write = originalStderr;
  }
}

function numbersOf(value: unknown): Float64Array | undefined {
  if (typeof value === 'number') return Float64Array.of(value);
  if (typeof value === 'bigint') return Float64Array.of(Number(value));
  if (typeof value === 'boolean') return Float64Array.of(value ? 1 : 0);
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
    return Float64Array.from(value, (v) => Number(v));
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Float64Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' || typeof v === 'boolean')) {
    return Float64Array.from(value, Number);
  }
  return undefined;
}

function stringsOf(value: unknown): string[] | undefined {
  const decode = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (v instanceof Uint8Array) return new TextDecoder().decode(v);
    return undefined;
  };
  if (Array.isArray(value)) {
    const out = value.map(decode);
    return out.every((s) => s !== undefined) ? (out as string[]) : undefined;
  }
  const one = decode(value);
  return one === undefined ? undefined : [one];
}

function readEntity(h5wasm: H5wasm, entity: Dataset | Group, path: string): H5Value {
  if (entity instanceof h5wasm.Group) {
    const entries = new Map<string, H5Value>();
    for (const key of entity.keys()) {
      const child = entity.get(key);
      if (child instanceof h5wasm.Group || child instanceof h5wasm.Dataset) {
        entries.set(key, readEntity(h5wasm, child, `${path}/${key}`));
      }
    }
    return { kind: 'group', entries };
  }
  const dataset = entity as Dataset;
  const shape = dataset.shape ?? [];
  const value = dataset.value;
  if (dataset.metadata.type === 3 /* H5T_STRING */ || typeof value === 'string') {
    const data = stringsOf(value);
    if (data) return { kind: 'string', shape, data };
  }
  const numbers = numbersOf(value);
  if (numbers) return { kind: 'number', shape, data: numbers };
  const strings = stringsOf(value);
  if (strings) return { kind: 'string', shape, data: strings };
  throw new Error(`${path}: unsupported dataset type ${JSON.stringify(dataset.dtype)}`);
}

/** Reads a whole HDF5 file (as bytes, already checked) into a tree of groups and datasets. */
export async function readHdf5Tree(bytes: Uint8Array, file: string): Promise<H5Value> {
  checkHdf5(bytes, file);
  const lib = await h5();
  const dir = mkdtempSync(join(tmpdir(), 'spikeforge-'));
  const path = join(dir, 'in.h5');
  try {
    writeFileSync(path, bytes);
    const result = quietly(() => {
      const f = new lib.File(path, 'r');
      try {
        return readEntity(lib, f, '');
      } finally {
        f.close();
      }
    });
    if ('value' in result) return result.value;
    throw new SpikeforgeError('NIR_FORMAT', `${file}: cannot read the HDF5 file (${result.reason})`, {
      hint: 'the file may be damaged or incomplete; export it again with nir.write',
      cause: result.error,
    });
  } catch (e) {
    if (e instanceof SpikeforgeError) throw e;
    throw new SpikeforgeError('NIR_FORMAT', `${file}: cannot read the HDF5 file (${(e as Error).message})`, {
      hint: 'the file may be damaged; export it again with nir.write',
      cause: e,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What to write: a dataset (typed array with shape, number, string, strings with shape) or a group. */
export type H5Write =
  | { kind: 'group'; entries: [string, H5Write][] }
  | { kind: 'float32'; shape: number[]; data: Float32Array }
  | { kind: 'int64'; shape: number[]; data: number[] }
  | { kind: 'string'; value: string }
  | { kind: 'strings'; shape: number[]; data: string[] };

function writeInto(group: Group, name: string, item: H5Write): void {
  switch (item.kind) {
    case 'group': {
      const g = group.create_group(name);
      for (const [k, v] of item.entries) writeInto(g, k, v);
      return;
    }
    case 'float32':
      group.create_dataset({ name, data: item.data, shape: item.shape, dtype: '<f' });
      return;
    case 'int64':
      group.create_dataset({
        name,
        data: BigInt64Array.from(item.data, (v) => BigInt(v)),
        shape: item.shape,
        dtype: '<q',
      });
      return;
    case 'string':
      group.create_dataset({ name, data: item.value });
      return;
    case 'strings':
      group.create_dataset({ name, data: item.data, shape: item.shape });
      return;
  }
}

/** Writes the tree to `path` (replacing it). */
export async function writeHdf5Tree(path: string, root: [string, H5Write][]): Promise<void> {
  const lib = await h5();
  // Written via a temporary file so a failed write never leaves a half file at `path`.
  const dir = mkdtempSync(join(tmpdir(), 'spikeforge-'));
  const tmp = join(dir, 'out.h5');
  try {
    const f = new lib.File(tmp, 'w');
    try {
      for (const [name, item] of root) writeInto(f, name, item);
    } finally {
      f.close();
    }
    writeFileAtomic(path, readFileSync(tmp));
  } catch (e) {
    if (e instanceof SpikeforgeError) throw e;
    throw new SpikeforgeError('FILE_WRITE', `${path}: cannot write the NIR file (${(e as Error).message})`, {
      cause: e,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The configuration image: spikeforge's own versioned binary format for a ChipConfig (layout in
 * protocol/IMAGE.md). Deterministic: the same configuration gives the same bytes. Decoding checks
 * magic, version, length and CRC32 before it reads anything else, then bounds-checks every field and
 * the configuration's consistency, so a bad image is a SpikeforgeError naming what and where.
 */
import { getProfileByCode, profiles } from '../chip/index.ts';
import { SpikeforgeError } from '../errors.ts';
import type { Shape3 } from '../network/schema.ts';
import { crc32 } from '../util/crc32.ts';
import { ByteReader, ByteWriter } from './bytes.ts';
import {
  type ChipConfig,
  type CoreConfig,
  type Destination,
  evaluationOrder,
  type InputConfig,
} from './config.ts';

export const IMAGE_MAGIC = 'SFIMG';
export const IMAGE_FORMAT_VERSION = 1;
export const HEADER_SIZE = 48;
/** Header field offsets (protocol/IMAGE.md): the one place that knows where they sit. */
export const HEADER = { magic: 0, formatVersion: 5, chipCode: 6, length: 8 } as const;
export const SECTION_INPUT = 1;
export const SECTION_CORE = 2;
export const SECTION_NAMES = 3;
/** Name-table key of the input layer (core ids use their own id). */
export const INPUT_KEY = 0xffff;

const FLAG_MONITOR = 1;
const FLAG_RESET_ZERO = 2;
const FLAG_BIAS = 4;
const FLAG_INITIAL_STATE = 8;

const MAGIC = new TextEncoder().encode(IMAGE_MAGIC);

/** Whether the bytes start like a spikeforge image (magic only: `decodeImage` checks the rest). */
export function isImage(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Whether the bytes are a spikeforge image, or were one whose magic got damaged: the rest of the
 * header (the length field equals the size, a format version, a known chip code) is an image's.
 * Such a file goes to `decodeImage`, which names the damage, rather than to the network readers.
 */
export function looksLikeImage(bytes: Uint8Array): boolean {
  if (isImage(bytes)) return true;
  if (bytes.length < HEADER_SIZE + 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    view.getUint32(HEADER.length, true) === bytes.length &&
    bytes[HEADER.formatVersion] >= 1 &&
    getProfileByCode(view.getUint16(HEADER.chipCode, true)) !== undefined
  );
}

function fail(message: string): never {
  throw new SpikeforgeError('IMAGE_FORMAT', message, {
    hint: 'this configuration cannot be written as an image; compile the network again',
  });
}

function checkRange(what: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max)
    fail(`cannot encode ${what} = ${v}: outside ${min}..${max}`);
  return v;
}

function hashBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex))
    fail(`cannot encode source hash "${hex}": expected 64 lowercase hex digits (sha256)`);
  return Uint8Array.from({ length: 32 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

const hexOf = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

function section(w: ByteWriter, tag: number, key: number, body: () => void): void {
  w.u16(tag);
  w.u16(key);
  const lengthAt = w.length;
  w.u32(0);
  const start = w.length;
  body();
  w.setU32(lengthAt, w.length - start);
}

function writeShape(w: ByteWriter, what: string, s: Shape3): void {
  for (const v of s) w.u16(checkRange(what, v, 0, 0xffff));
}

function writeDestinations(w: ByteWriter, what: string, ds: Destination[]): void {
  for (const d of ds) {
    w.u8(checkRange(`${what} destination core`, d.coreId, 0, 0xfe));
    w.u8(checkRange(`${what} destination pooling`, d.pooling, 1, 0xff));
  }
}

function coreWords(c: CoreConfig): { weights: number; state: number } {
  const [f] = c.outputShape;
  return {
    weights: f * c.inputShape[0] * c.kernelSize * c.kernelSize,
    state: f * c.outputShape[1] * c.outputShape[2],
  };
}

export function encodeImage(config: ChipConfig): Uint8Array {
  const profile = profiles.find((p) => p.id === config.chip);
  if (!profile) fail(`cannot encode an image for unknown chip "${config.chip}"`);
  if (config.formatVersion !== IMAGE_FORMAT_VERSION) {
    fail(
      `cannot encode format version ${config.formatVersion}: this spikeforge writes version ${IMAGE_FORMAT_VERSION}`,
    );
  }
  const cores = [...config.cores].sort((a, b) => a.coreId - b.coreId);
  const w = new ByteWriter();
  w.bytes(MAGIC);
  w.u8(IMAGE_FORMAT_VERSION);
  w.u16(profile.code);
  w.u32(0); // total length, set below
  w.u16(cores.length + 2);
  w.u16(cores.length);
  w.bytes(hashBytes(config.sourceHash));
  w.bytes(new Uint8Array(HEADER_SIZE - w.length)); // reserved, zero

  const input = config.input;
  section(w, SECTION_INPUT, 0, () => {
    writeShape(w, 'input shape', input.shape);
    for (const v of input.crop) w.u16(checkRange('input crop', v, 0, 0xffff));
    w.u8((input.flipX ? 1 : 0) | (input.flipY ? 2 : 0) | (input.swapXY ? 4 : 0));
    w.u8(checkRange('input destinations', input.destinations.length, 0, 0xff));
    writeDestinations(w, 'input', input.destinations);
  });
  for (const c of cores) {
    const at = `core ${c.coreId}`;
    const { weights, state } = coreWords(c);
    if (c.weights.length !== weights) fail(`${at}: ${c.weights.length} weights, its shapes need ${weights}`);
    if (c.biases && c.biases.length !== c.outputShape[0])
      fail(`${at}: ${c.biases.length} biases for ${c.outputShape[0]} channels`);
    if (c.initialState && c.initialState.length !== state)
      fail(`${at}: initial state of ${c.initialState.length} values, needs ${state}`);
    section(w, SECTION_CORE, checkRange('core id', c.coreId, 0, 0xfe), () => {
      w.u8(
        (c.monitor ? FLAG_MONITOR : 0) |
          (c.reset === 'zero' ? FLAG_RESET_ZERO : 0) |
          (c.biases ? FLAG_BIAS : 0) |
          (c.initialState ? FLAG_INITIAL_STATE : 0),
      );
      w.u8(checkRange(`${at} kernel size`, c.kernelSize, 1, 0xff));
      for (const v of [...c.stride, ...c.padding]) w.u8(checkRange(`${at} stride/padding`, v, 0, 0xff));
      w.u8(checkRange(`${at} destinations`, c.destinations.length, 0, 0xff));
      w.u8(0);
      writeShape(w, `${at} input shape`, c.inputShape);
      writeShape(w, `${at} output shape`, c.outputShape);
      w.i16(checkRange(`${at} threshold_high`, c.thresholdHigh, -32768, 32767));
      w.i16(checkRange(`${at} threshold_low`, c.thresholdLow, -32768, 32767));
      writeDestinations(w, at, c.destinations);
      w.bytes(new Uint8Array(c.weights.buffer, c.weights.byteOffset, c.weights.length));
      if (c.biases) w.i16s(c.biases);
      if (c.initialState) w.i16s(c.initialState);
    });
  }
  const encoder = new TextEncoder();
  section(w, SECTION_NAMES, 0, () => {
    const entries: [number, string][] = [
      [INPUT_KEY, input.name],
      ...cores.map((c): [number, string] => [c.coreId, c.layer]),
    ];
    w.u16(entries.length);
    for (const [key, name] of entries) {
      const b = encoder.encode(name);
      w.u16(key);
      w.u16(checkRange(`length of name "${name}"`, b.length, 0, 0xffff));
      w.bytes(b);
    }
  });
  const total = w.length + 4;
  w.setU32(8, total);
  w.u32(0);
  const bytes = w.finish();
  new DataView(bytes.buffer).setUint32(total - 4, crc32(bytes, 0, total - 4), true);
  return bytes;
}

/**
 * The CRC32 that identifies an image on the wire and on a board: over every byte before the image's
 * CRC trailer, so it equals the trailer of an intact image. (A CRC over the whole image, trailer
 * included, is the same constant, 0x2144df1c, for every intact image and identifies nothing.)
 */
/** The format version byte of an image's header, read without decoding the rest (0 when too short). */
export function imageFormatVersion(bytes: Uint8Array): number {
  return bytes.length > HEADER.formatVersion ? bytes[HEADER.formatVersion] : 0;
}

export function imageCrc(bytes: Uint8Array): number {
  return crc32(bytes, 0, Math.max(0, bytes.length - 4));
}

/** Whether the bytes end in the CRC of what precedes it, i.e. arrived whole and unaltered. */
export function imageIntact(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const trailer = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true);
  return trailer === imageCrc(bytes);
}

function readDestinations(r: ByteReader, n: number, what: string): Destination[] {
  return Array.from({ length: n }, () => {
    const coreId = r.u8(`${what} destination core`);
    const pooling = r.u8(`${what} destination pooling`);
    if (coreId === 0xff || pooling < 1)
      r.fail(`${what}: destination core ${coreId} with pooling ${pooling}`, r.offset - 2);
    return { coreId, pooling };
  });
}

function readShape(r: ByteReader, what: string): Shape3 {
  return [r.u16(what), r.u16(what), r.u16(what)];
}

function readInput(r: ByteReader): Omit<InputConfig, 'name'> {
  const shape = readShape(r, 'input shape');
  const crop: [number, number, number, number] = [r.u16('crop'), r.u16('crop'), r.u16('crop'), r.u16('crop')];
  const flags = r.u8('input flags');
  if (flags & ~7) r.fail(`input: unknown flag bits 0x${flags.toString(16)}`, r.offset - 1);
  const n = r.u8('input destination count');
  return {
    shape,
    crop,
    flipX: (flags & 1) !== 0,
    flipY: (flags & 2) !== 0,
    swapXY: (flags & 4) !== 0,
    destinations: readDestinations(r, n, 'input'),
  };
}

function readCore(r: ByteReader, coreId: number): Omit<CoreConfig, 'layer'> {
  const at = `core ${coreId}`;
  const flagsAt = r.offset;
  const flags = r.u8(`${at} flags`);
  if (flags & ~(FLAG_MONITOR | FLAG_RESET_ZERO | FLAG_BIAS | FLAG_INITIAL_STATE))
    r.fail(`${at}: unknown flag bits 0x${flags.toString(16)}`, flagsAt);
  const kernelSize = r.u8(`${at} kernel size`);
  if (kernelSize < 1) r.fail(`${at}: kernel size 0`, flagsAt + 1);
  const stride: [number, number] = [r.u8(`${at} stride`), r.u8(`${at} stride`)];
  const padding: [number, number] = [r.u8(`${at} padding`), r.u8(`${at} padding`)];
  const nDest = r.u8(`${at} destination count`);
  if (r.u8(`${at} reserved`) !== 0) r.fail(`${at}: reserved byte is not 0`, r.offset - 1);
  const inputShape = readShape(r, `${at} input shape`);
  const outputShape = readShape(r, `${at} output shape`);
  const thresholdHigh = r.i16(`${at} threshold_high`);
  const thresholdLow = r.i16(`${at} threshold_low`);
  const destinations = readDestinations(r, nDest, at);
  const base = { coreId, kernelSize, inputShape, outputShape } as CoreConfig;
  const { weights: nWeights, state } = coreWords(base);
  const weights = r.i8s(nWeights, `${at} weights (${nWeights})`);
  const biases = flags & FLAG_BIAS ? r.i16s(outputShape[0], `${at} biases`) : null;
  const initialState = flags & FLAG_INITIAL_STATE ? r.i16s(state, `${at} initial state`) : null;
  return {
    coreId,
    inputShape,
    outputShape,
    kernelSize,
    stride,
    padding,
    weights,
    biases,
    thresholdHigh,
    thresholdLow,
    reset: flags & FLAG_RESET_ZERO ? 'zero' : 'subtract',
    initialState,
    destinations,
    monitor: (flags & FLAG_MONITOR) !== 0,
  };
}

export function decodeImage(bytes: Uint8Array, source = 'image'): ChipConfig {
  const header: ByteReader = new ByteReader(bytes, source, 0, bytes.length);
  if (!isImage(bytes) && looksLikeImage(bytes)) {
    const got = Array.from(bytes.subarray(0, MAGIC.length), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new SpikeforgeError(
      'IMAGE_FORMAT',
      `${source}: a damaged spikeforge image: the magic at offset 0 is ${got}, not "${IMAGE_MAGIC}", while the rest of the header (length, format version, chip code) is an image's`,
      { hint: 'the file was corrupted (bad copy or transfer); copy it again or compile the network again' },
    );
  }
  if (bytes.length < MAGIC.length || !isImage(bytes)) {
    throw new SpikeforgeError(
      'IMAGE_FORMAT',
      `${source}: not a spikeforge image (no "${IMAGE_MAGIC}" magic at offset 0)`,
      {
        hint: 'give an image written by `spikeforge compile`, or a network file (.nir, .json)',
      },
    );
  }
  if (bytes.length < HEADER_SIZE + 4)
    header.fail(`truncated: ${bytes.length} bytes, the header alone needs ${HEADER_SIZE + 4}`, bytes.length);
  header.offset = HEADER.formatVersion;
  const version = header.u8('format version');
  if (version !== IMAGE_FORMAT_VERSION) {
    throw new SpikeforgeError(
      'IMAGE_VERSION',
      `${source}: image format version ${version} (at offset ${HEADER.formatVersion}); this spikeforge reads version ${IMAGE_FORMAT_VERSION}`,
      {
        hint:
          version > IMAGE_FORMAT_VERSION
            ? 'update spikeforge'
            : 'compile the network again with this spikeforge',
      },
    );
  }
  const chipCode = header.u16('chip code');
  const total = header.u32('image length');
  if (total !== bytes.length) {
    header.fail(
      total > bytes.length
        ? `truncated: the header says ${total} bytes, the image has ${bytes.length}`
        : `the header says ${total} bytes, the image has ${bytes.length} (trailing bytes)`,
      total > bytes.length ? bytes.length : HEADER.length,
    );
  }
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(total - 4, true);
  const computed = crc32(bytes, 0, total - 4);
  if (stored !== computed) {
    throw new SpikeforgeError(
      'IMAGE_CRC',
      `${source}: CRC32 mismatch (at offset ${total - 4}): stored ${stored.toString(16).padStart(8, '0')}, content gives ${computed.toString(16).padStart(8, '0')}`,
      { hint: 'the image is corrupted (bad copy or transfer); compile or copy it again' },
    );
  }
  const found = getProfileByCode(chipCode);
  if (!found) header.fail(`unknown chip profile code ${chipCode}`, 6);
  const profile = found;
  const nSections = header.u16('section count');
  const nCores = header.u16('core count');
  const sourceHash = hexOf(header.bytes(32, 'source hash'));

  const r: ByteReader = new ByteReader(bytes, source, HEADER_SIZE, total - 4);
  let input: Omit<InputConfig, 'name'> | null = null;
  let names: Map<number, string> | null = null;
  const cores: Omit<CoreConfig, 'layer'>[] = [];
  for (let i = 0; i < nSections; i++) {
    const start = r.offset;
    const tag = r.u16('section tag');
    const key = r.u16('section key');
    const length = r.u32('section length');
    const body = new ByteReader(bytes, source, r.offset, r.offset + length);
    if (r.offset + length > r.end)
      r.fail(`truncated: section ${i} says ${length} bytes, only ${r.end - r.offset} left`, start + 4);
    // Sections come in one order (input, cores by id, names), so that an accepted image is canonical.
    const expected = i === 0 ? SECTION_INPUT : i === nSections - 1 ? SECTION_NAMES : SECTION_CORE;
    if (tag !== expected && [SECTION_INPUT, SECTION_CORE, SECTION_NAMES].includes(tag)) {
      r.fail(`section ${i} has tag ${tag}, expected ${expected} (order: input, cores, names)`, start);
    }
    if (tag !== SECTION_CORE && key !== 0)
      r.fail(`section ${i} (tag ${tag}) has key ${key}, expected 0`, start + 2);
    if (tag === SECTION_INPUT) {
      input = readInput(body);
    } else if (tag === SECTION_CORE) {
      if (key >= profile.cores.length)
        r.fail(
          `core section for core ${key}; ${profile.id} has cores 0..${profile.cores.length - 1}`,
          start + 2,
        );
      if (cores.length > 0 && cores[cores.length - 1].coreId >= key)
        r.fail(`core ${key} out of order or repeated`, start + 2);
      cores.push(readCore(body, key));
    } else if (tag === SECTION_NAMES) {
      names = readNames(body);
    } else {
      r.fail(`unknown section tag ${tag}`, start);
    }
    if (body.offset !== body.end)
      body.fail(`section ${i} (tag ${tag}) has ${body.end - body.offset} unexpected trailing bytes`);
    r.offset += length;
  }
  if (r.offset !== r.end) r.fail(`${r.end - r.offset} bytes after the last section`);
  if (!input) r.fail('no input section', HEADER_SIZE);
  if (!names) r.fail('no name table', HEADER_SIZE);
  const inputSection = input;
  const nameTable = names;
  if (cores.length !== nCores)
    header.fail(`the header counts ${nCores} cores, the image holds ${cores.length}`, 14);
  const present = new Set(cores.map((c) => c.coreId));
  const checkDest = (ds: Destination[], what: string): void => {
    for (const d of ds)
      if (!present.has(d.coreId))
        header.fail(`${what} sends to core ${d.coreId}, which the image does not configure`, HEADER_SIZE);
  };
  checkDest(inputSection.destinations, 'the input');
  const keys = [...nameTable.keys()];
  const wantKeys = [INPUT_KEY, ...cores.map((c) => c.coreId)];
  if (keys.length !== wantKeys.length || keys.some((k, i) => k !== wantKeys[i])) {
    header.fail(
      `the name table has keys ${keys.join(', ')}, expected ${wantKeys.join(', ')} (input, then the cores)`,
      HEADER_SIZE,
    );
  }
  const nameOf = (key: number, what: string): string => {
    const n = nameTable.get(key);
    if (n === undefined) header.fail(`the name table has no name for ${what}`, HEADER_SIZE);
    return n;
  };
  const config: ChipConfig = {
    formatVersion: version,
    chip: profile.id,
    sourceHash,
    input: { name: nameOf(INPUT_KEY, 'the input'), ...inputSection },
    cores: cores.map((c) => {
      checkDest(c.destinations, `core ${c.coreId}`);
      return { ...c, layer: nameOf(c.coreId, `core ${c.coreId}`) };
    }),
  };
  try {
    evaluationOrder(config);
  } catch (e) {
    header.fail(`${(e as Error).message}: the image cannot be run`, HEADER_SIZE);
  }
  return canonical(config);
}

function readNames(r: ByteReader): Map<number, string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const n = r.u16('name count');
  const names = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const at = r.offset;
    const key = r.u16('name key');
    const len = r.u16('name length');
    const b = r.bytes(len, `name ${i}`);
    let text: string;
    try {
      text = decoder.decode(b);
    } catch {
      r.fail(`name ${i} is not valid UTF-8`, at + 4);
    }
    if (names.has(key)) r.fail(`name ${i} repeats key ${key}`, at);
    names.set(key, text);
  }
  return names;
}

/** Key order of a configuration as `compile` builds it, so that decoded configs deep-equal compiled ones. */
export function canonical(config: ChipConfig): ChipConfig {
  const i = config.input;
  return {
    formatVersion: config.formatVersion,
    chip: config.chip,
    sourceHash: config.sourceHash,
    input: {
      name: i.name,
      shape: [...i.shape],
      crop: [...i.crop],
      flipX: i.flipX,
      flipY: i.flipY,
      swapXY: i.swapXY,
      destinations: i.destinations.map((d) => ({ coreId: d.coreId, pooling: d.pooling })),
    },
    cores: config.cores.map((c) => ({
      coreId: c.coreId,
      layer: c.layer,
      inputShape: [...c.inputShape],
      outputShape: [...c.outputShape],
      kernelSize: c.kernelSize,
      stride: [...c.stride],
      padding: [...c.padding],
      weights: c.weights,
      biases: c.biases,
      thresholdHigh: c.thresholdHigh,
      thresholdLow: c.thresholdLow,
      reset: c.reset,
      initialState: c.initialState,
      destinations: c.destinations.map((d) => ({ coreId: d.coreId, pooling: d.pooling })),
      monitor: c.monitor,
    })),
  };
}

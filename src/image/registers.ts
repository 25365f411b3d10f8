/**
 * The register map (protocol/IMAGE.md, "Register map"): a chip configuration as the ordered
 * (address, value) writes a board applies. address = core << 24 | region << 20 | index; core 0xFF is
 * the chip itself (format, input layer, input name). `configFromRegisterWrites` is the board's side:
 * it rebuilds exactly the configuration from the writes.
 */
import type { ChipProfile } from '../chip/profile.ts';
import { SpikeforgeError } from '../errors.ts';
import type { Shape3 } from '../network/schema.ts';
import type { ChipConfig, CoreConfig, Destination } from './config.ts';
import { canonical } from './image.ts';

export interface RegisterWrite {
  address: number;
  /** Unsigned 32-bit value. */
  value: number;
}

export const CHIP_CORE = 0xff;
export const Region = {
  control: 0,
  kernel: 1,
  bias: 2,
  threshold: 3,
  state: 4,
  destination: 5,
  input: 6,
  metadata: 7,
} as const;

const CONTROL_ENABLE = 1;
const CONTROL_MONITOR = 2;
const CONTROL_RESET_ZERO = 4;
const CONTROL_BIAS = 8;
const CONTROL_STATE = 16;
const DESTINATION_ENABLE = 0x80000000;

/** Register indexes are 20 bits: address = core << 24 | region << 20 | index. */
export const REGISTER_INDEX_LIMIT = 1 << 20;

export function registerAddress(core: number, region: number, index: number): number {
  return ((core << 24) | (region << 20) | index) >>> 0;
}

export function splitAddress(address: number): { core: number; region: number; index: number } {
  return { core: address >>> 24, region: (address >>> 20) & 0xf, index: address & 0xfffff };
}

/** Bytes packed 4 per word, little-endian (byte 4i in bits 0..7). */
function packBytes(bytes: Uint8Array): number[] {
  const words: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    words.push(
      (bytes[i] | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)) >>>
        0,
    );
  }
  return words;
}

function destinationWord(d: Destination): number {
  return (DESTINATION_ENABLE | (d.pooling << 8) | d.coreId) >>> 0;
}

export function registerWrites(config: ChipConfig, profile: ChipProfile): RegisterWrite[] {
  if (config.chip !== profile.id) {
    throw new SpikeforgeError(
      'USAGE',
      `the configuration is for chip "${config.chip}", not "${profile.id}"`,
      {
        hint: `use the ${config.chip} profile`,
      },
    );
  }
  const out: RegisterWrite[] = [];
  const put = (core: number, region: number, values: ArrayLike<number>, start = 0): void => {
    if (start + values.length > REGISTER_INDEX_LIMIT) {
      // The index would spill into the next region: refused, never written elsewhere.
      throw new SpikeforgeError(
        'IMAGE_FORMAT',
        `core ${core} region ${region} needs ${start + values.length} register words, the 20-bit register index addresses ${REGISTER_INDEX_LIMIT}`,
        { hint: 'the configuration exceeds the chip; compile the network again' },
      );
    }
    for (let i = 0; i < values.length; i++)
      out.push({ address: registerAddress(core, region, start + i), value: values[i] >>> 0 });
  };
  const encoder = new TextEncoder();
  const putName = (core: number, name: string): void => {
    const b = encoder.encode(name);
    put(core, Region.metadata, [b.length, ...packBytes(b)]);
  };
  const hash = Uint8Array.from(
    { length: 32 },
    (_, i) => Number.parseInt(config.sourceHash.slice(2 * i, 2 * i + 2), 16) || 0,
  );
  put(CHIP_CORE, Region.control, [
    config.formatVersion,
    profile.code,
    config.cores.length,
    ...packBytes(hash),
  ]);
  const i = config.input;
  put(CHIP_CORE, Region.input, [
    ...i.shape,
    ...i.crop,
    (i.flipX ? 1 : 0) | (i.flipY ? 2 : 0) | (i.swapXY ? 4 : 0),
  ]);
  put(CHIP_CORE, Region.destination, i.destinations.map(destinationWord));
  putName(CHIP_CORE, i.name);
  for (const c of [...config.cores].sort((a, b) => a.coreId - b.coreId)) {
    const flags =
      CONTROL_ENABLE |
      (c.monitor ? CONTROL_MONITOR : 0) |
      (c.reset === 'zero' ? CONTROL_RESET_ZERO : 0) |
      (c.biases ? CONTROL_BIAS : 0) |
      (c.initialState ? CONTROL_STATE : 0);
    put(c.coreId, Region.control, [
      flags,
      c.kernelSize,
      ...c.stride,
      ...c.padding,
      ...c.inputShape,
      ...c.outputShape,
    ]);
    put(c.coreId, Region.threshold, [c.thresholdHigh & 0xffff, c.thresholdLow & 0xffff]);
    if (c.biases)
      put(
        c.coreId,
        Region.bias,
        Array.from(c.biases, (b) => b & 0xffff),
      );
    put(
      c.coreId,
      Region.kernel,
      packBytes(new Uint8Array(c.weights.buffer, c.weights.byteOffset, c.weights.length)),
    );
    if (c.initialState) {
      const s = c.initialState;
      const words: number[] = [];
      for (let k = 0; k < s.length; k += 2)
        words.push(((s[k] & 0xffff) | ((k + 1 < s.length ? s[k + 1] & 0xffff : 0) << 16)) >>> 0);
      put(c.coreId, Region.state, words);
    }
    put(c.coreId, Region.destination, c.destinations.map(destinationWord));
    putName(c.coreId, c.layer);
  }
  return out;
}

const int16 = (v: number): number => ((v & 0xffff) << 16) >> 16;

export function configFromRegisterWrites(writes: RegisterWrite[], profile: ChipProfile): ChipConfig {
  const regs = new Map<number, number>();
  for (const w of writes) regs.set(w.address >>> 0, w.value >>> 0);
  const has = (core: number, region: number, index: number): boolean =>
    regs.has(registerAddress(core, region, index));
  const get = (core: number, region: number, index: number): number => {
    const v = regs.get(registerAddress(core, region, index));
    if (v === undefined) {
      throw new SpikeforgeError(
        'IMAGE_FORMAT',
        `register 0x${registerAddress(core, region, index).toString(16).padStart(8, '0')} (core ${core}, region ${region}, index ${index}) was never written`,
        { hint: 'the register writes are incomplete; apply the whole image again' },
      );
    }
    return v;
  };
  const words = (core: number, region: number, start: number, n: number): number[] =>
    Array.from({ length: n }, (_, k) => get(core, region, start + k));
  const unpack = (core: number, region: number, start: number, nBytes: number): Uint8Array => {
    const out = new Uint8Array(nBytes);
    for (let w = 0; w * 4 < nBytes; w++) {
      const v = get(core, region, start + w);
      for (let b = 0; b < 4 && w * 4 + b < nBytes; b++) out[w * 4 + b] = (v >>> (b * 8)) & 0xff;
    }
    return out;
  };
  const decoder = new TextDecoder();
  const name = (core: number): string =>
    decoder.decode(unpack(core, Region.metadata, 1, get(core, Region.metadata, 0)));
  const destinations = (core: number): Destination[] => {
    const out: Destination[] = [];
    for (let d = 0; has(core, Region.destination, d); d++) {
      const v = get(core, Region.destination, d);
      if (v & DESTINATION_ENABLE) out.push({ coreId: v & 0xff, pooling: (v >>> 8) & 0xff });
    }
    return out;
  };

  const [formatVersion, chipCode] = words(CHIP_CORE, Region.control, 0, 2);
  if (chipCode !== profile.code) {
    throw new SpikeforgeError(
      'IMAGE_FORMAT',
      `the register writes are for chip code ${chipCode}, this is ${profile.id} (code ${profile.code})`,
      {
        hint: 'flash an image compiled for this chip',
      },
    );
  }
  const hash = unpack(CHIP_CORE, Region.control, 3, 32);
  const inputWords = words(CHIP_CORE, Region.input, 0, 8);
  const cores: CoreConfig[] = [];
  for (const { id } of profile.cores) {
    if (!has(id, Region.control, 0) || (get(id, Region.control, 0) & CONTROL_ENABLE) === 0) continue;
    const [flags, kernelSize, sy, sx, py, px, ...shapes] = words(id, Region.control, 0, 12);
    const inputShape = shapes.slice(0, 3) as Shape3;
    const outputShape = shapes.slice(3, 6) as Shape3;
    const [f, oh, ow] = outputShape;
    const nWeights = f * inputShape[0] * kernelSize * kernelSize;
    const unpacked = unpack(id, Region.kernel, 0, nWeights);
    const nState = f * oh * ow;
    cores.push({
      coreId: id,
      layer: name(id),
      inputShape,
      outputShape,
      kernelSize,
      stride: [sy, sx],
      padding: [py, px],
      weights: new Int8Array(unpacked.buffer),
      biases: flags & CONTROL_BIAS ? Int16Array.from(words(id, Region.bias, 0, f), int16) : null,
      thresholdHigh: int16(get(id, Region.threshold, 0)),
      thresholdLow: int16(get(id, Region.threshold, 1)),
      reset: flags & CONTROL_RESET_ZERO ? 'zero' : 'subtract',
      initialState:
        flags & CONTROL_STATE
          ? Int16Array.from({ length: nState }, (_, k) =>
              int16(get(id, Region.state, k >> 1) >>> ((k & 1) * 16)),
            )
          : null,
      destinations: destinations(id),
      monitor: (flags & CONTROL_MONITOR) !== 0,
    });
  }
  return canonical({
    formatVersion,
    chip: profile.id,
    sourceHash: Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join(''),
    input: {
      name: name(CHIP_CORE),
      shape: inputWords.slice(0, 3) as Shape3,
      crop: inputWords.slice(3, 7) as [number, number, number, number],
      flipX: (inputWords[7] & 1) !== 0,
      flipY: (inputWords[7] & 2) !== 0,
      swapXY: (inputWords[7] & 4) !== 0,
      destinations: destinations(CHIP_CORE),
    },
    cores,
  });
}

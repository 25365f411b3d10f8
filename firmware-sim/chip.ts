/**
 * The board's configured chip: an image decoded and applied as its register writes (as the firmware
 * does), the emulator that plays the chip, and the readback of the running image.
 */
import type { ChipProfile } from '../src/chip/index.ts';
import { Emulator } from '../src/emulator/index.ts';
import type { ChipConfig } from '../src/image/config.ts';
import { configFromRegisterWrites, decodeImage, registerWrites } from '../src/image/index.ts';
import { assertFitsChip } from '../src/image/limits.ts';
import { BoardError } from '../src/transport/errors.ts';
import type { EnvelopeInit } from '../src/transport/messages.ts';
import type { Refuse } from './answers.ts';

export interface Active {
  image: Uint8Array;
  crc: number;
  config: ChipConfig;
  emulator: Emulator;
  /** coreId -> index into the emulator's layers. */
  layerOfCore: Map<number, number>;
  coreOfLayer: Int32Array;
  sourceHash: Uint8Array;
}

/**
 * Decodes the image and configures the chip from its register writes, as the firmware does. `image`
 * (the staging buffer, not used after) becomes the running image; `crc` is its checked imageCrc.
 */
export function configure(image: Uint8Array, crc: number, profile: ChipProfile): Active {
  const decoded = decodeImage(image);
  if (decoded.chip !== profile.id) {
    throw new Error(`the image is for chip "${decoded.chip}", this board carries "${profile.id}"`);
  }
  // The chip's limits before anything is allocated for the image (register writes, the chip model).
  assertFitsChip(decoded, profile);
  const writes = registerWrites(decoded, profile);
  const config = configFromRegisterWrites(writes, profile);
  const emulator = new Emulator(config);
  const layerOfCore = new Map(config.cores.map((c, i) => [c.coreId, i]));
  const hash = decoded.sourceHash.match(/^[0-9a-f]{64}$/)
    ? Buffer.from(decoded.sourceHash, 'hex')
    : Buffer.alloc(0);
  return {
    image,
    crc,
    config,
    emulator,
    layerOfCore,
    coreOfLayer: Int32Array.from(config.cores.map((c) => c.coreId)),
    sourceHash: new Uint8Array(hash),
  };
}

/** ConfigReadback: a slice of the running image, at most what fits a frame of `frameSize`. */
export function readback(
  a: Active | undefined,
  offset: number,
  length: number,
  frameSize: number,
  refuse: Refuse,
): EnvelopeInit {
  if (!a) return refuse(BoardError.NO_CONFIG, 'no image is configured');
  const max = frameSize - 64;
  if (offset > a.image.length || length > max) {
    return refuse(
      BoardError.IMAGE_SIZE,
      `readback of ${length} bytes at ${offset}: image has ${a.image.length} bytes, at most ${max} per request`,
    );
  }
  return {
    configData: { offset, data: a.image.slice(offset, offset + length), totalSize: a.image.length },
  };
}

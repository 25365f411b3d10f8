/**
 * The whole way from a file to a configuration: a network file is loaded, quantized and compiled; an
 * image file is decoded. `run`, `flash` and `compare` take either through `loadConfig`.
 */
import { getProfile } from '../chip/index.ts';
import type { ChipProfile } from '../chip/profile.ts';
import { SpikeforgeError } from '../errors.ts';
import type { ChipConfig } from '../image/config.ts';
import { decodeImage, encodeImage, isImage, looksLikeImage } from '../image/image.ts';
import { assertFitsChip } from '../image/limits.ts';
import { type NirImportOptions, parseNetworkFile } from '../network/index.ts';
import type { Network } from '../network/schema.ts';
import { quantize } from '../quantize/index.ts';
import type { QuantizedNetwork } from '../quantize/types.ts';
import { readUserFile } from '../util/files.ts';
import { type CompileOptions, type CompileResult, compile } from './compile.ts';
import type { FitReport } from './report.ts';

/**
 * The options of `compileNetwork`: those of `compile`. (Per-neuron thresholds are collapsed, if asked,
 * when a NIR file is read: `NirImportOptions.collapseThresholds`; the IR holds one threshold per layer.)
 */
export type CompileNetworkOptions = CompileOptions;

/** quantize + compile. */
export function compileNetwork(
  network: Network,
  profile: ChipProfile,
  options: CompileNetworkOptions = {},
): CompileResult & { quantized: QuantizedNetwork } {
  const quantized = quantize(network, profile);
  return { ...compile(quantized, profile, options), quantized };
}

export interface LoadConfigOptions extends CompileNetworkOptions {
  /** Chip profile id; default: the image's chip, or dynapcnn9 for a network. */
  chip?: string;
  /** How a NIR file is imported (reset mode, membrane floor). */
  nir?: NirImportOptions;
}

/** The profile of a chip option, or an error that names the option. */
function chipOption(id: string): ChipProfile {
  try {
    return getProfile(id);
  } catch (e) {
    if (!(e instanceof SpikeforgeError)) throw e;
    throw new SpikeforgeError(e.code, `chip: ${e.message}`, { hint: e.hint, option: 'chip' });
  }
}

/** Reads a network file (NIR or JSON); a configuration image is refused with a message that says so. */
export async function readNetwork(path: string, options: NirImportOptions = {}): Promise<Network> {
  const bytes = readUserFile(path);
  if (isImage(bytes)) {
    throw new SpikeforgeError('USAGE', `${path} is already a configuration image, not a network`, {
      hint: 'give the network file (.nir, .json) it was compiled from; `spikeforge inspect` shows what an image holds',
    });
  }
  if (looksLikeImage(bytes)) decodeImage(bytes, path); // a damaged image: says so
  return parseNetworkFile(bytes, path, options);
}

/** Reads an image (decoded) or a network file (loaded, quantized, compiled, encoded). */
export async function loadConfig(
  path: string,
  options: LoadConfigOptions = {},
): Promise<{ config: ChipConfig; image: Uint8Array; report?: FitReport }> {
  // An unknown chip is that, whatever the file holds.
  if (options.chip !== undefined) chipOption(options.chip);
  const bytes = readUserFile(path);
  if (looksLikeImage(bytes)) {
    const config = decodeImage(bytes, path);
    assertFitsChip(config, getProfile(config.chip), path);
    if (options.chip !== undefined && options.chip !== config.chip) {
      throw new SpikeforgeError(
        'USAGE',
        `chip: "${options.chip}", but ${path} is an image for chip "${config.chip}"`,
        { hint: `leave the chip out, or compile the network for ${options.chip}`, option: 'chip' },
      );
    }
    return { config, image: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }
  const profile = options.chip === undefined ? getProfile('dynapcnn9') : chipOption(options.chip);
  const network = await parseNetworkFile(bytes, path, options.nir ?? {});
  const { config, report } = compileNetwork(network, profile, options);
  return { config, image: encodeImage(config), report };
}

export type ImageFileOptions = LoadConfigOptions;

/** The image to flash from a file: a compiled image as is, a network (NIR / JSON) compiled on the way. */
export async function loadImageFile(path: string, options: ImageFileOptions = {}): Promise<Uint8Array> {
  return (await loadConfig(path, options)).image;
}

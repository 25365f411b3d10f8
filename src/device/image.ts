/** The image to flash from a file: a compiled image as is, a network (NIR / JSON) compiled on the way. */
import { readFile } from 'node:fs/promises';
import { getProfile } from '../chip/index.ts';
import { compile, encodeImage, isImage } from '../compiler/index.ts';
import { SpikeforgeError } from '../errors.ts';
import { loadNetwork } from '../network/index.ts';
import { quantize } from '../quantize/index.ts';

export interface ImageFileOptions {
  /** Chip profile id used when the file is a network (default dynapcnn9). */
  chip?: string;
  /** Layers reporting spikes when the file is a network (default: the compiler's, the output layers). */
  monitor?: 'last' | 'all' | string[];
}

export async function loadImageFile(path: string, options: ImageFileOptions = {}): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpikeforgeError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_READ',
      `${path}: cannot read (${code ?? (e as Error).message})`,
      {
        hint: 'give the path of an image (spikeforge compile) or of a network (.nir, .json)',
      },
    );
  }
  if (isImage(bytes)) return bytes;
  const profile = getProfile(options.chip ?? 'dynapcnn9');
  const network = await loadNetwork(path);
  const { config } = compile(quantize(network, profile), profile, { monitor: options.monitor });
  return encodeImage(config);
}

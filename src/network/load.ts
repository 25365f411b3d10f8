/** Loading a network file of either format: NIR (HDF5, told apart by its magic bytes) or JSON. */
import { extname } from 'node:path';
import { SpikeforgeError } from '../errors.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { readUserFile } from '../util/files.ts';
import { hasHdf5Magic } from './hdf5.ts';
import { formatNetworkJson, parseNetworkJson } from './json.ts';
import { type NirImportOptions, readNir, writeNir } from './nir/index.ts';
import type { Network } from './schema.ts';

/** The bytes of a network or image file; a missing or unreadable file is a SpikeforgeError naming it. */
export async function readNetworkFile(path: string): Promise<Uint8Array> {
  return readUserFile(path);
}

/** Reads a network from a NIR (.nir, HDF5) or JSON file; every failure is a SpikeforgeError naming the file. */
export async function loadNetwork(path: string, options: NirImportOptions = {}): Promise<Network> {
  return parseNetworkFile(readUserFile(path), path, options);
}

/** The network in the bytes of the file `path` (NIR told apart by its HDF5 signature, else JSON). */
export async function parseNetworkFile(
  bytes: Uint8Array,
  path: string,
  options: NirImportOptions = {},
): Promise<Network> {
  if (hasHdf5Magic(bytes)) return readNir(bytes, options, path);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const first = text.trimStart()[0];
  if (first === undefined) {
    throw new SpikeforgeError('FILE_FORMAT', `${path}: empty file, expected a network (NIR or JSON)`, {
      hint: 'the file may have been cut short; write it again (`spikeforge convert` writes both formats)',
    });
  }
  if (/^\s*t\s*,/.test(text.slice(0, 64))) {
    throw new SpikeforgeError('FILE_FORMAT', `${path}: this is a CSV event file, not a network`, {
      hint: 'give the network (.nir, .json) first; the event file is the input of the run',
    });
  }
  if (first !== '{' && first !== '[') {
    const nirName = /\.(nir|h5|hdf5)$/i.test(path);
    throw new SpikeforgeError(
      nirName ? 'NIR_FORMAT' : 'FILE_FORMAT',
      nirName
        ? `${path}: not an HDF5 file (no HDF5 signature at the start)`
        : `${path}: neither a NIR (HDF5) nor a JSON network file`,
      {
        hint: 'NIR files are HDF5 (written by nir.write); JSON networks start with "{" (see `spikeforge schema`)',
      },
    );
  }
  return parseNetworkJson(text, path);
}

/** Writes `network` as NIR (.nir) or spikeforge JSON (.json), chosen by the extension of `path`. */
export async function saveNetwork(
  network: Network,
  path: string,
  options: { base64Above?: number } = {},
): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === '.nir') return writeNir(network, path);
  if (ext === '.json') return writeFileAtomic(path, formatNetworkJson(network, options));
  throw new SpikeforgeError('USAGE', `${path}: unknown output format "${ext || '(no extension)'}"`, {
    hint: 'name the output file .nir or .json',
  });
}

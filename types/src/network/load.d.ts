import { type NirImportOptions } from './nir.ts';
import type { Network } from './schema.ts';
/** The bytes of a network or image file; a missing or unreadable file is a SpikeforgeError naming it. */
export declare function readNetworkFile(path: string): Promise<Uint8Array>;
/** Reads a network from a NIR (.nir, HDF5) or JSON file; every failure is a SpikeforgeError naming the file. */
export declare function loadNetwork(path: string, options?: NirImportOptions): Promise<Network>;
/** The network in the bytes of the file `path` (NIR told apart by its HDF5 signature, else JSON). */
export declare function parseNetworkFile(bytes: Uint8Array, path: string, options?: NirImportOptions): Promise<Network>;
/** Writes `network` as NIR (.nir) or spikeforge JSON (.json), chosen by the extension of `path`. */
export declare function saveNetwork(network: Network, path: string, options?: {
    base64Above?: number;
}): Promise<void>;

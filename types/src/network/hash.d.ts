import type { Network } from './schema.ts';
/** sha256 (hex) of the canonical encoding of the network. */
export declare function hashNetwork(network: Network): string;

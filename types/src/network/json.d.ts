import { type Network } from './schema.ts';
/** `layers[3].weight` from a zod issue path. */
export declare function formatIssuePath(path: readonly PropertyKey[]): string;
/** Parses and validates a JSON network (schema, then graph and shapes). Errors name `file` and the path. */
export declare function parseNetworkJson(text: string, file?: string): Network;
/**
 * The IR as a JSON network file. Tensors with more than `base64Above` values (default 256) are
 * written as base64 little-endian float32; smaller ones as nested arrays. Defaults are omitted.
 */
export declare function formatNetworkJson(network: Network, options?: {
    base64Above?: number;
}): string;
/** The JSON Schema (draft 2020-12) of the network file format, generated from the zod schema. */
export declare function networkJsonSchema(): object;

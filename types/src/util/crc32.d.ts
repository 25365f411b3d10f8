/** CRC of `data[start, end)`; pass a previous result as `crc` to continue a running CRC. */
export declare function crc32(data: Uint8Array, start?: number, end?: number, crc?: number): number;

import { type ChipConfig } from './config.ts';
export declare const IMAGE_MAGIC = "SFIMG";
export declare const IMAGE_FORMAT_VERSION = 1;
export declare const HEADER_SIZE = 48;
/** Header field offsets (protocol/IMAGE.md): the one place that knows where they sit. */
export declare const HEADER: {
    readonly magic: 0;
    readonly formatVersion: 5;
    readonly chipCode: 6;
    readonly length: 8;
};
export declare const SECTION_INPUT = 1;
export declare const SECTION_CORE = 2;
export declare const SECTION_NAMES = 3;
/** Name-table key of the input layer (core ids use their own id). */
export declare const INPUT_KEY = 65535;
/** Whether the bytes start like a spikeforge image (magic only: `decodeImage` checks the rest). */
export declare function isImage(bytes: Uint8Array): boolean;
export declare function encodeImage(config: ChipConfig): Uint8Array;
/**
 * The CRC32 that identifies an image on the wire and on a board: over every byte before the image's
 * CRC trailer, so it equals the trailer of an intact image. (A CRC over the whole image, trailer
 * included, is the same constant, 0x2144df1c, for every intact image and identifies nothing.)
 */
/** The format version byte of an image's header, read without decoding the rest (0 when too short). */
export declare function imageFormatVersion(bytes: Uint8Array): number;
export declare function imageCrc(bytes: Uint8Array): number;
/** Whether the bytes end in the CRC of what precedes it, i.e. arrived whole and unaltered. */
export declare function imageIntact(bytes: Uint8Array): boolean;
export declare function decodeImage(bytes: Uint8Array, source?: string): ChipConfig;
/** Key order of a configuration as `compile` builds it, so that decoded configs deep-equal compiled ones. */
export declare function canonical(config: ChipConfig): ChipConfig;

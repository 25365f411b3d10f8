import { SpikeforgeError } from '../errors.ts';
export declare const BoardError: {
    /** The request is malformed or of a kind the board does not serve. */
    readonly BAD_REQUEST: 1;
    /** Hello: no protocol version in common. */
    readonly PROTOCOL_VERSION: 2;
    /** Another client holds the board. */
    readonly BUSY: 3;
    /** No session: Hello first (also after the board reset and forgot the session). */
    readonly NO_SESSION: 4;
    /** ConfigBegin: an image format version the firmware cannot apply. */
    readonly IMAGE_VERSION: 5;
    /** Image or chunk size / offset out of range, or chunks missing at commit. */
    readonly IMAGE_SIZE: 6;
    /** The staged bytes do not match the announced CRC32. */
    readonly IMAGE_CRC: 7;
    /** The image passed its CRC but is not a valid image for this chip (refused, nothing applied). */
    readonly IMAGE_INVALID: 8;
    /** Run / state requests with no configuration applied. */
    readonly NO_CONFIG: 9;
    /** The request does not fit the board's state (e.g. a chunk without ConfigBegin, Start while running). */
    readonly BAD_STATE: 10;
    /** A core id that the configuration does not use, or a state of the wrong size. */
    readonly BAD_CORE: 11;
    readonly INTERNAL: 12;
};
export type BoardErrorCode = (typeof BoardError)[keyof typeof BoardError];
export declare function boardErrorName(code: number): string;
/** The host-side error for an `Error` answer of the board: the board's code and message, named. */
export declare function errorFromBoard(code: number, message: string, where: string): SpikeforgeError;
/** True when `e` came from an `Error` answer with this board code. */
export declare function isBoardError(e: unknown, code: BoardErrorCode): boolean;

/**
 * The one error type of spikeforge. `code` is stable (tools may switch on it), `message` names the
 * file / layer / field and what is wrong, `hint` says what to change. The CLI prints
 * `error: <message>` and `hint: <hint>`, never a stack trace (unless --debug).
 */
export type ErrorCode = 'FILE_NOT_FOUND' | 'FILE_READ' | 'FILE_WRITE' | 'FILE_FORMAT' | 'SCHEMA' | 'NIR_FORMAT' | 'NIR_UNSUPPORTED' | 'GRAPH' | 'SHAPE' | 'QUANTIZE' | 'CHIP_LIMIT' | 'PLACEMENT' | 'IMAGE_FORMAT' | 'IMAGE_VERSION' | 'IMAGE_CRC' | 'EVENTS_FORMAT' | 'PROTOCOL' | 'PROTOCOL_VERSION' | 'FRAME' | 'TIMEOUT' | 'DEVICE_BUSY' | 'DEVICE_NOT_FOUND' | 'DEVICE_ERROR' | 'DISCONNECTED' | 'TRANSPORT' | 'USAGE' | 'INTERNAL';
export declare class SpikeforgeError extends Error {
    readonly name = "SpikeforgeError";
    readonly code: ErrorCode;
    readonly hint?: string;
    /** Further reasons (e.g. every limit a network breaks), one line each. */
    readonly details: string[];
    constructor(code: ErrorCode, message: string, options?: {
        hint?: string;
        details?: string[];
        cause?: unknown;
    });
}
export declare function isSpikeforgeError(e: unknown): e is SpikeforgeError;

import type { Transport } from './types.ts';
/** Largest payload accepted unless the board announces another (DeviceInfo.max_frame_size). */
export declare const DEFAULT_MAX_FRAME_SIZE = 4096;
export declare const FRAME_DELIMITER = 0;
/** Largest COBS output for `n` input bytes with this encoder (one code byte per 254 data bytes). */
export declare function cobsEncodedBound(n: number): number;
/** Bytes on the wire for a payload of `n` bytes, worst case: COBS(payload + CRC) and the delimiter. */
export declare function frameBound(n: number): number;
/** One frame, delimiter included, ready to write to a link. */
export declare function encodeFrame(payload: Uint8Array): Uint8Array;
/** Several frames in one buffer: one write to the link instead of one per frame. */
export declare function encodeFrames(payloads: readonly Uint8Array[], options?: {
    leadingDelimiter?: boolean;
}): Uint8Array;
export interface FrameStats {
    /** Frames accepted (CRC good). */
    frames: number;
    /** Well-formed frames whose CRC did not match: noise on the line. */
    crcErrors: number;
    /** Frames that were not valid COBS or shorter than the CRC. */
    malformed: number;
    /** Frames longer than the maximum frame size, dropped up to the next delimiter. */
    oversize: number;
    /** Bytes thrown away: everything of the rejected frames above. */
    garbageBytes: number;
}
export interface FrameDecoderOptions {
    /** Largest payload accepted, in bytes (default 4096). */
    maxFrameSize?: number;
}
/**
 * Streaming frame decoder: feed it whatever chunks the link delivers, get back whole, CRC-checked
 * payloads. Never throws on bad input; bad frames only move the counters in `stats`.
 */
export declare class FrameDecoder {
    readonly stats: FrameStats;
    private max;
    private limit;
    private buf;
    private len;
    /** Set after an oversize frame: bytes are dropped until the next delimiter. */
    private skipping;
    constructor(options?: FrameDecoderOptions);
    get maxFrameSize(): number;
    /** The board announces its own limit in DeviceInfo; the host adopts it for what it receives. */
    set maxFrameSize(n: number);
    push(chunk: Uint8Array): Uint8Array[];
    /** Drops a partial frame (e.g. after the link reopened). */
    reset(): void;
    private append;
    private finishFrame;
    /** COBS-decodes `src[start, end)` and checks its CRC; the payload, or undefined (counted). */
    private decode;
}
export interface FramedLinkOptions extends FrameDecoderOptions {
}
/**
 * A transport with framing on top: whole payloads in, whole payloads out. Shared by the device client
 * and the simulated board so both ends frame the same way.
 */
export declare class FramedLink {
    readonly transport: Transport;
    readonly decoder: FrameDecoder;
    private frameListener;
    private flushed;
    /** Payloads sent during the current turn of the event loop, written together at its end. */
    private queue;
    private batch;
    constructor(transport: Transport, options?: FramedLinkOptions);
    get stats(): FrameStats;
    get isOpen(): boolean;
    /**
     * Sends one payload as one frame. The very first write starts with an extra delimiter so whatever
     * noise the receiver collected before (a board booting, a half-sent frame) ends there.
     */
    send(payload: Uint8Array): Promise<void>;
    /**
     * Sends several payloads. Everything sent in the same synchronous stretch (the answers to every frame
     * of one received chunk, a window of requests) goes out in one transport write: one system call and
     * one wake-up of the peer instead of one per frame. Resolves when that write was handed to the link.
     */
    sendMany(payloads: readonly Uint8Array[]): Promise<void>;
    onFrame(listener: (payload: Uint8Array) => void): void;
    onClose(listener: (error?: Error) => void): void;
    close(): Promise<void>;
}

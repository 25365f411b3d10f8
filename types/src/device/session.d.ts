/**
 * The host half of the request/response layer (PROTOCOL.md "Reliability"): every request carries a
 * sequence number, is retransmitted byte for byte with exponential backoff until its answer arrives,
 * and answers to requests nobody waits for any more (duplicates, stale replays) are dropped. The board
 * replays its cached answer for a retransmitted request, so a request is applied at most once.
 */
import { SpikeforgeError } from '../errors.ts';
import { FramedLink } from '../transport/framing.ts';
import type { Envelope, EnvelopeInit } from '../transport/messages.ts';
import type { Transport } from '../transport/types.ts';
export type RequestBody = Omit<EnvelopeInit, 'seq'>;
export interface SessionOptions {
    /** First wait for an answer, ms (default 300). Doubled at each retransmission up to `maxTimeoutMs`. */
    timeoutMs?: number;
    /** Longest wait between two retransmissions, ms (default 2000). */
    maxTimeoutMs?: number;
    /** Retransmissions before giving up with 'TIMEOUT' (default 6). */
    retries?: number;
    /** Largest frame payload accepted from the board until DeviceInfo says otherwise. */
    maxFrameSize?: number;
}
export interface SessionStats {
    /** Bytes written to / read from the link (frames, delimiters and all). */
    bytesOut: number;
    bytesIn: number;
    requests: number;
    retransmissions: number;
    /** Answers dropped because no request waited for them (duplicates or late replays). */
    duplicates: number;
    /** Frames dropped by the framing layer (CRC errors, malformed, oversize). */
    badFrames: number;
}
export declare class Session {
    readonly transport: Transport;
    readonly link: FramedLink;
    readonly stats: SessionStats;
    private nextSeq;
    private readonly pending;
    private unsolicited;
    private closedWith;
    private readonly closeListeners;
    private readonly timeoutMs;
    private readonly maxTimeoutMs;
    private readonly retries;
    constructor(transport: Transport, options?: SessionOptions);
    get isOpen(): boolean;
    /** The transport with its bytes counted in `stats`. */
    private counted;
    /** Receiver of messages the board sends on its own (seq 0: output events, status pushes). */
    onUnsolicited(listener: (env: Envelope) => void): void;
    /** Called once when the session ends for good (link closed or `close()`). */
    onClose(listener: (e: SpikeforgeError) => void): void;
    /** Largest frame payload accepted from the board (raised after DeviceInfo). */
    set maxFrameSize(n: number);
    /**
     * Sends a request and resolves with its answer. An `error` answer rejects with the board's code and
     * message (usually 'DEVICE_ERROR'); no answer after every retransmission rejects with 'TIMEOUT'.
     */
    request(body: RequestBody, options?: {
        timeoutMs?: number;
        retries?: number;
    }): Promise<Envelope>;
    /** Sends a message that gets no answer (seq 0), e.g. StreamAck. Loss is the caller's business. */
    notify(body: RequestBody): Promise<void>;
    /** Ends the session: pending requests reject with 'DISCONNECTED', the transport closes. */
    close(): Promise<void>;
    private transmit;
    private onFrame;
    private fail;
}

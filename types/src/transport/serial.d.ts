import { SerialPort } from 'serialport';
import { BaseTransport } from './base.ts';
export declare const DEFAULT_BAUD_RATE = 921600;
export interface SerialOptions {
    path: string;
    baudRate?: number;
    /** Pace writes to the line rate (baudRate / 10 bytes per second) in software. */
    pace?: boolean;
}
export declare function serialUri(options: SerialOptions): string;
export declare class SerialTransport extends BaseTransport {
    private readonly port;
    private readonly options;
    readonly uri: string;
    /** When the line will have sent everything written so far (pacing), in performance.now() ms. */
    private lineFreeAt;
    private readonly bytesPerMs;
    private writeQueue;
    constructor(port: SerialPort, options: SerialOptions);
    get isOpen(): boolean;
    write(data: Uint8Array): Promise<void>;
    close(): Promise<void>;
    private writeRaw;
    /** Slices of PACE_SLICE_MS worth of bytes, each sent when the line would have sent the previous one. */
    private writePaced;
}
/** Opens a serial port. Errors name the port and say what to check. */
export declare function openSerial(options: SerialOptions): Promise<SerialTransport>;
export interface PtyPair {
    /** The end the simulated board opens. */
    boardPath: string;
    /** The end the host opens (`serial:<hostPath>`). */
    hostPath: string;
    close(): Promise<void>;
}
/**
 * A linked pseudo-terminal pair (socat), so the simulated board and the host talk over a real serial
 * device node. Throws a TRANSPORT error with a hint when socat is missing (then use tcp: or sim).
 */
export declare function createPty(options?: {
    timeoutMs?: number;
    socat?: string;
}): Promise<PtyPair>;

import type { InputEvents, Spikes } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
import type { Transport } from '../transport/types.ts';
import type { SessionOptions } from './session.ts';
export interface DeviceInfo {
    uri: string;
    protocolVersion: number;
    board: string;
    firmwareVersion: string;
    chip: string;
    chipCode: number;
    serialNumber: string;
    maxFrameSize: number;
    capabilities: string[];
    imageFormat: {
        min: number;
        max: number;
    };
    /** The running configuration: CRC32 and size of its image, sha256 (hex) of its source network; null: none. */
    activeImage: {
        crc: number;
        size: number;
        sourceHash: string;
    } | null;
    inputFifoCapacity: number;
    outputWindow: number;
}
export interface DeviceStatus {
    eventsIn: number;
    eventsOut: number;
    dropped: number;
    crcErrors: number;
    retransmissions: number;
    step: number;
    running: boolean;
    fifoUsed: number;
    fifoCapacity: number;
    framesIn: number;
    framesOut: number;
}
export interface FlashOptions {
    /** Called after every acknowledged chunk with bytes staged so far and the image size. */
    onProgress?: (bytes: number, total: number) => void;
    /** 'crc' (default): the board's CRC32 of the committed image; 'readback': also read it back and compare. */
    verify?: 'crc' | 'readback';
    /** Keep chunks the board already staged for this very image (after an interrupted flash). */
    resume?: boolean;
    /** false: send the image without decoding it on the host first (the board still checks it). */
    check?: boolean;
    /** Chunks in flight at once (default 8). */
    window?: number;
}
export interface FlashResult {
    bytes: number;
    /** Bytes actually sent (less than `bytes` when a resume found chunks already staged). */
    sent: number;
    crc: number;
    chunks: number;
    /** Times the flash started over because the board reset in the middle. */
    restarts: number;
    verified: 'crc' | 'readback';
}
/** Which layers' spikes to read back: all, the network's outputs, named layers; default: the image's own choice. */
export type MonitorSelection = 'all' | 'last' | string[];
export interface RunOptions {
    monitor?: MonitorSelection;
    /** Steps to run; default: last input step + 1. */
    steps?: number;
    /** Pace steps at the chip's step duration instead of as fast as possible. */
    realtime?: boolean;
    /** Keep the neuron state of the previous run instead of the configured initial state (steps count from 0 again). */
    keepState?: boolean;
    /** Input frames in flight at once (default 8). */
    window?: number;
}
export interface DeviceOptions {
    session?: SessionOptions;
    /** Hello: wait per attempt (default 500 ms) and attempts (default 4). */
    helloTimeoutMs?: number;
    /** Host name sent in Hello. */
    host?: string;
    /**
     * Largest frame payload to ask the board for (default 64 KiB: few, large frames on a fast link). A
     * slow serial line wants short frames, so one bit error costs little line time: `openDevice` asks
     * less there. The board answers with what it grants (DeviceInfo.max_frame_size).
     */
    maxFrameSize?: number;
}
/** Opens the transport of a URI; set by ./open.ts (kept apart so tests can hand in any transport). */
export type TransportOpener = (uri: string) => Promise<Transport>;
export declare class Device {
    private session;
    private deviceInfo;
    private config;
    private configCrc;
    private readonly sessionId;
    private runActive;
    private nextRunId;
    private closed;
    private keepalive;
    private lastRequest;
    private readonly onRelease;
    /** Kept for a second Hello after the board reset (same host name, same frame size asked). */
    private readonly options;
    private constructor();
    /** Opens a session on a transport: Hello, version negotiation. Used by `openDevice`. */
    static connect(transport: Transport, options?: DeviceOptions, onRelease?: () => void): Promise<Device>;
    private static hello;
    get uri(): string;
    /** Statistics of the request layer (retransmissions, dropped duplicates, bad frames). */
    get linkStats(): {
        crcErrors: number;
        malformed: number;
        bytesOut: number;
        bytesIn: number;
        requests: number;
        retransmissions: number;
        duplicates: number;
        badFrames: number;
    };
    /** What the board said in its last DeviceInfo (refreshed by `flash`). */
    info(): Promise<DeviceInfo>;
    private request;
    /** Output frames that arrive when no run listens (a repeated end-of-run): acknowledged so the board settles. */
    private onIdleFrame;
    /**
     * Writes an image: staged chunks (pipelined, idempotent), verified by size and CRC on the board, then
     * committed atomically. Interrupted, the previous configuration keeps running; call again (with
     * `resume: true` to skip chunks the board kept).
     */
    flash(image: Uint8Array, options?: FlashOptions): Promise<FlashResult>;
    private stage;
    /** The running image, read back from the board. */
    readImage(): Promise<Uint8Array>;
    /** The configuration the board runs (from the flashed image, or read back): core ids -> layer names. */
    activeConfig(): Promise<ChipConfig>;
    private monitorCores;
    /**
     * Runs input events on the board and yields the spikes of the monitored layers as they arrive, in
     * step order, in network terms (layer names, the neuron's own c, y, x).
     */
    run(events: InputEvents, options?: RunOptions): AsyncIterable<Spikes>;
    /**
     * Sends the input as InputEvents frames, several in flight, never more unconsumed events than the
     * board's FIFO holds (credits come back in OutputEvents.input_consumed).
     */
    private sendInput;
    private toSpikes;
    private coreOf;
    /** Membrane state of a layer, layout (f*H + y)*W + x. */
    readState(layer: string): Promise<Int16Array>;
    /** Sets the membrane state of a layer (layout of `readState`); empty: back to the configured initial state. */
    writeState(layer: string, values: ArrayLike<number>): Promise<void>;
    status(): Promise<DeviceStatus>;
    /** Neuron state and counters back to start; with `clearConfig` the board also forgets its configuration. */
    reset(options?: {
        clearConfig?: boolean;
    }): Promise<void>;
    /** Ends the session (the board is free for the next client) and closes the link. */
    close(): Promise<void>;
}

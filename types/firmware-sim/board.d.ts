/**
 * The simulated dev board: the device side of the wire protocol (PROTOCOL.md), with the emulator as
 * its chip. It serves one client session at a time over any Transport, keeps the running configuration
 * until a staged image is complete, CRC-checked and committed, applies an image as its register
 * writes, and streams the output events of the monitored cores reliably (stream sequence numbers,
 * cumulative StreamAck, go-back-N retransmission).
 */
import type { ChipProfile } from '../src/chip/index.ts';
import type { ChipConfig } from '../src/image/config.ts';
import type { EnvelopeInit } from '../src/transport/messages.ts';
import type { Transport } from '../src/transport/types.ts';
export interface BoardOptions {
    profile?: ChipProfile;
    serialNumber?: string;
    /**
     * Largest frame payload the board accepts and sends (default 64 KiB). A host may ask for less in
     * Hello (a slow serial line wants short frames); the session then uses the smaller size both ways.
     */
    maxFrameSize?: number;
    /** Input events the FIFO holds (default 65536); beyond it events are dropped and counted. */
    inputFifoCapacity?: number;
    /** OutputEvents frames sent ahead of the host's StreamAck (default 32); the chip pauses beyond. */
    outputWindow?: number;
    /** Steps paced at the profile's step duration (default false: as fast as possible). */
    realtime?: boolean;
    /** The board resets (losing the session and the staged image) once, half way through the first flash. */
    resetDuringFlash?: boolean;
    /** A host that sent nothing for this long no longer holds the board (default 3000 ms). */
    leaseMs?: number;
    /** Retransmission timeout of output frames, ms (default 200). */
    outputTimeoutMs?: number;
    /** Protocol version the firmware speaks (default: this SDK's); another one simulates old firmware. */
    protocolVersion?: number;
    /** Image format versions the firmware applies (default: exactly this SDK's). */
    imageFormat?: [number, number];
    /** Frame log (the CLI's --verbose). */
    log?: (line: string) => void;
}
export interface BoardCounters {
    eventsIn: number;
    eventsOut: number;
    dropped: number;
    crcErrors: number;
    retransmissions: number;
    framesIn: number;
    framesOut: number;
}
export declare class Board {
    readonly profile: ChipProfile;
    readonly serialNumber: string;
    readonly maxFrameSize: number;
    readonly inputFifoCapacity: number;
    readonly outputWindow: number;
    readonly counters: BoardCounters;
    readonly protocolVersion: number;
    readonly imageFormat: [number, number];
    /** Times the board reset (power cycle, injected fault). */
    resets: number;
    /**
     * When (performance.now()) the last flash's final chunk was staged, and how long its commit took
     * on the board (checks, decode, register writes, configuration, chip model): what the benchmark
     * separates into the transfer and the fixed commit cost.
     */
    readonly flashTiming: {
        lastChunkAt: number;
        commitMs: number;
    };
    private readonly options;
    private readonly log?;
    private readonly clients;
    private owner;
    private sessionId;
    private lastActivity;
    private readonly cache;
    private staging;
    private active;
    private monitor;
    private run;
    private pumpScheduled;
    private retransmitTimer;
    private paceTimer;
    private resetPending;
    /** Frame size of the current session: the board's maximum, or less if the host asked (Hello). */
    private frameSize;
    constructor(options?: BoardOptions);
    /** CRC32 of the running image (0: none). */
    get activeImageCrc(): number;
    get activeConfig(): ChipConfig | undefined;
    get running(): boolean;
    /** Serves a link until it closes. Several links may be attached; one session owns the board. */
    attach(transport: Transport, onClosed?: () => void): void;
    /** Stops every run and closes every attached link. */
    close(): Promise<void>;
    /** Power cycle: the session, the staged image and the run are lost; the committed image persists. */
    powerCycle(): void;
    private onFrame;
    private sendRaw;
    private error;
    private deviceInfo;
    /** The answer to one request (undefined: no answer, as when the board just reset). */
    private dispatch;
    private get lease();
    private onHello;
    private ownerHost;
    private endSession;
    private onConfigBegin;
    private onConfigChunk;
    private onConfigCommit;
    private commit;
    /**
     * Decodes the image and configures the chip from its register writes, as the firmware does. `image`
     * (the staging buffer, not used after) becomes the running image; `crc` is its checked imageCrc.
     */
    private apply;
    private onReadback;
    private onMonitor;
    private applyMonitor;
    private onStart;
    private onInput;
    /** Into the bounded FIFO: what does not fit is dropped and counted, never buffered without bound. */
    private enqueue;
    private schedulePump;
    /**
     * Advances the chip as far as the input allows (all events of a step must be in before it runs), the
     * output window allows (backpressure), and in real-time mode the clock allows.
     */
    private pump;
    /** Moves queued events of steps below `toStep` into the chip. */
    private feedFifo;
    private collect;
    /** Sends the collected events as one OutputEvents frame (also an empty one: it reports progress). */
    private flushOutput;
    private armRetransmit;
    private resendUnacked;
    private onStreamAck;
    private stopRun;
    private onReadState;
    private onWriteState;
    status(): NonNullable<EnvelopeInit['status']>;
    private onReset;
}

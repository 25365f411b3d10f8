/**
 * The simulated dev board: the device side of the wire protocol (PROTOCOL.md), with the emulator as
 * its chip. It serves one client session at a time over any Transport (this file: links, the session
 * and its lease, the answer cache, state and status), keeps the running configuration until a staged
 * image is complete, CRC-checked and committed (staging.ts, chip.ts), and streams the output events of
 * the monitored cores reliably (stream.ts).
 */
import type { ChipProfile } from '../src/chip/index.ts';
import { dynapcnn9 } from '../src/chip/index.ts';
import type { ChipConfig } from '../src/image/config.ts';
import { IMAGE_FORMAT_VERSION } from '../src/image/index.ts';
import type { BoardErrorCode } from '../src/transport/errors.ts';
import { BoardError, boardErrorName } from '../src/transport/errors.ts';
import { FramedLink } from '../src/transport/framing.ts';
import type { Envelope, EnvelopeInit } from '../src/transport/messages.ts';
import { decodeMessage, encodeMessage, PROTOCOL_VERSION } from '../src/transport/messages.ts';
import type { Transport } from '../src/transport/types.ts';
import { u32 } from './answers.ts';
import type { Active } from './chip.ts';
import { readback } from './chip.ts';
import { FlashStaging } from './staging.ts';
import { prepareChip, RunStream, type StreamHost } from './stream.ts';

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
  /** Told each injected fault (the reset during a flash), one line each. */
  onFault?: (line: string) => void;
  /** A host that sent nothing for this long no longer holds the board (default 3000 ms). */
  leaseMs?: number;
  /**
   * How long a run outlives the link of its session, ms (default 10000): a host that reconnects with
   * the session's id within it resumes the run where the link was lost.
   */
  resumeMs?: number;
  /** Retransmission timeout of output frames, ms (default 200). */
  outputTimeoutMs?: number;
  /** Protocol version the firmware speaks (default: this SDK's); another one simulates old firmware. */
  protocolVersion?: number;
  /** Image format versions the firmware applies (default: exactly this SDK's). */
  imageFormat?: [number, number];
  /** Frame log (the CLI's --verbose). */
  log?: (line: string) => void;
}

/** One attached link (a TCP connection, the pty, an in-memory pair). */
interface Client {
  link: FramedLink;
  open: boolean;
  name: string;
  /** Bytes handed to the link and not yet drained: a peer that stops reading makes this grow. */
  unsent: number;
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

const RESPONSE_CACHE = 256;
/** Bytes of cached answers at most (a few frames of readback, many small answers). */
const RESPONSE_CACHE_BYTES = 4 << 20;
/** Bytes a link may hold undrained before the board drops it (at least 16 frames). */
const OUTGOING_LIMIT = 1 << 20;
/** The smallest frame size a host may ask for: room for every message but the largest chunks. */
const MIN_FRAME_SIZE = 512;

export class Board {
  readonly profile: ChipProfile;
  readonly serialNumber: string;
  readonly maxFrameSize: number;
  readonly inputFifoCapacity: number;
  readonly outputWindow: number;
  readonly counters: BoardCounters = {
    eventsIn: 0,
    eventsOut: 0,
    dropped: 0,
    crcErrors: 0,
    retransmissions: 0,
    framesIn: 0,
    framesOut: 0,
  };
  readonly protocolVersion: number;
  readonly imageFormat: [number, number];
  /** Times the board reset (power cycle, injected fault). */
  resets = 0;
  private readonly options: BoardOptions;
  private readonly log?: (line: string) => void;
  private readonly onFault?: (line: string) => void;
  private readonly clients = new Set<Client>();
  private owner: Client | undefined;
  private ownerHost = '';
  /** The session's 64-bit id (0: no session). */
  private sessionId = 0n;
  private lastActivity = 0;
  /** Set while a run waits for its session's host to come back on a new link. */
  private resumeTimer: NodeJS.Timeout | undefined;
  private readonly cache = new Map<number, Uint8Array>();
  private cacheBytes = 0;
  private readonly staging: FlashStaging;
  private active: Active | undefined;
  private monitor: number[] | undefined;
  private run: RunStream | undefined;
  /** Frame size of the current session: the board's maximum, or less if the host asked (Hello). */
  private frameSize: number;
  private readonly streamHost: StreamHost;

  constructor(options: BoardOptions = {}) {
    this.options = options;
    this.profile = options.profile ?? dynapcnn9;
    this.serialNumber = options.serialNumber ?? `SIM-${process.pid.toString(16).toUpperCase()}`;
    this.maxFrameSize = options.maxFrameSize ?? 65536;
    this.frameSize = this.maxFrameSize;
    this.inputFifoCapacity = options.inputFifoCapacity ?? 65536;
    this.outputWindow = options.outputWindow ?? 32;
    this.protocolVersion = options.protocolVersion ?? PROTOCOL_VERSION;
    this.imageFormat = options.imageFormat ?? [IMAGE_FORMAT_VERSION, IMAGE_FORMAT_VERSION];
    this.log = options.log;
    this.onFault = options.onFault;
    const refuse = (code: BoardErrorCode, message: string) => this.error(code, message);
    this.staging = new FlashStaging(
      this.profile,
      this.imageFormat,
      refuse,
      options.resetDuringFlash ?? false,
    );
    this.streamHost = {
      profile: this.profile,
      inputFifoCapacity: this.inputFifoCapacity,
      outputWindow: this.outputWindow,
      outputTimeoutMs: options.outputTimeoutMs ?? 200,
      counters: this.counters,
      refuse,
      send: (payload) => {
        if (!this.owner) return false;
        this.sendRaw(this.owner, payload);
        return true;
      },
      fault: (e) => this.fault(e),
    };
  }

  /**
   * When (performance.now()) the last flash's final chunk was staged, and how long its commit took
   * on the board: what the benchmark separates into the transfer and the fixed commit cost.
   */
  get flashTiming(): { lastChunkAt: number; commitMs: number } {
    return this.staging.timing;
  }

  /** CRC32 of the running image (0: none). */
  get activeImageCrc(): number {
    return this.active?.crc ?? 0;
  }

  get activeConfig(): ChipConfig | undefined {
    return this.active?.config;
  }

  get running(): boolean {
    return this.run !== undefined && !this.run.finished;
  }

  /** Serves a link until it closes. Several links may be attached; one session owns the board. */
  attach(transport: Transport, onClosed?: () => void): void {
    const link = new FramedLink(transport, { maxFrameSize: this.maxFrameSize });
    const client: Client = { link, open: true, name: transport.uri, unsent: 0 };
    this.clients.add(client);
    link.onFrame((payload) => this.onFrame(client, payload));
    link.onClose(() => {
      client.open = false;
      this.clients.delete(client);
      this.counters.crcErrors += link.stats.crcErrors;
      if (this.owner === client) this.ownerLost();
      onClosed?.();
    });
  }

  /** Stops every run and closes every attached link. */
  async close(): Promise<void> {
    this.stopRun();
    await Promise.all([...this.clients].map((c) => c.link.close().catch(() => {})));
  }

  /** Power cycle: the session, the staged image and the run are lost; the committed image persists. */
  powerCycle(): void {
    this.resets++;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    this.stopRun();
    this.staging.clear();
    this.owner = undefined;
    this.sessionId = 0n;
    this.clearCache();
    if (this.active) this.active.emulator.reset();
    this.log?.('board: reset');
  }

  /**
   * A failure inside the board (a run's timer or step): the host is told with an unsolicited Error,
   * the session ends; the board keeps serving and keeps its configuration.
   */
  private fault(e: unknown): void {
    const message = `the run failed on the board and was stopped: ${(e as Error).message}`;
    const owner = this.owner;
    if (owner) this.sendRaw(owner, encodeMessage({ seq: 0, ...this.error(BoardError.INTERNAL, message) }));
    this.endSession('fault');
  }

  private onFrame(client: Client, payload: Uint8Array): void {
    // Whatever a peer sends, the board answers or ignores it; it never ends the process.
    try {
      this.handleFrame(client, payload);
    } catch (e) {
      this.log?.(`   frame from ${client.name} failed: ${(e as Error).message}`);
    }
  }

  private handleFrame(client: Client, payload: Uint8Array): void {
    this.counters.framesIn++;
    let env: Envelope;
    try {
      env = decodeMessage(payload);
    } catch (e) {
      this.log?.(`<- ${client.name}: undecodable frame of ${payload.length} bytes (${(e as Error).message})`);
      return;
    }
    this.log?.(`<- ${client.name}: ${env.body} seq ${env.seq} (${payload.length} bytes)`);
    if (env.seq === 0) {
      if (client === this.owner) {
        this.lastActivity = Date.now();
        const ack = env.streamAck;
        if (ack && this.run?.runId === u32(ack.runId)) this.run.onStreamAck(u32(ack.streamSeq));
      }
      return;
    }
    if (client === this.owner && env.body !== 'hello') {
      const cached = this.cache.get(env.seq);
      if (cached) {
        // A retransmitted request: the answer is replayed, the request is not applied twice.
        this.counters.retransmissions++;
        this.lastActivity = Date.now();
        this.sendRaw(client, cached);
        return;
      }
    }
    const answer = this.dispatch(client, env);
    if (answer === undefined) return;
    let bytes = encodeMessage({ ...answer, seq: env.seq });
    if (bytes.length > this.frameSize) {
      // Every answer stays within the session's frame size; one that would not is an error instead.
      const refused = this.error(
        BoardError.INTERNAL,
        `the answer to ${env.body} would take ${bytes.length} bytes, more than the frame size ${this.frameSize}`,
      );
      bytes = encodeMessage({ ...refused, seq: env.seq });
    }
    if (client === this.owner) {
      this.cache.set(env.seq, bytes);
      this.cacheBytes += bytes.length;
      // Bounded in answers and in bytes (readback answers are whole frames): the oldest go first.
      while (this.cache.size > RESPONSE_CACHE || this.cacheBytes > RESPONSE_CACHE_BYTES) {
        const [seq, old] = this.cache.entries().next().value as [number, Uint8Array];
        this.cache.delete(seq);
        this.cacheBytes -= old.length;
      }
    }
    this.sendRaw(client, bytes);
  }

  private clearCache(): void {
    this.cache.clear();
    this.cacheBytes = 0;
  }

  private sendRaw(client: Client, bytes: Uint8Array): void {
    if (!client.open) return;
    // Outgoing buffering per link is bounded: a peer that does not read is dropped, not buffered for.
    const limit = Math.max(OUTGOING_LIMIT, 16 * this.maxFrameSize);
    if (client.unsent + bytes.length > limit) {
      this.log?.(`board: ${client.name} does not read (${client.unsent} bytes not drained): link dropped`);
      client.open = false;
      client.link.close().catch(() => {});
      return;
    }
    this.counters.framesOut++;
    client.unsent += bytes.length;
    const drained = () => {
      client.unsent -= bytes.length;
    };
    client.link.send(bytes).then(drained, drained);
  }

  private error(code: BoardErrorCode, message: string): EnvelopeInit {
    this.log?.(`   error ${boardErrorName(code)}: ${message}`);
    return { error: { code, message } };
  }

  private deviceInfo(protocolVersion: number): EnvelopeInit {
    return {
      deviceInfo: {
        protocolVersion,
        board: 'spikeforge firmware-sim',
        firmwareVersion: '0.1.0',
        chip: this.profile.id,
        chipCode: this.profile.code,
        serialNumber: this.serialNumber,
        maxFrameSize: this.frameSize,
        capabilities: ['flash-resume', 'readback', 'state', 'realtime', 'output-stream-ack'],
        imageFormatMin: this.imageFormat[0],
        imageFormatMax: this.imageFormat[1],
        activeImageHash: this.active?.sourceHash ?? new Uint8Array(0),
        activeImageCrc: this.active?.crc ?? 0,
        activeImageSize: this.active?.image.length ?? 0,
        inputFifoCapacity: this.inputFifoCapacity,
        outputWindow: this.outputWindow,
      },
    };
  }

  /** The answer to one request (undefined: no answer, as when the board just reset). */
  private dispatch(client: Client, env: Envelope): EnvelopeInit | undefined {
    const now = Date.now();
    if (env.hello) return this.onHello(client, env, now);
    if (client !== this.owner || this.sessionId === 0n) {
      const held = this.owner?.open && now - this.lastActivity < this.lease;
      return held
        ? this.error(BoardError.BUSY, `the board is in use by another session (${this.owner?.name})`)
        : this.error(BoardError.NO_SESSION, 'no session: send Hello first (the board may have reset)');
    }
    this.lastActivity = now;
    try {
      return this.serve(env);
    } catch (e) {
      return this.error(BoardError.INTERNAL, (e as Error).message);
    }
  }

  /** A request of the session's owner. */
  private serve(env: Envelope): EnvelopeInit | undefined {
    if (env.configBegin) return this.staging.begin(env.configBegin, this.frameSize, this.running);
    if (env.configChunk) {
      const answer = this.staging.chunk(env.configChunk);
      if (answer !== 'reset') return answer;
      this.onFault?.('fault: reset during the flash (reset-during-flash)');
      this.powerCycle();
      return undefined;
    }
    if (env.configCommit) return this.onCommit(u32(env.configCommit.imageCrc));
    if (env.configReadback) {
      const { offset, length } = env.configReadback;
      return readback(this.active, u32(offset), u32(length), this.frameSize, this.streamHost.refuse);
    }
    if (env.monitorSelect) return this.onMonitor(env.monitorSelect.coreIds ?? []);
    if (env.start) return this.onStart(env.start);
    if (env.inputEvents) {
      if (!this.run || this.run.finished)
        return this.error(BoardError.BAD_STATE, 'InputEvents without a run: send Start first');
      return this.run.onInput(env.inputEvents);
    }
    if (env.stop) {
      // The host asked to stop: it wants no more output, so nothing is left to deliver either.
      this.stopRun();
      return { ack: {} };
    }
    if (env.readState) return this.onReadState(u32(env.readState.coreId));
    if (env.writeState) return this.onWriteState(u32(env.writeState.coreId), env.writeState.values ?? []);
    if (env.getStatus) return { status: this.status() };
    if (env.reset) return this.onReset(env.reset.clearConfig ?? false);
    if (env.bye) {
      this.endSession('bye');
      return { ack: {} };
    }
    return this.error(BoardError.BAD_REQUEST, `the board does not serve "${env.body}" requests`);
  }

  private get lease(): number {
    return this.options.leaseMs ?? 3000;
  }

  private onHello(client: Client, env: Envelope, now: number): EnvelopeInit {
    const hello = env.hello!;
    const min = u32(hello.protocolMin);
    const max = u32(hello.protocolMax);
    const version = this.protocolVersion;
    if (version < min || version > max) {
      return this.error(
        BoardError.PROTOCOL_VERSION,
        `the board speaks protocol version ${version}, the host speaks protocol version ${min === max ? min : `${min}..${max}`}`,
      );
    }
    // 64 random bits: session_id and session_id_high (a host of old firmware sends only the low word).
    const sid = (BigInt(u32(hello.sessionIdHigh)) << 32n) | BigInt(u32(hello.sessionId));
    if (sid === 0n) {
      return this.error(
        BoardError.BAD_REQUEST,
        'Hello with session id 0: send a random, non-zero session id',
      );
    }
    // While the session lives, no other link takes the board, not even with the session's own id (a
    // captured id is no key); on its own link a host may open a new session.
    const held =
      this.owner?.open &&
      this.sessionId !== 0n &&
      this.owner !== client &&
      now - this.lastActivity < this.lease;
    if (held) {
      return this.error(
        BoardError.BUSY,
        `the board is in use by another session (${this.owner?.name}, host "${this.ownerHost}")`,
      );
    }
    const resumed = this.sessionId === sid && this.owner === undefined && this.running;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    if (this.sessionId !== sid) {
      // A new client: answers cached for the previous one must never be replayed to it.
      this.clearCache();
      if (this.running) this.stopRun();
    }
    this.owner = client;
    this.sessionId = sid;
    const asked = u32(hello.maxFrameSize);
    this.frameSize =
      asked === 0 ? this.maxFrameSize : Math.min(this.maxFrameSize, Math.max(asked, MIN_FRAME_SIZE));
    this.ownerHost = hello.host ?? '';
    this.lastActivity = now;
    if (resumed) {
      // The same session on a new link: the held run goes on, its unacknowledged output goes again.
      this.log?.(`board: session resumed on ${client.name}, run ${this.run?.runId} goes on`);
      const run = this.run;
      setImmediate(() => run?.resume());
    }
    return this.deviceInfo(version);
  }

  /**
   * The session's link closed. A running run is held for `resumeMs` (the host may come back with the
   * session's id on a new link, as after a pulled cable); otherwise the session ends.
   */
  private ownerLost(): void {
    if (!this.running) {
      this.endSession('link closed');
      return;
    }
    this.owner = undefined;
    const ms = this.options.resumeMs ?? 10000;
    this.log?.(`board: the session's link closed during run ${this.run?.runId}; holding it ${ms} ms`);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined;
      if (!this.owner) this.endSession('link lost, the host did not come back');
    }, ms);
    this.resumeTimer.unref?.();
  }

  private endSession(why: string): void {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    this.log?.(`board: session ended (${why})`);
    this.stopRun();
    this.owner = undefined;
    this.sessionId = 0n;
    this.clearCache();
  }

  private onCommit(crc: number): EnvelopeInit {
    const { answer, applied } = this.staging.commit(crc);
    if (!applied) return answer;
    // Only now, with the new configuration fully built, does it replace the running one.
    this.active = applied;
    this.monitor = undefined;
    return this.deviceInfo(this.protocolVersion);
  }

  // --- run ---------------------------------------------------------------------------------------

  private onMonitor(coreIds: number[]): EnvelopeInit {
    const a = this.active;
    if (!a) return this.error(BoardError.NO_CONFIG, 'no image is configured');
    for (const id of coreIds) {
      if (!a.layerOfCore.has(id))
        return this.error(BoardError.BAD_CORE, `core ${id} is not used by the configuration`);
    }
    this.monitor = coreIds.length === 0 ? undefined : [...coreIds];
    return { ack: {} };
  }

  private onStart(start: NonNullable<Envelope['start']>): EnvelopeInit {
    const a = this.active;
    if (!a) return this.error(BoardError.NO_CONFIG, 'no image is configured');
    if (this.running) return this.error(BoardError.BAD_STATE, 'a run is already in progress');
    this.stopRun();
    // Every run counts steps from 0; with keep_state the membranes carry over from the last run.
    prepareChip(a, start.keepState ?? false, this.monitor);
    this.run = new RunStream(this.streamHost, a, {
      runId: u32(start.runId),
      steps: u32(start.steps),
      realtime: (start.realtime ?? false) || (this.options.realtime ?? false),
      frameSize: this.frameSize,
    });
    return { ack: {} };
  }

  private stopRun(): void {
    this.run?.stop();
    this.run = undefined;
  }

  // --- state, status, reset ---------------------------------------------------------------------

  private onReadState(coreId: number): EnvelopeInit {
    const a = this.active;
    if (!a) return this.error(BoardError.NO_CONFIG, 'no image is configured');
    const i = a.layerOfCore.get(coreId);
    if (i === undefined)
      return this.error(BoardError.BAD_CORE, `core ${coreId} is not used by the configuration`);
    return { stateData: { coreId, values: Array.from(a.emulator.readState(a.config.cores[i].layer)) } };
  }

  private onWriteState(coreId: number, values: number[]): EnvelopeInit {
    const a = this.active;
    if (!a) return this.error(BoardError.NO_CONFIG, 'no image is configured');
    const i = a.layerOfCore.get(coreId);
    if (i === undefined)
      return this.error(BoardError.BAD_CORE, `core ${coreId} is not used by the configuration`);
    if (this.running) return this.error(BoardError.BAD_STATE, 'the state cannot be written during a run');
    const core = a.config.cores[i];
    const n = core.outputShape[0] * core.outputShape[1] * core.outputShape[2];
    if (values.length !== 0 && values.length !== n) {
      return this.error(BoardError.BAD_CORE, `core ${coreId} has ${n} neurons, got ${values.length} values`);
    }
    // Membranes hold stateBits: a value beyond is refused, never wrapped.
    const bits = this.profile.stateBits;
    const bad = values.findIndex((v) => v < -(2 ** (bits - 1)) || v > 2 ** (bits - 1) - 1);
    if (bad >= 0) {
      return this.error(
        BoardError.BAD_REQUEST,
        `core ${coreId} value ${bad} is ${values[bad]}, outside the ${bits}-bit state range ${-(2 ** (bits - 1))}..${2 ** (bits - 1) - 1}; nothing written`,
      );
    }
    const init = core.initialState ?? new Int16Array(n);
    a.emulator.writeState(core.layer, values.length === 0 ? init : Int16Array.from(values));
    return { ack: {} };
  }

  status(): NonNullable<EnvelopeInit['status']> {
    return {
      eventsIn: this.counters.eventsIn >>> 0,
      eventsOut: this.counters.eventsOut >>> 0,
      dropped: this.counters.dropped >>> 0,
      crcErrors:
        (this.counters.crcErrors + [...this.clients].reduce((s, c) => s + c.link.stats.crcErrors, 0)) >>> 0,
      retransmissions: this.counters.retransmissions >>> 0,
      step: this.active?.emulator.step ?? 0,
      running: this.running,
      fifoUsed: this.run?.fifoCount ?? 0,
      fifoCapacity: this.inputFifoCapacity,
      framesIn: this.counters.framesIn >>> 0,
      framesOut: this.counters.framesOut >>> 0,
    };
  }

  private onReset(clearConfig: boolean): EnvelopeInit {
    this.stopRun();
    this.staging.clear();
    for (const k of Object.keys(this.counters) as (keyof BoardCounters)[]) this.counters[k] = 0;
    if (clearConfig) this.active = undefined;
    else this.active?.emulator.reset();
    this.monitor = undefined;
    return { ack: {} };
  }
}

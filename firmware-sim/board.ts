/**
 * The simulated dev board: the device side of the wire protocol (PROTOCOL.md), with the emulator as
 * its chip. It serves one client session at a time over any Transport, keeps the running configuration
 * until a staged image is complete, CRC-checked and committed, applies an image as its register
 * writes, and streams the output events of the monitored cores reliably (stream sequence numbers,
 * cumulative StreamAck, go-back-N retransmission).
 */
import type { ChipProfile } from '../src/chip/index.ts';
import { dynapcnn9 } from '../src/chip/index.ts';
import { Emulator } from '../src/emulator/index.ts';
import type { InputEvents, Spikes } from '../src/events/types.ts';
import type { ChipConfig } from '../src/image/config.ts';
import {
  configFromRegisterWrites,
  decodeImage,
  IMAGE_FORMAT_VERSION,
  imageCrc,
  registerWrites,
} from '../src/image/index.ts';
import type { BoardErrorCode } from '../src/transport/errors.ts';
import { BoardError, boardErrorName } from '../src/transport/errors.ts';
import type { CoreEvents } from '../src/transport/eventpack.ts';
import { makeCoreEvents, packCoreEvents, unpackInputEvents } from '../src/transport/eventpack.ts';
import { FramedLink } from '../src/transport/framing.ts';
import type { Envelope, EnvelopeInit } from '../src/transport/messages.ts';
import { decodeMessage, encodeMessage, PROTOCOL_VERSION } from '../src/transport/messages.ts';
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

interface Staging {
  size: number;
  crc: number;
  chunkSize: number;
  data: Uint8Array;
  received: Uint8Array;
  chunks: number;
  receivedChunks: number;
  receivedBytes: number;
}

interface Active {
  image: Uint8Array;
  crc: number;
  config: ChipConfig;
  emulator: Emulator;
  /** coreId -> index into the emulator's layers. */
  layerOfCore: Map<number, number>;
  coreOfLayer: Int32Array;
  sourceHash: Uint8Array;
}

interface OutFrame {
  streamSeq: number;
  payload: Uint8Array;
  sentAt: number;
}

interface RunState {
  runId: number;
  steps: number;
  realtime: boolean;
  startedAt: number;
  /** Input frames by stream_seq that arrived ahead of a missing one. */
  reorder: Map<number, { ev: InputEvents; end: boolean }>;
  nextInputSeq: number;
  fifo: InputEvents[];
  fifoCount: number;
  /** Step of the last event queued into the chip (-1: none). */
  lastInputStep: number;
  endOfInput: boolean;
  consumed: number;
  dropped: number;
  nextOutputSeq: number;
  unacked: OutFrame[];
  out: CoreEvents;
  done: boolean;
  finished: boolean;
  rto: number;
}

/** One attached link (a TCP connection, the pty, an in-memory pair). */
interface Client {
  link: FramedLink;
  open: boolean;
  name: string;
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
/** Worst case of one packed output event (a step token and an event token of 5 bytes each). */
const MAX_PACKED_EVENT_BYTES = 10;
const REORDER_MAX = 256;
/** The smallest frame size a host may ask for: room for every message but the largest chunks. */
const MIN_FRAME_SIZE = 512;

function u32(n: number | undefined | null): number {
  return (n ?? 0) >>> 0;
}

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
  /**
   * When (performance.now()) the last flash's final chunk was staged, and how long its commit took
   * on the board (checks, decode, register writes, configuration, chip model): what the benchmark
   * separates into the transfer and the fixed commit cost.
   */
  readonly flashTiming = { lastChunkAt: 0, commitMs: 0 };
  private readonly options: BoardOptions;
  private readonly log?: (line: string) => void;
  private readonly clients = new Set<Client>();
  private owner: Client | undefined;
  private sessionId = 0;
  private lastActivity = 0;
  private readonly cache = new Map<number, Uint8Array>();
  private staging: Staging | undefined;
  private active: Active | undefined;
  private monitor: number[] | undefined;
  private run: RunState | undefined;
  private pumpScheduled = false;
  private retransmitTimer: NodeJS.Timeout | undefined;
  private paceTimer: NodeJS.Timeout | undefined;
  private resetPending: boolean;
  /** Frame size of the current session: the board's maximum, or less if the host asked (Hello). */
  private frameSize: number;

  constructor(options: BoardOptions = {}) {
    this.options = options;
    this.profile = options.profile ?? dynapcnn9;
    this.serialNumber = options.serialNumber ?? `SIM-${process.pid.toString(16).toUpperCase()}`;
    this.maxFrameSize = options.maxFrameSize ?? 65536;
    this.frameSize = this.maxFrameSize;
    this.inputFifoCapacity = options.inputFifoCapacity ?? 65536;
    this.outputWindow = options.outputWindow ?? 32;
    this.resetPending = options.resetDuringFlash ?? false;
    this.protocolVersion = options.protocolVersion ?? PROTOCOL_VERSION;
    this.imageFormat = options.imageFormat ?? [IMAGE_FORMAT_VERSION, IMAGE_FORMAT_VERSION];
    this.log = options.log;
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
    const client: Client = { link, open: true, name: transport.uri };
    this.clients.add(client);
    link.onFrame((payload) => this.onFrame(client, payload));
    link.onClose(() => {
      client.open = false;
      this.clients.delete(client);
      this.counters.crcErrors += link.stats.crcErrors;
      if (this.owner === client) this.endSession('link closed');
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
    this.stopRun();
    this.staging = undefined;
    this.owner = undefined;
    this.sessionId = 0;
    this.cache.clear();
    if (this.active) this.active.emulator.reset();
    this.log?.('board: reset');
  }

  private onFrame(client: Client, payload: Uint8Array): void {
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
        if (env.streamAck) this.onStreamAck(u32(env.streamAck.runId), u32(env.streamAck.streamSeq));
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
    const bytes = encodeMessage({ ...answer, seq: env.seq });
    if (client === this.owner) {
      this.cache.set(env.seq, bytes);
      if (this.cache.size > RESPONSE_CACHE) this.cache.delete(this.cache.keys().next().value as number);
    }
    this.sendRaw(client, bytes);
  }

  private sendRaw(client: Client, bytes: Uint8Array): void {
    if (!client.open) return;
    this.counters.framesOut++;
    client.link.send(bytes).catch(() => {});
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
    if (client !== this.owner || this.sessionId === 0) {
      const held = this.owner?.open && now - this.lastActivity < this.lease;
      return held
        ? this.error(BoardError.BUSY, `the board is in use by another session (${this.owner?.name})`)
        : this.error(BoardError.NO_SESSION, 'no session: send Hello first (the board may have reset)');
    }
    this.lastActivity = now;
    try {
      if (env.configBegin) return this.onConfigBegin(env.configBegin);
      if (env.configChunk) return this.onConfigChunk(env.configChunk);
      if (env.configCommit) return this.onConfigCommit(u32(env.configCommit.imageCrc));
      if (env.configReadback)
        return this.onReadback(u32(env.configReadback.offset), u32(env.configReadback.length));
      if (env.monitorSelect) return this.onMonitor(env.monitorSelect.coreIds ?? []);
      if (env.start) return this.onStart(env.start);
      if (env.inputEvents) return this.onInput(env.inputEvents);
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
    } catch (e) {
      return this.error(BoardError.INTERNAL, (e as Error).message);
    }
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
    const sid = u32(hello.sessionId);
    const held =
      this.owner?.open &&
      this.sessionId !== 0 &&
      this.sessionId !== sid &&
      now - this.lastActivity < this.lease;
    if (held) {
      return this.error(
        BoardError.BUSY,
        `the board is in use by another session (${this.owner?.name}, host "${this.ownerHost}")`,
      );
    }
    if (this.sessionId !== sid) {
      // A new client: answers cached for the previous one must never be replayed to it.
      this.cache.clear();
      if (this.running) this.stopRun();
    }
    this.owner = client;
    this.sessionId = sid;
    const asked = u32(hello.maxFrameSize);
    this.frameSize =
      asked === 0 ? this.maxFrameSize : Math.min(this.maxFrameSize, Math.max(asked, MIN_FRAME_SIZE));
    this.ownerHost = hello.host ?? '';
    this.lastActivity = now;
    return this.deviceInfo(version);
  }

  private ownerHost = '';

  private endSession(why: string): void {
    this.log?.(`board: session ended (${why})`);
    this.stopRun();
    this.owner = undefined;
    this.sessionId = 0;
    this.cache.clear();
  }

  // --- flash -------------------------------------------------------------------------------------

  private onConfigBegin(b: NonNullable<Envelope['configBegin']>): EnvelopeInit {
    const size = u32(b.imageSize);
    const crc = u32(b.imageCrc);
    const version = u32(b.imageFormatVersion);
    const chunkSize = u32(b.chunkSize) || 1024;
    const [fmin, fmax] = this.imageFormat;
    if (version < fmin || version > fmax) {
      return this.error(
        BoardError.IMAGE_VERSION,
        `the image has format version ${version}, this firmware applies image format version ${fmin === fmax ? fmin : `${fmin}..${fmax}`}`,
      );
    }
    const maxImage = 16 << 20;
    if (size === 0 || size > maxImage) {
      return this.error(BoardError.IMAGE_SIZE, `image size ${size} bytes is outside 1..${maxImage}`);
    }
    if (chunkSize > this.frameSize) {
      return this.error(
        BoardError.IMAGE_SIZE,
        `chunk size ${chunkSize} exceeds the frame size ${this.frameSize}`,
      );
    }
    if (this.running)
      return this.error(BoardError.BAD_STATE, 'a run is in progress: Stop it before flashing');
    const s = this.staging;
    const keep = b.resume && s !== undefined && s.size === size && s.crc === crc && s.chunkSize === chunkSize;
    if (!keep) {
      const chunks = Math.ceil(size / chunkSize);
      this.staging = {
        size,
        crc,
        chunkSize,
        data: new Uint8Array(size),
        received: new Uint8Array(Math.ceil(chunks / 8)),
        chunks,
        receivedChunks: 0,
        receivedBytes: 0,
      };
    }
    const st = this.staging!;
    return {
      configStaged: {
        imageSize: size,
        imageCrc: crc,
        chunkSize,
        received: st.received.slice(),
        receivedBytes: st.receivedBytes,
      },
    };
  }

  private onConfigChunk(c: NonNullable<Envelope['configChunk']>): EnvelopeInit | undefined {
    const s = this.staging;
    if (!s) return this.error(BoardError.BAD_STATE, 'ConfigChunk without ConfigBegin (or the board reset)');
    const offset = u32(c.offset);
    const data = c.data ?? new Uint8Array(0);
    const index = offset / s.chunkSize;
    const expected = Math.min(s.chunkSize, s.size - offset);
    if (!Number.isInteger(index) || offset >= s.size || data.length !== expected) {
      return this.error(
        BoardError.IMAGE_SIZE,
        `chunk at offset ${offset} with ${data.length} bytes does not fit the staged image of ${s.size} bytes in chunks of ${s.chunkSize}`,
      );
    }
    if (this.resetPending && s.receivedChunks >= s.chunks / 2) {
      this.resetPending = false;
      this.powerCycle();
      return undefined;
    }
    s.data.set(data, offset);
    const bit = 1 << (index & 7);
    if ((s.received[index >> 3] & bit) === 0) {
      s.received[index >> 3] |= bit;
      s.receivedChunks++;
      s.receivedBytes += data.length;
      if (s.receivedChunks === s.chunks) this.flashTiming.lastChunkAt = performance.now();
    }
    return { ack: {} };
  }

  private onConfigCommit(crc: number): EnvelopeInit {
    const t0 = performance.now();
    const answer = this.commit(crc);
    this.flashTiming.commitMs = performance.now() - t0;
    return answer;
  }

  private commit(crc: number): EnvelopeInit {
    const s = this.staging;
    if (!s) return this.error(BoardError.BAD_STATE, 'ConfigCommit without a staged image');
    if (s.receivedChunks !== s.chunks) {
      return this.error(
        BoardError.IMAGE_SIZE,
        `${s.chunks - s.receivedChunks} of ${s.chunks} chunks are missing (${s.receivedBytes} of ${s.size} bytes staged)`,
      );
    }
    // One pass over the staged bytes: an intact image ends in the CRC32 of what precedes it.
    const actual = imageCrc(s.data);
    const trailer = s.size >= 4 ? new DataView(s.data.buffer).getUint32(s.size - 4, true) : -1;
    if (trailer !== actual || actual !== s.crc || crc !== s.crc) {
      this.staging = undefined;
      return this.error(
        BoardError.IMAGE_CRC,
        `the staged image has CRC32 0x${actual.toString(16).padStart(8, '0')}, ConfigBegin announced 0x${s.crc.toString(16).padStart(8, '0')} and ConfigCommit 0x${crc.toString(16).padStart(8, '0')}; nothing applied`,
      );
    }
    let next: Active;
    try {
      next = this.apply(s.data, actual);
    } catch (e) {
      this.staging = undefined;
      return this.error(
        BoardError.IMAGE_INVALID,
        `image refused, the previous configuration keeps running: ${(e as Error).message}`,
      );
    }
    // Only now, with the new configuration fully built, does it replace the running one.
    this.active = next;
    this.monitor = undefined;
    this.staging = undefined;
    return this.deviceInfo(this.protocolVersion);
  }

  /**
   * Decodes the image and configures the chip from its register writes, as the firmware does. `image`
   * (the staging buffer, not used after) becomes the running image; `crc` is its checked imageCrc.
   */
  private apply(image: Uint8Array, crc: number): Active {
    const decoded = decodeImage(image);
    if (decoded.chip !== this.profile.id) {
      throw new Error(`the image is for chip "${decoded.chip}", this board carries "${this.profile.id}"`);
    }
    const writes = registerWrites(decoded, this.profile);
    const config = configFromRegisterWrites(writes, this.profile);
    const emulator = new Emulator(config);
    const layerOfCore = new Map(config.cores.map((c, i) => [c.coreId, i]));
    const hash = decoded.sourceHash.match(/^[0-9a-f]{64}$/)
      ? Buffer.from(decoded.sourceHash, 'hex')
      : Buffer.alloc(0);
    return {
      image,
      crc,
      config,
      emulator,
      layerOfCore,
      coreOfLayer: Int32Array.from(config.cores.map((c) => c.coreId)),
      sourceHash: new Uint8Array(hash),
    };
  }

  private onReadback(offset: number, length: number): EnvelopeInit {
    const a = this.active;
    if (!a) return this.error(BoardError.NO_CONFIG, 'no image is configured');
    const max = this.frameSize - 64;
    if (offset > a.image.length || length > max) {
      return this.error(
        BoardError.IMAGE_SIZE,
        `readback of ${length} bytes at ${offset}: image has ${a.image.length} bytes, at most ${max} per request`,
      );
    }
    return {
      configData: { offset, data: a.image.slice(offset, offset + length), totalSize: a.image.length },
    };
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

  private applyMonitor(a: Active): void {
    if (this.monitor === undefined) {
      a.emulator.setMonitor(a.config.cores.filter((c) => c.monitor).map((c) => c.layer));
    } else {
      a.emulator.setMonitor(this.monitor.map((id) => a.config.cores[a.layerOfCore.get(id)!].layer));
    }
  }

  private onStart(start: NonNullable<Envelope['start']>): EnvelopeInit {
    const realtime = start.realtime ?? false;
    const steps = u32(start.steps);
    const keepState = start.keepState ?? false;
    const a = this.active;
    if (!a) return this.error(BoardError.NO_CONFIG, 'no image is configured');
    if (this.running) return this.error(BoardError.BAD_STATE, 'a run is already in progress');
    this.stopRun();
    // Every run counts steps from 0; with keep_state the membranes carry over from the last run.
    const kept = keepState ? a.config.cores.map((c) => a.emulator.readState(c.layer)) : undefined;
    a.emulator.reset();
    if (kept) {
      a.config.cores.forEach((c, i) => {
        a.emulator.writeState(c.layer, kept[i]);
      });
    }
    this.applyMonitor(a);
    this.run = {
      runId: u32(start.runId),
      steps,
      realtime: realtime || (this.options.realtime ?? false),
      startedAt: performance.now(),
      reorder: new Map(),
      nextInputSeq: 1,
      fifo: [],
      fifoCount: 0,
      lastInputStep: a.emulator.step - 1,
      endOfInput: false,
      consumed: 0,
      dropped: 0,
      nextOutputSeq: 1,
      unacked: [],
      out: makeCoreEvents(Math.max(16, Math.floor((this.frameSize - 128) / MAX_PACKED_EVENT_BYTES))),
      done: false,
      finished: false,
      rto: this.options.outputTimeoutMs ?? 200,
    };
    this.schedulePump();
    return { ack: {} };
  }

  private onInput(m: NonNullable<Envelope['inputEvents']>): EnvelopeInit {
    const r = this.run;
    if (!r || r.finished)
      return this.error(BoardError.BAD_STATE, 'InputEvents without a run: send Start first');
    const seq = u32(m.streamSeq);
    if (seq < r.nextInputSeq) return { ack: {} };
    if (seq >= r.nextInputSeq + REORDER_MAX) {
      return this.error(BoardError.BAD_STATE, `input frame ${seq} is too far ahead of ${r.nextInputSeq}`);
    }
    if (!r.reorder.has(seq)) {
      let ev: InputEvents;
      try {
        ev = unpackInputEvents(m.packed ?? new Uint8Array(0), u32(m.firstStep), u32(m.count));
      } catch (e) {
        return this.error(BoardError.BAD_REQUEST, `input frame ${seq}: ${(e as Error).message}`);
      }
      r.reorder.set(seq, { ev, end: m.endOfInput ?? false });
    }
    while (r.reorder.has(r.nextInputSeq)) {
      const f = r.reorder.get(r.nextInputSeq)!;
      r.reorder.delete(r.nextInputSeq);
      r.nextInputSeq++;
      this.enqueue(r, f.ev);
      if (f.end) r.endOfInput = true;
    }
    this.schedulePump();
    return { ack: {} };
  }

  /** Into the bounded FIFO: what does not fit is dropped and counted, never buffered without bound. */
  private enqueue(r: RunState, ev: InputEvents): void {
    this.counters.eventsIn += ev.count;
    const room = this.inputFifoCapacity - r.fifoCount;
    let keep = ev;
    if (ev.count > room) {
      const lost = ev.count - room;
      r.dropped += lost;
      this.counters.dropped += lost;
      keep = {
        count: room,
        t: ev.t.subarray(0, room),
        c: ev.c.subarray(0, room),
        y: ev.y.subarray(0, room),
        x: ev.x.subarray(0, room),
      };
    }
    // Events before the chip's current step can no longer be applied: dropped, counted.
    const a = this.active!;
    let from = 0;
    while (from < keep.count && keep.t[from] < Math.max(a.emulator.step, r.lastInputStep)) from++;
    if (from > 0) {
      r.dropped += from;
      this.counters.dropped += from;
    }
    if (from === keep.count) return;
    const part =
      from === 0
        ? keep
        : {
            count: keep.count - from,
            t: keep.t.subarray(from),
            c: keep.c.subarray(from),
            y: keep.y.subarray(from),
            x: keep.x.subarray(from),
          };
    r.fifo.push(part);
    r.fifoCount += part.count;
    r.lastInputStep = part.t[part.count - 1];
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /**
   * Advances the chip as far as the input allows (all events of a step must be in before it runs), the
   * output window allows (backpressure), and in real-time mode the clock allows.
   */
  private pump(): void {
    const r = this.run;
    const a = this.active;
    if (!r || !a || r.finished || this.owner === undefined) return;
    const emu = a.emulator;
    const lastStep =
      r.steps > 0
        ? r.steps
        : r.endOfInput
          ? Math.max(emu.step, r.lastInputStep + 1)
          : Number.POSITIVE_INFINITY;
    // Steps before the last queued event's step are complete; at end of input everything is.
    let target = r.endOfInput ? lastStep : Math.min(lastStep, r.lastInputStep);
    if (r.realtime) {
      const due = Math.floor(((performance.now() - r.startedAt) * 1000) / this.profile.stepMicros);
      if (due < target) {
        target = due;
        if (!this.paceTimer) {
          this.paceTimer = setTimeout(
            () => {
              this.paceTimer = undefined;
              this.schedulePump();
            },
            Math.max(1, this.profile.stepMicros / 1000),
          );
        }
      }
    }
    // Work in slices so acks and input keep flowing while the chip computes.
    const slice = r.realtime ? 1 : 64;
    let budget = 8;
    while (emu.step < target && r.unacked.length < this.outputWindow && budget-- > 0) {
      const end = Math.min(target, emu.step + slice);
      this.feedFifo(r, emu, end);
      // Step by step, so a full output window stops the chip within one step's output.
      while (emu.step < end && r.unacked.length < this.outputWindow) {
        emu.advance(emu.step + 1, (batch) => this.collect(r, a, batch));
      }
      this.flushOutput(r, false, emu.step - 1);
    }
    if (emu.step >= lastStep && !r.done && r.unacked.length < this.outputWindow) {
      r.done = true;
      this.flushOutput(r, true, lastStep - 1);
    }
    if (!r.done && emu.step < target && r.unacked.length < this.outputWindow) this.schedulePump();
    if (r.done && r.unacked.length === 0) r.finished = true;
  }

  /** Moves queued events of steps below `toStep` into the chip. */
  private feedFifo(r: RunState, emu: Emulator, toStep: number): void {
    while (r.fifo.length > 0) {
      const ev = r.fifo[0];
      let n = 0;
      while (n < ev.count && ev.t[n] < toStep) n++;
      if (n === 0) return;
      if (n === ev.count) {
        emu.feed(ev);
        r.fifo.shift();
      } else {
        emu.feed({
          count: n,
          t: ev.t.subarray(0, n),
          c: ev.c.subarray(0, n),
          y: ev.y.subarray(0, n),
          x: ev.x.subarray(0, n),
        });
        r.fifo[0] = {
          count: ev.count - n,
          t: ev.t.subarray(n),
          c: ev.c.subarray(n),
          y: ev.y.subarray(n),
          x: ev.x.subarray(n),
        };
      }
      r.fifoCount -= n;
      r.consumed += n;
    }
  }

  private collect(r: RunState, a: Active, batch: Spikes): void {
    const out = r.out;
    for (let i = 0; i < batch.count; i++) {
      if (out.count === out.t.length) this.flushOutput(r, false, batch.t[i] - 1);
      const k = out.count++;
      out.t[k] = batch.t[i];
      out.core[k] = a.coreOfLayer[batch.layer[i]];
      out.c[k] = batch.c[i];
      out.y[k] = batch.y[i];
      out.x[k] = batch.x[i];
    }
  }

  /** Sends the collected events as one OutputEvents frame (also an empty one: it reports progress). */
  private flushOutput(r: RunState, end: boolean, lastStep: number): void {
    const out = r.out;
    const firstStep = out.count > 0 ? out.t[0] : Math.max(0, lastStep);
    const streamSeq = r.nextOutputSeq++;
    const payload = encodeMessage({
      seq: 0,
      outputEvents: {
        streamSeq,
        firstStep,
        count: out.count,
        packed: packCoreEvents(out, 0, out.count, firstStep),
        endOfRun: end,
        lastStep: Math.max(0, lastStep),
        inputConsumed: r.consumed,
        dropped: r.dropped,
        runId: r.runId,
      },
    });
    this.counters.eventsOut += out.count;
    out.count = 0;
    const frame = { streamSeq, payload, sentAt: performance.now() };
    r.unacked.push(frame);
    if (this.owner) this.sendRaw(this.owner, payload);
    this.armRetransmit();
  }

  private armRetransmit(): void {
    const r = this.run;
    if (this.retransmitTimer || !r || r.unacked.length === 0) return;
    this.retransmitTimer = setTimeout(() => {
      this.retransmitTimer = undefined;
      const run = this.run;
      if (!run || run.unacked.length === 0 || !this.owner) return;
      const oldest = run.unacked[0];
      if (performance.now() - oldest.sentAt >= run.rto) {
        // Go-back-N: everything not acknowledged goes again, in order.
        this.resendUnacked(run);
        run.rto = Math.min(run.rto * 2, 2000);
      }
      this.armRetransmit();
    }, r.rto);
  }

  private resendUnacked(r: RunState): void {
    if (!this.owner) return;
    const now = performance.now();
    for (const f of r.unacked) {
      f.sentAt = now;
      this.counters.retransmissions++;
      this.sendRaw(this.owner, f.payload);
    }
  }

  private onStreamAck(runId: number, seq: number): void {
    const r = this.run;
    if (!r || r.runId !== runId) return;
    let n = 0;
    while (n < r.unacked.length && r.unacked[n].streamSeq <= seq) n++;
    if (n > 0) {
      r.unacked.splice(0, n);
      r.rto = this.options.outputTimeoutMs ?? 200;
      if (r.done && r.unacked.length === 0) r.finished = true;
      this.schedulePump();
    } else if (r.unacked.length > 0 && seq + 1 === r.unacked[0].streamSeq) {
      // The host repeats its last ack: it is missing the next frame. Resend once the line is quiet.
      const now = performance.now();
      if (now - r.unacked[0].sentAt > 20) this.resendUnacked(r);
    }
  }

  private stopRun(): void {
    this.run = undefined;
    if (this.retransmitTimer) clearTimeout(this.retransmitTimer);
    if (this.paceTimer) clearTimeout(this.paceTimer);
    this.retransmitTimer = undefined;
    this.paceTimer = undefined;
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
    const init = core.initialState ?? new Int16Array(n);
    a.emulator.writeState(core.layer, values.length === 0 ? init : Int16Array.from(values));
    return { ack: {} };
  }

  status(): NonNullable<EnvelopeInit['status']> {
    const r = this.run;
    return {
      eventsIn: this.counters.eventsIn >>> 0,
      eventsOut: this.counters.eventsOut >>> 0,
      dropped: this.counters.dropped >>> 0,
      crcErrors:
        (this.counters.crcErrors + [...this.clients].reduce((s, c) => s + c.link.stats.crcErrors, 0)) >>> 0,
      retransmissions: this.counters.retransmissions >>> 0,
      step: this.active?.emulator.step ?? 0,
      running: this.running,
      fifoUsed: r?.fifoCount ?? 0,
      fifoCapacity: this.inputFifoCapacity,
      framesIn: this.counters.framesIn >>> 0,
      framesOut: this.counters.framesOut >>> 0,
    };
  }

  private onReset(clearConfig: boolean): EnvelopeInit {
    this.stopRun();
    this.staging = undefined;
    for (const k of Object.keys(this.counters) as (keyof BoardCounters)[]) this.counters[k] = 0;
    if (clearConfig) this.active = undefined;
    else this.active?.emulator.reset();
    this.monitor = undefined;
    return { ack: {} };
  }
}

/**
 * The device client: one board, held exclusively, spoken to through a Session. Flash is a staged,
 * resumable, CRC-verified write applied atomically by the board; run streams input events with
 * credit-based flow control and reads the reliable output stream back in network terms.
 */
import { randomInt } from 'node:crypto';
import { SpikeforgeError } from '../errors.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import { makeSpikes } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
import { decodeImage, imageCrc, imageFormatVersion, imageIntact } from '../image/image.ts';
import { type Monitor, monitoredCores } from '../image/monitor.ts';
import { BoardError, isBoardError } from '../transport/errors.ts';
import { packInputEventsWithin, unpackCoreEvents } from '../transport/eventpack.ts';
import { FAST_LINK_FRAME_SIZE } from '../transport/links.ts';
import type { Envelope } from '../transport/messages.ts';
import { PROTOCOL_VERSION } from '../transport/messages.ts';
import type { Transport } from '../transport/types.ts';
import type { SessionOptions } from './session.ts';
import { Session } from './session.ts';

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
  imageFormat: { min: number; max: number };
  /** The running configuration: CRC32 and size of its image, sha256 (hex) of its source network; null: none. */
  activeImage: { crc: number; size: number; sourceHash: string } | null;
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

export interface DeviceRunOptions {
  monitor?: Monitor;
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

/** Room in a frame for everything of a message but its bulk bytes (chunk data, packed events). */
const MESSAGE_OVERHEAD = 64;

/** Opens the transport of a URI; set by ./open.ts (kept apart so tests can hand in any transport). */
export type TransportOpener = (uri: string) => Promise<Transport>;

/** Sequence numbers are 32-bit on the wire. */
const U32 = 0x1_0000_0000;

function hex(bytes: Uint8Array | null | undefined): string {
  return bytes && bytes.length > 0 ? Buffer.from(bytes).toString('hex') : '';
}

function infoFrom(uri: string, d: NonNullable<Envelope['deviceInfo']>): DeviceInfo {
  const crc = (d.activeImageCrc ?? 0) >>> 0;
  const size = d.activeImageSize ?? 0;
  return {
    uri,
    protocolVersion: d.protocolVersion ?? 0,
    board: d.board ?? '',
    firmwareVersion: d.firmwareVersion ?? '',
    chip: d.chip ?? '',
    chipCode: d.chipCode ?? 0,
    serialNumber: d.serialNumber ?? '',
    maxFrameSize: d.maxFrameSize || 4096,
    capabilities: d.capabilities ?? [],
    imageFormat: { min: d.imageFormatMin ?? 0, max: d.imageFormatMax ?? 0 },
    activeImage: size > 0 ? { crc, size, sourceHash: hex(d.activeImageHash) } : null,
    inputFifoCapacity: d.inputFifoCapacity || 4096,
    outputWindow: d.outputWindow || 8,
  };
}

/**
 * Runs `tasks` with at most `window` in flight; rejects with the first error after all settled.
 * `afterLastStarted` runs once the last task has started (its request is queued on the link).
 */
async function pipelined(
  count: number,
  window: number,
  task: (i: number) => Promise<void>,
  afterLastStarted?: () => void,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < count) {
      const i = next++;
      try {
        const running = task(i);
        if (next === count) afterLastStarted?.();
        await running;
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, worker));
  if (failure !== undefined) throw failure;
}

export class Device {
  private session: Session;
  private deviceInfo: DeviceInfo;
  private config: ChipConfig | undefined;
  private configCrc = -1;
  private readonly sessionId: number;
  private runActive = false;
  private nextRunId = 1;
  private closed = false;
  private keepalive: NodeJS.Timeout | undefined;
  private lastRequest = Date.now();
  private readonly onRelease: () => void;
  /** Kept for a second Hello after the board reset (same host name, same frame size asked). */
  private readonly options: DeviceOptions;

  private constructor(
    session: Session,
    info: DeviceInfo,
    sessionId: number,
    onRelease: () => void,
    options: DeviceOptions,
  ) {
    this.session = session;
    this.options = options;
    this.deviceInfo = info;
    this.sessionId = sessionId;
    this.onRelease = onRelease;
    session.onUnsolicited((env) => this.onIdleFrame(env));
    // The board frees a session that stays silent for its lease (3 s): keep ours alive while idle.
    this.keepalive = setInterval(() => {
      if (Date.now() - this.lastRequest > 1000 && !this.runActive && this.session.isOpen) {
        this.request({ getStatus: {} }).catch(() => {});
      }
    }, 1000);
    this.keepalive.unref();
  }

  /** Opens a session on a transport: Hello, version negotiation. Used by `openDevice`. */
  static async connect(
    transport: Transport,
    options: DeviceOptions = {},
    onRelease: () => void = () => {},
  ): Promise<Device> {
    const session = new Session(transport, options.session);
    const sessionId = randomInt(1, 0x7fffffff);
    try {
      const info = await Device.hello(session, sessionId, options);
      return new Device(session, info, sessionId, onRelease, options);
    } catch (e) {
      await session.close().catch(() => {});
      onRelease();
      throw e;
    }
  }

  private static async hello(
    session: Session,
    sessionId: number,
    options: DeviceOptions,
  ): Promise<DeviceInfo> {
    const uri = session.transport.uri;
    const answer = await session.request(
      {
        hello: {
          protocolMin: PROTOCOL_VERSION,
          protocolMax: PROTOCOL_VERSION,
          host: options.host ?? `spikeforge node ${process.version}`,
          sessionId,
          maxFrameSize: options.maxFrameSize ?? FAST_LINK_FRAME_SIZE,
        },
      },
      { timeoutMs: options.helloTimeoutMs ?? 500, retries: 3 },
    );
    if (!answer.deviceInfo) {
      throw new SpikeforgeError(
        'PROTOCOL',
        `${uri} answered Hello with "${answer.body}" instead of DeviceInfo`,
      );
    }
    const info = infoFrom(uri, answer.deviceInfo);
    if (info.protocolVersion !== PROTOCOL_VERSION) {
      throw new SpikeforgeError(
        'PROTOCOL_VERSION',
        `${uri} speaks protocol version ${info.protocolVersion}, this spikeforge speaks protocol version ${PROTOCOL_VERSION}`,
        { hint: 'update spikeforge or the board firmware so that both speak one protocol version' },
      );
    }
    session.maxFrameSize = Math.max(info.maxFrameSize, 4096);
    return info;
  }

  get uri(): string {
    return this.session.transport.uri;
  }

  /** Statistics of the request layer (retransmissions, dropped duplicates, bad frames). */
  get linkStats() {
    const f = this.session.link.stats;
    return { ...this.session.stats, crcErrors: f.crcErrors, malformed: f.malformed };
  }

  /** What the board said in its last DeviceInfo (refreshed by `flash`). */
  async info(): Promise<DeviceInfo> {
    return this.deviceInfo;
  }

  private request(body: Parameters<Session['request']>[0]): Promise<Envelope> {
    if (this.closed)
      return Promise.reject(new SpikeforgeError('DISCONNECTED', `${this.uri}: the device was closed`));
    this.lastRequest = Date.now();
    return this.session.request(body);
  }

  /** Output frames that arrive when no run listens (a repeated end-of-run): acknowledged so the board settles. */
  private onIdleFrame(env: Envelope): void {
    const o = env.outputEvents;
    if (o)
      this.session
        .notify({ streamAck: { streamSeq: o.streamSeq ?? 0, runId: o.runId ?? 0 } })
        .catch(() => {});
  }

  // --- flash -------------------------------------------------------------------------------------

  /**
   * Writes an image: staged chunks (pipelined, idempotent), verified by size and CRC on the board, then
   * committed atomically. Interrupted, the previous configuration keeps running; call again (with
   * `resume: true` to skip chunks the board kept).
   */
  async flash(image: Uint8Array, options: FlashOptions = {}): Promise<FlashResult> {
    const info = this.deviceInfo;
    let config: ChipConfig | undefined;
    let formatVersion: number;
    if (options.check === false) {
      formatVersion = imageFormatVersion(image);
      try {
        config = decodeImage(image);
        formatVersion = config.formatVersion;
      } catch {
        config = undefined;
      }
    } else {
      config = decodeImage(image);
      formatVersion = config.formatVersion;
      if (config.chip !== info.chip) {
        throw new SpikeforgeError(
          'IMAGE_FORMAT',
          `the image is for chip "${config.chip}", ${this.uri} carries "${info.chip}"`,
          {
            hint: `compile the network for ${info.chip} (spikeforge compile --chip ${info.chip})`,
          },
        );
      }
    }
    if (formatVersion < info.imageFormat.min || formatVersion > info.imageFormat.max) {
      const range =
        info.imageFormat.min === info.imageFormat.max
          ? `${info.imageFormat.min}`
          : `${info.imageFormat.min}..${info.imageFormat.max}`;
      throw new SpikeforgeError(
        'IMAGE_VERSION',
        `the image has format version ${formatVersion}, the firmware of ${this.uri} (${info.firmwareVersion}) applies image format version ${range}`,
        { hint: 'recompile the network with a spikeforge matching the firmware, or update the firmware' },
      );
    }
    const crc = imageCrc(image);
    let restarts = 0;
    let result: { sent: number; chunks: number };
    for (;;) {
      try {
        result = await this.stage(
          image,
          crc,
          formatVersion,
          options,
          restarts === 0 && (options.resume ?? false),
        );
        break;
      } catch (e) {
        // The board reset in the middle (it forgot the session and the staged bytes): start over once more.
        if (!isBoardError(e, BoardError.NO_SESSION) || restarts >= 2) throw e;
        restarts++;
        this.deviceInfo = await Device.hello(this.session, this.sessionId, this.options);
      }
    }
    if (this.deviceInfo.activeImage?.crc !== crc || this.deviceInfo.activeImage.size !== image.length) {
      throw new SpikeforgeError(
        'IMAGE_CRC',
        `${this.uri} reports CRC32 0x${(this.deviceInfo.activeImage?.crc ?? 0).toString(16)} for its configuration after commit, expected 0x${crc.toString(16)}`,
        { hint: 'flash again; if it repeats, the board firmware is faulty' },
      );
    }
    const verified = options.verify ?? 'crc';
    if (verified === 'readback') {
      const back = await this.readImage();
      const same = back.length === image.length && back.every((b, i) => b === image[i]);
      if (!same) {
        throw new SpikeforgeError(
          'IMAGE_CRC',
          `the image read back from ${this.uri} differs from the image flashed`,
          {
            hint: 'flash again; if it repeats, the board memory is faulty',
          },
        );
      }
    }
    this.config = config;
    this.configCrc = config ? crc : -1;
    return { bytes: image.length, sent: result.sent, crc, chunks: result.chunks, restarts, verified };
  }

  private async stage(
    image: Uint8Array,
    crc: number,
    formatVersion: number,
    options: FlashOptions,
    resume: boolean,
  ): Promise<{ sent: number; chunks: number }> {
    // One chunk per frame, as large as the session's frames allow.
    const chunkSize = this.deviceInfo.maxFrameSize - MESSAGE_OVERHEAD;
    const begin = await this.request({
      configBegin: {
        imageSize: image.length,
        imageCrc: crc,
        imageFormatVersion: formatVersion,
        resume,
        chunkSize,
      },
    });
    const staged = begin.configStaged;
    if (!staged)
      throw new SpikeforgeError('PROTOCOL', `${this.uri} answered ConfigBegin with "${begin.body}"`);
    const chunks = Math.ceil(image.length / chunkSize);
    const have = staged.received ?? new Uint8Array(0);
    const missing: number[] = [];
    let done = 0;
    for (let i = 0; i < chunks; i++) {
      if ((have[i >> 3] ?? 0) & (1 << (i & 7))) done += Math.min(chunkSize, image.length - i * chunkSize);
      else missing.push(i);
    }
    options.onProgress?.(done, image.length);
    let sent = 0;
    // ConfigCommit follows the last chunk at once instead of a round trip later. If it overtakes a
    // chunk that had to be resent, the board answers IMAGE_SIZE (chunks missing, staging kept) and it
    // is sent again once every chunk is acknowledged.
    const commitBody = { configCommit: { imageCrc: crc } };
    let early: Promise<Envelope> | undefined;
    const sendCommit = () => {
      early = this.request(commitBody);
      early.catch(() => {}); // awaited below, unless a chunk failed first
    };
    await pipelined(
      missing.length,
      options.window ?? 8,
      async (k) => {
        const offset = missing[k] * chunkSize;
        const data = image.subarray(offset, Math.min(offset + chunkSize, image.length));
        await this.request({ configChunk: { offset, data } });
        sent += data.length;
        done += data.length;
        options.onProgress?.(done, image.length);
      },
      sendCommit,
    );
    if (!early) sendCommit();
    const commit = await (early as Promise<Envelope>).catch((e: unknown) => {
      if (!isBoardError(e, BoardError.IMAGE_SIZE)) throw e;
      return this.request(commitBody);
    });
    if (!commit.deviceInfo)
      throw new SpikeforgeError('PROTOCOL', `${this.uri} answered ConfigCommit with "${commit.body}"`);
    this.deviceInfo = infoFrom(this.uri, commit.deviceInfo);
    return { sent, chunks };
  }

  /** The running image, read back from the board. */
  async readImage(): Promise<Uint8Array> {
    const size = this.deviceInfo.activeImage?.size ?? 0;
    if (size === 0) {
      throw new SpikeforgeError('DEVICE_ERROR', `${this.uri} has no configuration`, {
        hint: 'flash an image first (spikeforge flash <image> --device <uri>)',
      });
    }
    const out = new Uint8Array(size);
    const step = this.deviceInfo.maxFrameSize - MESSAGE_OVERHEAD;
    await pipelined(Math.ceil(size / step), 8, async (i) => {
      const answer = await this.request({
        configReadback: { offset: i * step, length: Math.min(step, size - i * step) },
      });
      const data = answer.configData?.data;
      if (!data || data.length !== Math.min(step, size - i * step)) {
        throw new SpikeforgeError(
          'PROTOCOL',
          `${this.uri}: readback at offset ${i * step} returned ${data?.length ?? 0} bytes`,
        );
      }
      out.set(data, i * step);
    });
    return out;
  }

  /** The configuration the board runs (from the flashed image, or read back): core ids -> layer names. */
  async activeConfig(): Promise<ChipConfig> {
    const active = this.deviceInfo.activeImage;
    if (!active) {
      throw new SpikeforgeError('DEVICE_ERROR', `${this.uri} has no configuration to run`, {
        hint: 'flash an image first (spikeforge flash <image> --device <uri>)',
      });
    }
    if (this.config && this.configCrc === active.crc) return this.config;
    const image = await this.readImage();
    if (!imageIntact(image) || imageCrc(image) !== active.crc) {
      throw new SpikeforgeError(
        'IMAGE_CRC',
        `the image read back from ${this.uri} does not match the CRC32 it reports`,
      );
    }
    this.config = decodeImage(image, `${this.uri} (read back)`);
    this.configCrc = active.crc;
    return this.config;
  }

  // --- run ---------------------------------------------------------------------------------------

  private monitorCores(config: ChipConfig, monitor: Monitor | undefined): number[] {
    if (monitor === undefined) return [];
    return monitoredCores(config, monitor, `monitor on ${this.uri}`).map((c) => c.coreId);
  }

  /**
   * Runs input events on the board and yields the spikes of the monitored layers as they arrive, in
   * step order, in network terms (layer names, the neuron's own c, y, x).
   */
  async *run(events: InputEvents, options: DeviceRunOptions = {}): AsyncIterable<Spikes> {
    if (this.runActive)
      throw new SpikeforgeError('USAGE', `${this.uri}: a run is already in progress on this device`);
    const config = await this.activeConfig();
    const layers = config.cores.map((c) => c.layer);
    // core id -> index into `layers` (-1: not a core of this configuration), one lookup per event.
    const layerOfCore = new Int32Array(Math.max(0, ...config.cores.map((c) => c.coreId)) + 1).fill(-1);
    config.cores.forEach((c, i) => {
      layerOfCore[c.coreId] = i;
    });
    const coreIds = this.monitorCores(config, options.monitor);
    const steps = options.steps ?? (events.count > 0 ? events.t[events.count - 1] + 1 : 0);
    if (steps === 0 && events.count === 0) return;
    const runId = this.nextRunId++;
    this.runActive = true;

    const ready: Spikes[] = [];
    // Everyone waiting for news (the reader below, the input sender waiting for credit) is woken at once.
    let waiters: (() => void)[] = [];
    const signal = () => {
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    };
    const news = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    let ended = false;
    let failure: unknown;
    let expected = 1;
    let consumed = 0;
    let lastProgress = Date.now();
    const onFrame = (env: Envelope) => {
      const o = env.outputEvents;
      if (!o) return;
      if ((o.runId ?? 0) !== runId) {
        this.onIdleFrame(env);
        return;
      }
      const seq = o.streamSeq ?? 0;
      if (seq === expected) {
        expected = (expected + 1) % U32;
        consumed = o.inputConsumed ?? consumed;
        lastProgress = Date.now();
        const count = o.count ?? 0;
        if (count > 0) {
          try {
            ready.push(
              this.toSpikes(
                unpackCoreEvents(o.packed ?? new Uint8Array(0), o.firstStep ?? 0, count),
                layers,
                layerOfCore,
              ),
            );
          } catch (e) {
            failure ??= e;
          }
        }
        if (o.endOfRun) ended = true;
        signal();
      }
      // In order, duplicate or ahead of a lost frame: the cumulative ack says what we have.
      this.session.notify({ streamAck: { streamSeq: (expected + U32 - 1) % U32, runId } }).catch(() => {});
    };
    this.session.onUnsolicited(onFrame);
    this.session.onClose((e) => {
      failure ??= e;
      signal();
    });

    try {
      await this.request({ monitorSelect: { coreIds } });
      await this.request({
        start: { realtime: options.realtime ?? false, steps, keepState: options.keepState ?? false, runId },
      });
      const sending = this.sendInput(events, () => consumed, news, options.window ?? 8).catch(
        (e: unknown) => {
          failure ??= e;
          signal();
        },
      );
      for (;;) {
        while (ready.length > 0) yield ready.shift()!;
        if (failure !== undefined) throw failure;
        if (ended) break;
        await news(1000);
        // No news for a while: ask the board, which either answers (still working) or times out.
        if (!ended && failure === undefined && ready.length === 0 && Date.now() - lastProgress > 2000) {
          lastProgress = Date.now();
          this.request({ getStatus: {} }).catch((e: unknown) => {
            failure ??= e;
            signal();
          });
        }
      }
      await sending;
      if (failure !== undefined) throw failure;
    } finally {
      this.runActive = false;
      this.session.onUnsolicited((env) => this.onIdleFrame(env));
      if (!ended && failure === undefined && this.session.isOpen) {
        // The caller stopped reading early: stop the board too.
        await this.request({ stop: {} }).catch(() => {});
      }
    }
  }

  /**
   * Sends the input as InputEvents frames, several in flight, never more unconsumed events than the
   * board's FIFO holds (credits come back in OutputEvents.input_consumed).
   */
  private async sendInput(
    events: InputEvents,
    consumed: () => number,
    news: (ms: number) => Promise<void>,
    window: number,
  ): Promise<void> {
    const capacity = this.deviceInfo.inputFifoCapacity;
    const room = this.deviceInfo.maxFrameSize - MESSAGE_OVERHEAD;
    const frames: { from: number; to: number; firstStep: number; packed: Uint8Array }[] = [];
    let from = 0;
    let firstStep = 0;
    const perFrameMax = Math.max(1, Math.min(capacity >> 2, 1 << 14));
    do {
      const { packed, end } = packInputEventsWithin(
        events,
        from,
        Math.min(events.count, from + perFrameMax),
        firstStep,
        room,
      );
      frames.push({ from, to: end, firstStep, packed });
      if (end > from) firstStep = events.t[end - 1];
      from = end;
    } while (from < events.count);
    let streamSeq = 0;
    let sentEvents = 0;
    const waitForCredit = async (need: number) => {
      while (sentEvents - consumed() + need > capacity) await news(50);
    };
    let next = 0;
    let failure: unknown;
    const inFlight = new Set<Promise<void>>();
    while (next < frames.length && failure === undefined) {
      const f = frames[next];
      const n = f.to - f.from;
      await waitForCredit(n);
      sentEvents += n;
      const seq = ++streamSeq;
      const last = next === frames.length - 1;
      next++;
      const p = this.request({
        inputEvents: { streamSeq: seq, firstStep: f.firstStep, count: n, packed: f.packed, endOfInput: last },
      }).then(
        () => {
          inFlight.delete(p);
        },
        (e: unknown) => {
          inFlight.delete(p);
          failure ??= e;
        },
      );
      inFlight.add(p);
      if (inFlight.size >= window) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  }

  private toSpikes(
    ev: { count: number; t: Int32Array; core: Int32Array; c: Int32Array; y: Int32Array; x: Int32Array },
    layers: string[],
    layerOfCore: Int32Array,
  ): Spikes {
    const s = makeSpikes(layers, ev.count);
    const n = ev.count;
    for (let i = 0; i < n; i++) {
      const core = ev.core[i];
      const layer = core < layerOfCore.length ? layerOfCore[core] : -1;
      if (layer < 0) {
        throw new SpikeforgeError(
          'PROTOCOL',
          `${this.uri} sent an output event of core ${core}, which the configuration does not use`,
        );
      }
      s.layer[i] = layer;
    }
    s.t.set(ev.t.subarray(0, n));
    s.c.set(ev.c.subarray(0, n));
    s.y.set(ev.y.subarray(0, n));
    s.x.set(ev.x.subarray(0, n));
    s.count = n;
    return s;
  }

  // --- state, status, reset, close ----------------------------------------------------------------

  private async coreOf(layer: string): Promise<number> {
    const config = await this.activeConfig();
    const core = config.cores.find((c) => c.layer === layer);
    if (!core) {
      throw new SpikeforgeError('USAGE', `no layer named "${layer}" on ${this.uri}`, {
        hint: `layers: ${config.cores.map((c) => c.layer).join(', ')}`,
      });
    }
    return core.coreId;
  }

  /** Membrane state of a layer, layout (f*H + y)*W + x. */
  async readState(layer: string): Promise<Int16Array> {
    const coreId = await this.coreOf(layer);
    const answer = await this.request({ readState: { coreId } });
    return Int16Array.from(answer.stateData?.values ?? []);
  }

  /** Sets the membrane state of a layer (layout of `readState`); empty: back to the configured initial state. */
  async writeState(layer: string, values: ArrayLike<number>): Promise<void> {
    const coreId = await this.coreOf(layer);
    await this.request({ writeState: { coreId, values: Array.from(values) } });
  }

  async status(): Promise<DeviceStatus> {
    const s = (await this.request({ getStatus: {} })).status ?? {};
    return {
      eventsIn: s.eventsIn ?? 0,
      eventsOut: s.eventsOut ?? 0,
      dropped: s.dropped ?? 0,
      crcErrors: s.crcErrors ?? 0,
      retransmissions: s.retransmissions ?? 0,
      step: s.step ?? 0,
      running: s.running ?? false,
      fifoUsed: s.fifoUsed ?? 0,
      fifoCapacity: s.fifoCapacity ?? 0,
      framesIn: s.framesIn ?? 0,
      framesOut: s.framesOut ?? 0,
    };
  }

  /** Neuron state and counters back to start; with `clearConfig` the board also forgets its configuration. */
  async reset(options: { clearConfig?: boolean } = {}): Promise<void> {
    await this.request({ reset: { clearConfig: options.clearConfig ?? false } });
    if (options.clearConfig) {
      this.deviceInfo = { ...this.deviceInfo, activeImage: null };
      this.config = undefined;
    }
  }

  /** Ends the session (the board is free for the next client) and closes the link. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.keepalive) clearInterval(this.keepalive);
    if (this.session.isOpen) {
      await this.session.request({ bye: {} }, { timeoutMs: 200, retries: 1 }).catch(() => {});
    }
    this.closed = true;
    await this.session.close().catch(() => {});
    this.onRelease();
  }
}

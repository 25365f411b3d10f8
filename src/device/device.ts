/**
 * The device client: one board, held exclusively, spoken to through a Session. Flash (flash.ts) is a
 * staged, resumable, CRC-verified write applied atomically by the board; run (stream.ts) streams input
 * events with credit-based flow control and reads the reliable output stream back in network terms.
 * This file: opening, keepalive, state, status, reset, close.
 */
import { profiles } from '../chip/index.ts';
import { SpikeforgeError } from '../errors.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
import { layersInOrder } from '../image/monitor.ts';
import type { Envelope } from '../transport/messages.ts';
import type { Transport } from '../transport/types.ts';
import { Connection, hello, newSessionId, type Reopen } from './connection.ts';
import { activeConfig, flashImage, readImage } from './flash.ts';
import type { RequestBody } from './session.ts';
import { Session } from './session.ts';
import { monitorCores, RunStream } from './stream.ts';
import type {
  DeviceInfo,
  DeviceOptions,
  DeviceRunOptions,
  DeviceStatus,
  FlashOptions,
  FlashResult,
} from './types.ts';

export class Device {
  private readonly conn: Connection;
  private runActive = false;
  private nextRunId = 1;
  private keepalive: NodeJS.Timeout | undefined;
  private readonly onRelease: () => void;
  /** Output frames that arrive when no run listens (a repeated end-of-run): acknowledged so the board settles. */
  private readonly idle = (env: Envelope): void => {
    const o = env.outputEvents;
    if (o)
      this.conn.session
        .notify({ streamAck: { streamSeq: o.streamSeq ?? 0, runId: o.runId ?? 0 } })
        .catch(() => {});
  };

  private constructor(conn: Connection, onRelease: () => void) {
    this.conn = conn;
    this.onRelease = onRelease;
    conn.session.onUnsolicited(this.idle);
    conn.onSession = (session) => session.onUnsolicited(this.idle);
    // The board frees a session that stays silent for its lease (3 s): keep ours alive while idle.
    this.keepalive = setInterval(() => {
      if (Date.now() - conn.lastRequest > 1000 && !this.runActive && conn.session.isOpen) {
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
    /** Opens the link again after it was lost (openDevice passes one): a failed flash then reports what the board runs. */
    reopen?: Reopen,
  ): Promise<Device> {
    const session = new Session(transport, options.session);
    const sessionId = newSessionId();
    try {
      const info = await hello(session, sessionId, options);
      return new Device(new Connection(session, info, sessionId, options, reopen), onRelease);
    } catch (e) {
      await session.close().catch(() => {});
      onRelease();
      throw e;
    }
  }

  get uri(): string {
    return this.conn.uri;
  }

  /** Statistics of the request layer (retransmissions, dropped duplicates, bad frames). */
  get linkStats() {
    const session = this.conn.session;
    const f = session.link.stats;
    return { ...session.stats, crcErrors: f.crcErrors, malformed: f.malformed };
  }

  /** What the board said in its last DeviceInfo (refreshed by `flash`). */
  async info(): Promise<DeviceInfo> {
    return this.conn.info;
  }

  private request(body: RequestBody): Promise<Envelope> {
    return this.conn.request(body);
  }

  /**
   * Writes an image: staged chunks (pipelined, idempotent), verified by size and CRC on the board, then
   * committed atomically. Interrupted, the previous configuration keeps running; call again (with
   * `resume: true` to skip chunks the board kept).
   */
  flash(image: Uint8Array, options: FlashOptions = {}): Promise<FlashResult> {
    return flashImage(this.conn, image, options);
  }

  /** The running image, read back from the board. */
  readImage(): Promise<Uint8Array> {
    return readImage(this.conn);
  }

  /** The configuration the board runs (from the flashed image, or read back): core ids -> layer names. */
  activeConfig(): Promise<ChipConfig> {
    return activeConfig(this.conn);
  }

  /**
   * Runs input events on the board and yields the spikes of the monitored layers as they arrive, in
   * step order, in network terms (layer names, the neuron's own c, y, x).
   */
  async *run(events: InputEvents, options: DeviceRunOptions = {}): AsyncIterable<Spikes> {
    if (this.runActive)
      throw new SpikeforgeError('USAGE', `${this.uri}: a run is already in progress on this device`);
    const config = await this.activeConfig();
    const coreIds = monitorCores(config, options.monitor, this.uri);
    const steps = options.steps ?? (events.count > 0 ? events.t[events.count - 1] + 1 : 0);
    if (steps === 0 && events.count === 0) return;
    const stream = new RunStream(this.conn, config, this.nextRunId++, this.idle, options.reconnect ?? true);
    this.runActive = true;
    const reconnecting = this.conn.autoReconnect;
    this.conn.autoReconnect = options.reconnect ?? true;
    this.conn.onReconnected = stream.acknowledge;
    let offFrame = () => {};
    let offClose = () => {};
    // The run's listeners sit on the current session; a lost link is reopened (same session id, the
    // board holds the run) and they move to the new session.
    const listen = (): void => {
      const session = this.conn.session;
      offFrame = session.onUnsolicited(stream.onFrame);
      offClose = session.onClose((e) => {
        if (!stream.shouldReconnect(e)) {
          stream.fail(e);
          return;
        }
        stream.reconnect(e).then(() => {
          offFrame();
          listen();
        }, stream.fail);
      });
    };
    listen();
    try {
      yield* stream.spikes(events, coreIds, steps, options);
    } finally {
      offFrame();
      offClose();
      this.conn.autoReconnect = reconnecting;
      this.conn.onReconnected = () => {};
      this.runActive = false;
      if (!stream.settled && this.conn.session.isOpen) {
        // The caller stopped reading early: stop the board too.
        await this.request({ stop: {} }).catch(() => {});
      }
    }
  }

  // --- state, status, reset, close ----------------------------------------------------------------

  private async coreOf(layer: string): Promise<number> {
    const config = await this.activeConfig();
    const core = config.cores.find((c) => c.layer === layer);
    if (!core) {
      throw new SpikeforgeError('USAGE', `no layer named "${layer}" on ${this.uri}`, {
        hint: `layers: ${layersInOrder(config).join(', ')}`,
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
    // Membranes hold the chip's state bits: a value beyond is refused here, never wrapped on the way.
    const bits = profiles.find((p) => p.id === this.conn.info.chip)?.stateBits ?? 16;
    const [min, max] = [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isInteger(v) || v < min || v > max) {
        throw new SpikeforgeError(
          'USAGE',
          `writeState ${layer}: value ${i} is ${v}, outside the ${bits}-bit state range ${min}..${max}`,
          { hint: 'give membrane values in the range readState returns; nothing was written' },
        );
      }
    }
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
      this.conn.info = { ...this.conn.info, activeImage: null };
      this.conn.config = undefined;
    }
  }

  /** Ends the session (the board is free for the next client) and closes the link. */
  async close(): Promise<void> {
    const conn = this.conn;
    if (conn.closed) return;
    if (this.keepalive) clearInterval(this.keepalive);
    if (conn.session.isOpen) {
      await conn.session.request({ bye: {} }, { timeoutMs: 200, retries: 1 }).catch(() => {});
    }
    conn.closed = true;
    await conn.session.close().catch(() => {});
    for (const release of conn.releases) release();
    this.onRelease();
  }
}

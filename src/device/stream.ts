/**
 * One run from the host: input events sent as InputEvents frames within the board's FIFO credit, the
 * reliable output stream read back in order (cumulative StreamAck) and turned into spikes in network
 * terms (layer names, the neuron's own c, y, x).
 */
import { SpikeforgeError } from '../errors.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import { makeSpikes } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
import { type Monitor, monitoredCores } from '../image/monitor.ts';
import { errorFromBoard } from '../transport/errors.ts';
import type { CoreEvents } from '../transport/eventpack.ts';
import { packInputEventsWithin, unpackCoreEvents } from '../transport/eventpack.ts';
import type { Envelope } from '../transport/messages.ts';
import type { Connection } from './connection.ts';
import { MESSAGE_OVERHEAD, sessionLost } from './connection.ts';
import type { DeviceRunOptions } from './types.ts';

/** Sequence numbers are 32-bit on the wire. */
const U32 = 0x1_0000_0000;
/** Reconnections in a row that bring no output before a run gives up. */
const MAX_FRUITLESS_RECONNECTS = 3;
/** Without output this long, the run asks the board (which answers, or says it lost the session). */
const QUIET_MS = 500;

/** The core ids to monitor for a selection ([]: the image's own choice). */
export function monitorCores(config: ChipConfig, monitor: Monitor | undefined, uri: string): number[] {
  if (monitor === undefined) return [];
  return monitoredCores(config, monitor, `monitor on ${uri}`).map((c) => c.coreId);
}

export class RunStream {
  private readonly layers: string[];
  /** core id -> index into `layers` (-1: not a core of this configuration), one lookup per event. */
  private readonly layerOfCore: Int32Array;
  private readonly ready: Spikes[] = [];
  /** Everyone waiting for news (the reader, the input sender waiting for credit), woken at once. */
  private waiters: (() => void)[] = [];
  private ended = false;
  private failure: unknown;
  private expected = 1;
  private consumed = 0;
  private lastProgress = Date.now();
  /** Reconnections of this run, and those in a row without any output in between. */
  reconnects = 0;
  private fruitless = 0;
  private reconnecting: Promise<void> | undefined;

  constructor(
    private readonly conn: Connection,
    config: ChipConfig,
    readonly runId: number,
    /** Receiver of output frames of other runs (a repeated end-of-run of an earlier one). */
    private readonly idle: (env: Envelope) => void,
    /** Reconnect and resume when the link is lost (DeviceRunOptions.reconnect, default true). */
    private readonly mayReconnect = true,
  ) {
    this.layers = config.cores.map((c) => c.layer);
    this.layerOfCore = new Int32Array(Math.max(0, ...config.cores.map((c) => c.coreId)) + 1).fill(-1);
    config.cores.forEach((c, i) => {
      this.layerOfCore[c.coreId] = i;
    });
  }

  /** The run ended (the board's end of run) or failed: nothing is left to stop on the board. */
  get settled(): boolean {
    return this.ended || this.failure !== undefined;
  }

  /**
   * Whether to reconnect after `e` rather than fail: the link was lost (not closed here), the device can
   * reopen it, and the last reconnections brought output (a link that dies at once every time fails).
   */
  shouldReconnect(e: unknown): boolean {
    return (
      this.mayReconnect &&
      !this.settled &&
      sessionLost(e) &&
      this.conn.canReconnect &&
      this.fruitless < MAX_FRUITLESS_RECONNECTS
    );
  }

  /**
   * Reconnects after the link was lost with `lost` (one reconnection for everyone who noticed); the
   * board resumes the run. When the link cannot be opened again, the run fails with `lost`, the
   * reason it could not reconnect in its details.
   */
  reconnect(lost: unknown): Promise<void> {
    this.reconnecting ??= (async () => {
      this.fruitless++;
      this.reconnects++;
      try {
        await this.conn.reconnect();
      } catch (e) {
        const why = `reconnecting failed: ${(e as Error).message}`;
        throw lost instanceof SpikeforgeError
          ? new SpikeforgeError(lost.code, lost.message, {
              hint: lost.hint,
              details: [...lost.details, why],
              cause: e,
            })
          : lost;
      } finally {
        this.reconnecting = undefined;
      }
    })();
    return this.reconnecting;
  }

  /** The run fails with `e` (the first failure wins); everyone waiting wakes up. */
  readonly fail = (e: unknown): void => {
    this.failure ??= e;
    this.signal();
  };

  /** Tells the board what arrived (cumulative ack), e.g. after a reconnection, so it resends the rest. */
  readonly acknowledge = (): void => {
    const streamSeq = (this.expected + U32 - 1) % U32;
    this.conn.session.notify({ streamAck: { streamSeq, runId: this.runId } }).catch(() => {});
  };

  /** An unsolicited frame of the session: the run's output stream. */
  readonly onFrame = (env: Envelope): void => {
    if (env.error) {
      // The board stopped the run on its own (a failure inside it) and ended the session.
      const { code, message } = env.error;
      this.fail(errorFromBoard(code ?? 0, message ?? '', `${this.conn.uri} (run ${this.runId})`));
      return;
    }
    const o = env.outputEvents;
    if (!o) return;
    if ((o.runId ?? 0) !== this.runId) {
      this.idle(env);
      return;
    }
    const seq = o.streamSeq ?? 0;
    if (seq === this.expected) {
      this.expected = (this.expected + 1) % U32;
      this.fruitless = 0;
      this.consumed = o.inputConsumed ?? this.consumed;
      this.lastProgress = Date.now();
      const count = o.count ?? 0;
      if (count > 0) {
        try {
          this.ready.push(
            this.toSpikes(unpackCoreEvents(o.packed ?? new Uint8Array(0), o.firstStep ?? 0, count)),
          );
        } catch (e) {
          this.failure ??= e;
        }
      }
      if (o.endOfRun) this.ended = true;
      this.signal();
    }
    // In order, duplicate or ahead of a lost frame: the cumulative ack says what we have.
    this.acknowledge();
  };

  /** Starts the run on the board, sends the input and yields the spikes as they arrive, in step order. */
  async *spikes(
    events: InputEvents,
    coreIds: number[],
    steps: number,
    options: DeviceRunOptions,
  ): AsyncGenerator<Spikes> {
    const conn = this.conn;
    await conn.request({ monitorSelect: { coreIds } });
    await conn.request({
      start: {
        realtime: options.realtime ?? false,
        steps,
        keepState: options.keepState ?? false,
        runId: this.runId,
      },
    });
    const sending = this.sendInput(events, options.window ?? 8).catch(this.fail);
    for (;;) {
      while (this.ready.length > 0) yield this.ready.shift()!;
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) break;
      await this.news(250);
      // No news for a while: ask the board, which either answers (still working) or times out.
      if (!this.settled && this.ready.length === 0 && Date.now() - this.lastProgress > QUIET_MS) {
        this.lastProgress = Date.now();
        conn.request({ getStatus: {} }).catch(this.fail);
      }
    }
    await sending;
    if (this.failure !== undefined) throw this.failure;
  }

  private signal(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves at the next news, or after `ms`. */
  private news(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Sends the input as InputEvents frames, several in flight, never more unconsumed events than the
   * board's FIFO holds (credits come back in OutputEvents.input_consumed).
   */
  private async sendInput(events: InputEvents, window: number): Promise<void> {
    const capacity = this.conn.info.inputFifoCapacity;
    const room = this.conn.info.maxFrameSize - MESSAGE_OVERHEAD;
    const frames: { from: number; to: number; firstStep: number; packed: Uint8Array }[] = [];
    let from = 0;
    let firstStep = 0;
    const perFrameMax = Math.max(1, Math.min(capacity >> 2, 1 << 14));
    do {
      const to = Math.min(events.count, from + perFrameMax);
      const { packed, end } = packInputEventsWithin(events, from, to, firstStep, room);
      frames.push({ from, to: end, firstStep, packed });
      if (end > from) firstStep = events.t[end - 1];
      from = end;
    } while (from < events.count);
    let streamSeq = 0;
    let sentEvents = 0;
    // Waiting for credit ends with the run: a board that died gives none, and must not keep us alive.
    const waitForCredit = async (need: number) => {
      while (this.failure === undefined && sentEvents - this.consumed + need > capacity) await this.news(50);
    };
    let next = 0;
    let failure: unknown;
    const inFlight = new Set<Promise<void>>();
    while (next < frames.length && failure === undefined) {
      const f = frames[next];
      const n = f.to - f.from;
      await waitForCredit(n);
      if (this.failure !== undefined) break;
      sentEvents += n;
      const seq = ++streamSeq;
      const last = next === frames.length - 1;
      next++;
      const p = this.conn
        .request({
          inputEvents: {
            streamSeq: seq,
            firstStep: f.firstStep,
            count: n,
            packed: f.packed,
            endOfInput: last,
          },
        })
        .then(
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

  private toSpikes(ev: CoreEvents): Spikes {
    const s = makeSpikes(this.layers, ev.count);
    const n = ev.count;
    const layerOfCore = this.layerOfCore;
    for (let i = 0; i < n; i++) {
      const core = ev.core[i];
      const layer = core < layerOfCore.length ? layerOfCore[core] : -1;
      if (layer < 0) {
        throw new SpikeforgeError(
          'PROTOCOL',
          `${this.conn.uri} sent an output event of core ${core}, which the configuration does not use`,
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
}

/**
 * One run on the board: input frames in stream order into a bounded FIFO, the chip advanced as far as
 * input, output window and (in real time) the clock allow, and the output events of the monitored
 * cores streamed reliably (stream sequence numbers, cumulative StreamAck, go-back-N retransmission).
 */
import type { ChipProfile } from '../src/chip/index.ts';
import type { Emulator } from '../src/emulator/index.ts';
import type { InputEvents, Spikes } from '../src/events/types.ts';
import { BoardError } from '../src/transport/errors.ts';
import type { CoreEvents } from '../src/transport/eventpack.ts';
import { makeCoreEvents, packCoreEvents, unpackInputEvents } from '../src/transport/eventpack.ts';
import type { Envelope, EnvelopeInit } from '../src/transport/messages.ts';
import { encodeMessage } from '../src/transport/messages.ts';
import type { Refuse } from './answers.ts';
import { u32 } from './answers.ts';
import type { Active } from './chip.ts';

/** Worst case of one packed output event (a step token and an event token of 5 bytes each). */
const MAX_PACKED_EVENT_BYTES = 10;
const REORDER_MAX = 256;

interface OutFrame {
  streamSeq: number;
  payload: Uint8Array;
  sentAt: number;
}

/** What a run needs from its board. */
export interface StreamHost {
  profile: ChipProfile;
  inputFifoCapacity: number;
  outputWindow: number;
  /** Retransmission timeout of output frames, ms. */
  outputTimeoutMs: number;
  counters: { eventsIn: number; eventsOut: number; dropped: number; retransmissions: number };
  refuse: Refuse;
  /** Sends an output frame to the session's host; false: no host holds the board. */
  send(payload: Uint8Array): boolean;
  /** Something failed inside the run (never a peer's input to throw at the board): the run ends. */
  fault(e: unknown): void;
}

/** Prepares the chip for a run: steps from 0, membranes kept or reset, the monitored cores selected. */
export function prepareChip(a: Active, keepState: boolean, monitor: number[] | undefined): void {
  const kept = keepState ? a.config.cores.map((c) => a.emulator.readState(c.layer)) : undefined;
  a.emulator.reset();
  if (kept) {
    a.config.cores.forEach((c, i) => {
      a.emulator.writeState(c.layer, kept[i]);
    });
  }
  if (monitor === undefined) {
    a.emulator.setMonitor(a.config.cores.filter((c) => c.monitor).map((c) => c.layer));
  } else {
    a.emulator.setMonitor(monitor.map((id) => a.config.cores[a.layerOfCore.get(id)!].layer));
  }
}

export class RunStream {
  readonly runId: number;
  /** Every output frame sent and acknowledged. */
  finished = false;
  /** Input events waiting in the FIFO. */
  fifoCount = 0;
  private readonly steps: number;
  private readonly realtime: boolean;
  private readonly startedAt = performance.now();
  /** Input frames by stream_seq that arrived ahead of a missing one. */
  private readonly reorder = new Map<number, { ev: InputEvents; end: boolean }>();
  private nextInputSeq = 1;
  private readonly fifo: InputEvents[] = [];
  /** Step of the last event queued into the chip (-1: none). */
  private lastInputStep: number;
  private endOfInput = false;
  private consumed = 0;
  private dropped = 0;
  private nextOutputSeq = 1;
  private readonly unacked: OutFrame[] = [];
  private readonly out: CoreEvents;
  private done = false;
  private rto: number;
  private stopped = false;
  private pumpScheduled = false;
  private retransmitTimer: NodeJS.Timeout | undefined;
  private paceTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly host: StreamHost,
    private readonly active: Active,
    start: { runId: number; steps: number; realtime: boolean; frameSize: number },
  ) {
    this.runId = start.runId;
    this.steps = start.steps;
    this.realtime = start.realtime;
    this.lastInputStep = active.emulator.step - 1;
    this.out = makeCoreEvents(Math.max(16, Math.floor((start.frameSize - 128) / MAX_PACKED_EVENT_BYTES)));
    this.rto = host.outputTimeoutMs;
    this.schedulePump();
  }

  /**
   * Runs a callback of a timer or of setImmediate: nothing thrown there may end the board process, so
   * a failure stops this run and is reported to the board instead.
   */
  private guarded(f: () => void): void {
    if (this.stopped) return;
    try {
      f();
    } catch (e) {
      this.stop();
      this.host.fault(e);
    }
  }

  /** Ends the run: no more output, no timers. */
  stop(): void {
    this.stopped = true;
    if (this.retransmitTimer) clearTimeout(this.retransmitTimer);
    if (this.paceTimer) clearTimeout(this.paceTimer);
    this.retransmitTimer = undefined;
    this.paceTimer = undefined;
  }

  onInput(m: NonNullable<Envelope['inputEvents']>): EnvelopeInit {
    const seq = u32(m.streamSeq);
    if (seq < this.nextInputSeq) return { ack: {} };
    if (seq >= this.nextInputSeq + REORDER_MAX) {
      return this.host.refuse(
        BoardError.BAD_STATE,
        `input frame ${seq} is too far ahead of ${this.nextInputSeq}`,
      );
    }
    if (!this.reorder.has(seq)) {
      let ev: InputEvents;
      try {
        ev = unpackInputEvents(m.packed ?? new Uint8Array(0), u32(m.firstStep), u32(m.count));
      } catch (e) {
        return this.host.refuse(BoardError.BAD_REQUEST, `input frame ${seq}: ${(e as Error).message}`);
      }
      this.reorder.set(seq, { ev, end: m.endOfInput ?? false });
    }
    while (this.reorder.has(this.nextInputSeq)) {
      const f = this.reorder.get(this.nextInputSeq)!;
      this.reorder.delete(this.nextInputSeq);
      this.nextInputSeq++;
      this.enqueue(f.ev);
      if (f.end) this.endOfInput = true;
    }
    this.schedulePump();
    return { ack: {} };
  }

  onStreamAck(seq: number): void {
    let n = 0;
    while (n < this.unacked.length && this.unacked[n].streamSeq <= seq) n++;
    if (n > 0) {
      this.unacked.splice(0, n);
      this.rto = this.host.outputTimeoutMs;
      if (this.done && this.unacked.length === 0) this.finished = true;
      this.schedulePump();
    } else if (this.unacked.length > 0 && seq + 1 === this.unacked[0].streamSeq) {
      // The host repeats its last ack: it is missing the next frame. Resend once the line is quiet.
      if (performance.now() - this.unacked[0].sentAt > 20) this.resendUnacked();
    }
  }

  /** Into the bounded FIFO: what does not fit is dropped and counted, never buffered without bound. */
  private enqueue(ev: InputEvents): void {
    const counters = this.host.counters;
    counters.eventsIn += ev.count;
    const room = this.host.inputFifoCapacity - this.fifoCount;
    let keep = ev;
    if (ev.count > room) {
      const lost = ev.count - room;
      this.dropped += lost;
      counters.dropped += lost;
      keep = slice(ev, 0, room);
    }
    // Events before the chip's current step can no longer be applied: dropped, counted.
    let from = 0;
    const floor = Math.max(this.active.emulator.step, this.lastInputStep);
    while (from < keep.count && keep.t[from] < floor) from++;
    if (from > 0) {
      this.dropped += from;
      counters.dropped += from;
    }
    if (from === keep.count) return;
    const part = from === 0 ? keep : slice(keep, from, keep.count);
    this.fifo.push(part);
    this.fifoCount += part.count;
    this.lastInputStep = part.t[part.count - 1];
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.guarded(() => this.pump());
    });
  }

  /**
   * Advances the chip as far as the input allows (all events of a step must be in before it runs), the
   * output window allows (backpressure), and in real-time mode the clock allows.
   */
  private pump(): void {
    if (this.stopped || this.finished) return;
    const emu = this.active.emulator;
    const window = this.host.outputWindow;
    const lastStep =
      this.steps > 0
        ? this.steps
        : this.endOfInput
          ? Math.max(emu.step, this.lastInputStep + 1)
          : Number.POSITIVE_INFINITY;
    // Steps before the last queued event's step are complete; at end of input everything is.
    let target = this.endOfInput ? lastStep : Math.min(lastStep, this.lastInputStep);
    if (this.realtime) target = this.paced(target);
    // Work in slices so acks and input keep flowing while the chip computes.
    const slice = this.realtime ? 1 : 64;
    let budget = 8;
    while (emu.step < target && this.unacked.length < window && budget-- > 0) {
      const end = Math.min(target, emu.step + slice);
      this.feedFifo(emu, end);
      // Step by step, so a full output window stops the chip within one step's output.
      while (emu.step < end && this.unacked.length < window) {
        emu.advance(emu.step + 1, (batch) => this.collect(batch));
      }
      this.flushOutput(false, emu.step - 1);
    }
    if (emu.step >= lastStep && !this.done && this.unacked.length < window) {
      this.done = true;
      this.flushOutput(true, lastStep - 1);
    }
    if (!this.done && emu.step < target && this.unacked.length < window) this.schedulePump();
    if (this.done && this.unacked.length === 0) this.finished = true;
  }

  /** The step the clock allows (real time); arms the pace timer when that holds the chip back. */
  private paced(target: number): number {
    const due = Math.floor(((performance.now() - this.startedAt) * 1000) / this.host.profile.stepMicros);
    if (due >= target) return target;
    if (!this.paceTimer) {
      this.paceTimer = setTimeout(
        () => {
          this.paceTimer = undefined;
          this.guarded(() => this.schedulePump());
        },
        Math.max(1, this.host.profile.stepMicros / 1000),
      );
    }
    return due;
  }

  /** Moves queued events of steps below `toStep` into the chip. */
  private feedFifo(emu: Emulator, toStep: number): void {
    while (this.fifo.length > 0) {
      const ev = this.fifo[0];
      let n = 0;
      while (n < ev.count && ev.t[n] < toStep) n++;
      if (n === 0) return;
      if (n === ev.count) {
        emu.feed(ev);
        this.fifo.shift();
      } else {
        emu.feed(slice(ev, 0, n));
        this.fifo[0] = slice(ev, n, ev.count);
      }
      this.fifoCount -= n;
      this.consumed += n;
    }
  }

  private collect(batch: Spikes): void {
    const out = this.out;
    const coreOfLayer = this.active.coreOfLayer;
    for (let i = 0; i < batch.count; i++) {
      if (out.count === out.t.length) this.flushOutput(false, batch.t[i] - 1);
      const k = out.count++;
      out.t[k] = batch.t[i];
      out.core[k] = coreOfLayer[batch.layer[i]];
      out.c[k] = batch.c[i];
      out.y[k] = batch.y[i];
      out.x[k] = batch.x[i];
    }
  }

  /** Sends the collected events as one OutputEvents frame (also an empty one: it reports progress). */
  private flushOutput(end: boolean, lastStep: number): void {
    const out = this.out;
    const firstStep = out.count > 0 ? out.t[0] : Math.max(0, lastStep);
    const streamSeq = this.nextOutputSeq++;
    const payload = encodeMessage({
      seq: 0,
      outputEvents: {
        streamSeq,
        firstStep,
        count: out.count,
        packed: packCoreEvents(out, 0, out.count, firstStep),
        endOfRun: end,
        lastStep: Math.max(0, lastStep),
        inputConsumed: this.consumed,
        dropped: this.dropped,
        runId: this.runId,
      },
    });
    this.host.counters.eventsOut += out.count;
    out.count = 0;
    this.unacked.push({ streamSeq, payload, sentAt: performance.now() });
    this.host.send(payload);
    this.armRetransmit();
  }

  private armRetransmit(): void {
    if (this.retransmitTimer || this.stopped || this.unacked.length === 0) return;
    this.retransmitTimer = setTimeout(() => {
      this.retransmitTimer = undefined;
      this.guarded(() => {
        if (this.stopped || this.unacked.length === 0) return;
        if (performance.now() - this.unacked[0].sentAt >= this.rto) {
          // Go-back-N: everything not acknowledged goes again, in order.
          if (!this.resendUnacked()) return;
          this.rto = Math.min(this.rto * 2, 2000);
        }
        this.armRetransmit();
      });
    }, this.rto);
  }

  /**
   * The host is back (a session resumed on a new link): its acknowledgement says what arrived and the
   * rest goes again; without one, the retransmission timer resends what is unacknowledged.
   */
  resume(): void {
    this.rto = this.host.outputTimeoutMs;
    this.guarded(() => {
      this.armRetransmit();
      this.schedulePump();
    });
  }

  /** false: no host to send to. */
  private resendUnacked(): boolean {
    const now = performance.now();
    for (const f of this.unacked) {
      f.sentAt = now;
      if (!this.host.send(f.payload)) return false;
      this.host.counters.retransmissions++;
    }
    return true;
  }
}

function slice(ev: InputEvents, from: number, to: number): InputEvents {
  return {
    count: to - from,
    t: ev.t.subarray(from, to),
    c: ev.c.subarray(from, to),
    y: ev.y.subarray(from, to),
    x: ev.x.subarray(from, to),
  };
}

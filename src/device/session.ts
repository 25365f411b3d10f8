/**
 * The host half of the request/response layer (PROTOCOL.md "Reliability"): every request carries a
 * sequence number, is retransmitted byte for byte with exponential backoff until its answer arrives,
 * and answers to requests nobody waits for any more (duplicates, stale replays) are dropped. The board
 * replays its cached answer for a retransmitted request, so a request is applied at most once.
 */
import { SpikeforgeError } from '../errors.ts';
import { boardErrorName, errorFromBoard } from '../transport/errors.ts';
import { FramedLink } from '../transport/framing.ts';
import type { Envelope, EnvelopeInit } from '../transport/messages.ts';
import { decodeMessage, encodeMessage } from '../transport/messages.ts';
import type { Transport } from '../transport/types.ts';

export type RequestBody = Omit<EnvelopeInit, 'seq'>;

export interface SessionOptions {
  /** First wait for an answer, ms (default 300). Doubled at each retransmission up to `maxTimeoutMs`. */
  timeoutMs?: number;
  /** Longest wait between two retransmissions, ms (default 2000). */
  maxTimeoutMs?: number;
  /**
   * Retransmissions before giving up with 'TIMEOUT' when the board is silent (default 6). While the
   * board is heard from (any intact frame within the last `maxTimeoutMs` * 2), a request keeps being
   * retransmitted, up to `retries` * 8 attempts: a lossy link that still carries answers slows down,
   * it does not fail.
   */
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

interface Pending {
  seq: number;
  what: string;
  frame: Uint8Array;
  resolve: (env: Envelope) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
  attempt: number;
  timeout: number;
  /** Told the attempts it took once the answer arrived. */
  onAnswered?: (attempts: number) => void;
}

/** Requests a message kind from a body: `{ configChunk: … }` -> `configChunk`. */
export function kindOf(body: RequestBody): string {
  for (const [k, v] of Object.entries(body)) if (v !== undefined && v !== null) return k;
  return 'empty';
}

export class Session {
  readonly link: FramedLink;
  readonly stats: SessionStats = {
    bytesOut: 0,
    bytesIn: 0,
    requests: 0,
    retransmissions: 0,
    duplicates: 0,
    badFrames: 0,
  };
  private nextSeq = 1;
  /** When (performance.now()) the last intact frame came from the board (-Infinity: never). */
  private lastHeard = Number.NEGATIVE_INFINITY;
  private readonly pending = new Map<number, Pending>();
  private unsolicited: (env: Envelope) => void = () => {};
  private closedWith: SpikeforgeError | undefined;
  private readonly closeListeners: ((e: SpikeforgeError) => void)[] = [];
  private readonly timeoutMs: number;
  private readonly maxTimeoutMs: number;
  private readonly retries: number;

  constructor(
    readonly transport: Transport,
    options: SessionOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 300;
    this.maxTimeoutMs = options.maxTimeoutMs ?? 2000;
    this.retries = options.retries ?? 6;
    this.link = new FramedLink(this.counted(transport), { maxFrameSize: options.maxFrameSize });
    // Sequence numbers start at a random point so a board that still caches answers of a previous
    // session on this link never matches one of ours.
    this.nextSeq = 1 + Math.floor(Math.random() * 0x3fffffff);
    this.link.onFrame((payload) => this.onFrame(payload));
    this.link.onClose((error) =>
      this.fail(
        new SpikeforgeError(
          'DISCONNECTED',
          `the link to ${transport.uri} closed${error ? `: ${error.message}` : ''}`,
          {
            hint: 'check the cable / the board (or the simulator) and open the device again',
            cause: error,
          },
        ),
      ),
    );
  }

  get isOpen(): boolean {
    return this.closedWith === undefined && this.transport.isOpen;
  }

  /** The transport with its bytes counted in `stats`. */
  private counted(t: Transport): Transport {
    const stats = this.stats;
    return {
      uri: t.uri,
      get isOpen() {
        return t.isOpen;
      },
      write: (data) => {
        stats.bytesOut += data.length;
        return t.write(data);
      },
      onData: (listener) =>
        t.onData((chunk) => {
          stats.bytesIn += chunk.length;
          listener(chunk);
        }),
      onClose: (listener) => t.onClose(listener),
      close: () => t.close(),
    };
  }

  /**
   * The receiver of messages the board sends on its own (seq 0: output events, status pushes); it
   * replaces the current one until unsubscribed, which puts the previous one back.
   */
  onUnsolicited(listener: (env: Envelope) => void): () => void {
    const previous = this.unsolicited;
    this.unsolicited = listener;
    return () => {
      if (this.unsolicited === listener) this.unsolicited = previous;
    };
  }

  /** Called once when the session ends for good (link closed or `close()`); returns its unsubscribe. */
  onClose(listener: (e: SpikeforgeError) => void): () => void {
    if (this.closedWith) {
      listener(this.closedWith);
      return () => {};
    }
    this.closeListeners.push(listener);
    return () => {
      const i = this.closeListeners.indexOf(listener);
      if (i >= 0) this.closeListeners.splice(i, 1);
    };
  }

  /** Largest frame payload accepted from the board (raised after DeviceInfo). */
  set maxFrameSize(n: number) {
    this.link.decoder.maxFrameSize = n;
  }

  /**
   * Sends a request and resolves with its answer. An `error` answer rejects with the board's code and
   * message (usually 'DEVICE_ERROR'); no answer after every retransmission rejects with 'TIMEOUT'.
   */
  request(
    body: RequestBody,
    options: { timeoutMs?: number; retries?: number; onAnswered?: (attempts: number) => void } = {},
  ): Promise<Envelope> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const seq = this.nextSeq;
    this.nextSeq = this.nextSeq >= 0xfffffffe ? 1 : this.nextSeq + 1;
    const frame = encodeMessage({ ...body, seq });
    this.stats.requests++;
    return new Promise<Envelope>((resolve, reject) => {
      const p: Pending = {
        seq,
        what: kindOf(body),
        frame,
        resolve,
        reject,
        attempt: 0,
        timeout: options.timeoutMs ?? this.timeoutMs,
        onAnswered: options.onAnswered,
      };
      this.pending.set(seq, p);
      this.transmit(p, options.retries ?? this.retries);
    });
  }

  /** Sends a message that gets no answer (seq 0), e.g. StreamAck. Loss is the caller's business. */
  async notify(body: RequestBody): Promise<void> {
    if (this.closedWith) throw this.closedWith;
    await this.link.send(encodeMessage({ ...body, seq: 0 }));
  }

  /** Ends the session: pending requests reject with 'DISCONNECTED', the transport closes. */
  async close(): Promise<void> {
    this.fail(new SpikeforgeError('DISCONNECTED', `the session with ${this.transport.uri} was closed`));
    if (this.transport.isOpen) await this.transport.close();
  }

  private transmit(p: Pending, retries: number): void {
    // The timer starts once the bytes are on the link: a slow (paced) serial line is not a lost answer.
    this.link.send(p.frame).then(
      () => {
        if (!this.pending.has(p.seq)) return;
        p.timer = setTimeout(() => {
          if (!this.pending.has(p.seq)) return;
          // A silent board after `retries`, a board that answers others but never this one after far more.
          const heard = performance.now() - this.lastHeard < 2 * this.maxTimeoutMs;
          if (p.attempt >= (heard ? retries * 8 : retries)) {
            this.pending.delete(p.seq);
            p.reject(
              new SpikeforgeError(
                'TIMEOUT',
                `${this.transport.uri} did not answer ${p.what} (seq ${p.seq}) after ${p.attempt + 1} attempts`,
                { hint: 'is the board powered, running spikeforge firmware, and on this port/address?' },
              ),
            );
            return;
          }
          p.attempt++;
          p.timeout = Math.min(p.timeout * 2, this.maxTimeoutMs);
          this.stats.retransmissions++;
          this.transmit(p, retries);
        }, p.timeout);
      },
      (e: unknown) => {
        if (!this.pending.delete(p.seq)) return;
        p.reject(
          this.closedWith ??
            new SpikeforgeError(
              'DISCONNECTED',
              `could not write to ${this.transport.uri}: ${(e as Error).message}`,
              {
                cause: e,
              },
            ),
        );
      },
    );
  }

  private onFrame(payload: Uint8Array): void {
    let env: Envelope;
    try {
      env = decodeMessage(payload);
    } catch {
      this.stats.badFrames++;
      return;
    }
    this.lastHeard = performance.now();
    if (env.seq === 0) {
      this.unsolicited(env);
      return;
    }
    const p = this.pending.get(env.seq);
    if (!p) {
      this.stats.duplicates++;
      return;
    }
    this.pending.delete(env.seq);
    if (p.timer) clearTimeout(p.timer);
    p.onAnswered?.(p.attempt + 1);
    if (env.error) {
      p.reject(
        errorFromBoard(env.error.code ?? 0, env.error.message ?? '', `${this.transport.uri} (${p.what})`),
      );
      return;
    }
    if (env.nack) {
      p.reject(
        new SpikeforgeError(
          'DEVICE_ERROR',
          `${this.transport.uri} refused ${p.what}: ${env.nack.reason ?? ''}`,
          {
            details: [`board answer: Nack (${boardErrorName(0)})`],
          },
        ),
      );
      return;
    }
    p.resolve(env);
  }

  private fail(e: SpikeforgeError): void {
    if (this.closedWith) return;
    this.closedWith = e;
    for (const p of this.pending.values()) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
    for (const l of [...this.closeListeners]) l(e);
  }
}

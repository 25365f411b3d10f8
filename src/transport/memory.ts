/**
 * In-process links: a connected pair of transports (tests, the in-process simulated board) and a
 * fault injector that wraps any transport (drops, bit flips, duplicates, a pulled cable). Faults are
 * drawn from a seeded PRNG so a failing test replays exactly.
 */
import { SpikeforgeError } from '../errors.ts';
import { seededRandom } from '../util/random.ts';
import { BaseTransport } from './base.ts';
import type { Transport } from './types.ts';

export { seededRandom };

export interface Faults {
  /** Probability that a write (or a received chunk) is lost entirely. */
  drop?: number;
  /** Probability that one random bit of a write (or a received chunk) is flipped. */
  corrupt?: number;
  /** Probability that a write (or a received chunk) arrives twice. */
  duplicate?: number;
  /** Close the link once this many bytes crossed it (both directions counted). */
  disconnectAfter?: number;
  /** Seed of the fault PRNG (default 1). */
  seed?: number;
  /** Which way the drop/corrupt/duplicate faults apply (default both). */
  direction?: 'write' | 'read' | 'both';
}

/** What happens to one block of bytes under `faults`: delivered 0, 1 or 2 times, maybe with a flipped bit. */
function applyFaults(data: Uint8Array, faults: Faults, random: () => number): Uint8Array[] {
  if (faults.drop !== undefined && faults.drop > 0 && random() < faults.drop) return [];
  let out = data;
  if (faults.corrupt !== undefined && faults.corrupt > 0 && random() < faults.corrupt && data.length > 0) {
    out = data.slice();
    const bit = Math.floor(random() * data.length * 8);
    out[bit >> 3] ^= 1 << (bit & 7);
  }
  if (faults.duplicate !== undefined && faults.duplicate > 0 && random() < faults.duplicate)
    return [out, out];
  return [out];
}

function closedError(uri: string): SpikeforgeError {
  return new SpikeforgeError('DISCONNECTED', `${uri}: the link is closed`, {
    hint: 'open the device again',
  });
}

export interface MemoryPairOptions {
  /** Faults on every write, in both directions (each direction has its own PRNG stream). */
  faults?: Omit<Faults, 'direction' | 'disconnectAfter'>;
  /** Split each write into random-sized chunks, as a serial port or a socket would deliver it. */
  chunking?: boolean;
}

/** One end of an in-memory link. */
class MemoryEnd extends BaseTransport {
  peer!: MemoryEnd;

  constructor(
    readonly uri: string,
    private readonly faults: MemoryPairOptions['faults'],
    private readonly chunking: boolean,
    private readonly random: () => number,
  ) {
    super();
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.isOpen) throw closedError(this.uri);
    const copy = data.slice();
    const blocks = this.faults ? applyFaults(copy, this.faults, this.random) : [copy];
    for (const block of blocks) {
      if (!this.chunking || block.length < 2) {
        this.peer.deliverLater(block);
        continue;
      }
      let at = 0;
      while (at < block.length) {
        const n = 1 + Math.floor(this.random() * Math.min(block.length - at, 64));
        this.peer.deliverLater(block.subarray(at, at + n));
        at += n;
      }
    }
  }

  async close(): Promise<void> {
    if (!this.ended(undefined)) return;
    const peer = this.peer;
    // The peer hears of it after the bytes already in flight to it.
    setImmediate(() => peer.ended(closedError(peer.uri)));
  }

  /** Delivery is asynchronous, like any real link: a write never re-enters the writer's own stack. */
  private deliverLater(chunk: Uint8Array): void {
    setImmediate(() => {
      if (this.isOpen) this.received(chunk);
    });
  }
}

/** Two connected transports: what one writes, the other receives. */
export function createMemoryPair(options: MemoryPairOptions = {}): { host: Transport; board: Transport } {
  const seed = options.faults?.seed ?? 1;
  const chunking = options.chunking ?? false;
  const host = new MemoryEnd('memory:host', options.faults, chunking, seededRandom(seed));
  const board = new MemoryEnd('memory:board', options.faults, chunking, seededRandom(seed + 0x9e3779b9));
  host.peer = board;
  board.peer = host;
  return { host, board };
}

/** Counters of what a fault wrapper did, for tests and the board's status. */
export interface FaultStats {
  bytesWritten: number;
  bytesRead: number;
  dropped: number;
  corrupted: number;
  duplicated: number;
  disconnected: boolean;
}

class FaultyTransport extends BaseTransport {
  readonly stats: FaultStats = {
    bytesWritten: 0,
    bytesRead: 0,
    dropped: 0,
    corrupted: 0,
    duplicated: 0,
    disconnected: false,
  };
  private readonly random: () => number;

  constructor(
    private readonly inner: Transport,
    private readonly faults: Faults,
    private readonly onFault?: (line: string) => void,
  ) {
    super();
    this.random = seededRandom(faults.seed ?? 1);
    inner.onData((chunk) => this.receive(chunk));
    inner.onClose((error) => {
      // A pulled cable is not a close() by the user: report it as the disconnect it simulates.
      if (error === undefined && this.stats.disconnected) {
        error = new SpikeforgeError(
          'DISCONNECTED',
          `${inner.uri}: link lost after ${this.stats.bytesWritten + this.stats.bytesRead} bytes (injected fault disconnect-after)`,
        );
      }
      this.ended(error);
    });
  }

  get uri(): string {
    return this.inner.uri;
  }

  override get isOpen(): boolean {
    return this.inner.isOpen;
  }

  async write(data: Uint8Array): Promise<void> {
    const allowed = this.budget(data.length);
    const part = allowed < data.length ? data.subarray(0, allowed) : data;
    this.stats.bytesWritten += part.length;
    const blocks = this.applies('write') ? this.fault(part, 'sent') : [part];
    for (const b of blocks) if (b.length > 0) await this.inner.write(b);
    if (allowed < data.length) await this.pullCable();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private receive(chunk: Uint8Array): void {
    if (this.stats.disconnected) return;
    const allowed = this.budget(chunk.length);
    const part = allowed < chunk.length ? chunk.subarray(0, allowed) : chunk;
    this.stats.bytesRead += part.length;
    const blocks = this.applies('read') ? this.fault(part, 'received') : [part];
    for (const b of blocks) if (b.length > 0) this.received(b);
    if (allowed < chunk.length) void this.pullCable();
  }

  private applies(way: 'write' | 'read'): boolean {
    const d = this.faults.direction ?? 'both';
    return d === 'both' || d === way;
  }

  /** How many of `n` bytes may still cross before the cable is pulled. */
  private budget(n: number): number {
    const limit = this.faults.disconnectAfter;
    if (limit === undefined) return n;
    const used = this.stats.bytesWritten + this.stats.bytesRead;
    return Math.max(0, Math.min(n, limit - used));
  }

  private fault(data: Uint8Array, way: 'sent' | 'received'): Uint8Array[] {
    const blocks = applyFaults(data, this.faults, this.random);
    const what = `${data.length} bytes ${way}`;
    if (blocks.length === 0) {
      this.stats.dropped++;
      this.onFault?.(`fault: dropped ${what}`);
    } else {
      if (blocks[0] !== data) {
        this.stats.corrupted++;
        this.onFault?.(`fault: flipped a bit of ${what}`);
      }
      if (blocks.length === 2) {
        this.stats.duplicated++;
        this.onFault?.(`fault: duplicated ${what}`);
      }
    }
    return blocks;
  }

  private async pullCable(): Promise<void> {
    if (this.stats.disconnected) return;
    this.stats.disconnected = true;
    this.onFault?.(
      `fault: pulled the cable after ${this.stats.bytesWritten + this.stats.bytesRead} bytes (disconnect-after)`,
    );
    await this.inner.close();
  }
}

/**
 * Wraps a transport with faults. Used by tests and by the simulated board's
 * `--fault drop=…,corrupt=…,dup=…,disconnect-after=N`.
 */
export function withFaults(
  transport: Transport,
  faults: Faults,
  /** Told each fault as it is injected, one line each. */
  onFault?: (line: string) => void,
): Transport & { readonly stats: FaultStats } {
  return new FaultyTransport(transport, faults, onFault);
}

/** Parses `drop=0.01,corrupt=0.01,dup=0.01,disconnect-after=5000,seed=7` (the board's `--fault`). */
export function parseFaults(spec: string): Faults {
  const faults: Faults = {};
  for (const item of spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const [key, value] = item.split('=');
    const n = Number(value);
    const bad = (what: string) =>
      new SpikeforgeError('USAGE', `fault "${item}": ${what}`, {
        hint: 'use drop=P,corrupt=P,dup=P,disconnect-after=BYTES,seed=N,direction=write|read|both (P in [0,1])',
      });
    switch (key) {
      case 'drop':
      case 'corrupt':
      case 'dup':
      case 'duplicate':
        if (value === undefined || !(n >= 0 && n <= 1)) throw bad('expected a probability in [0, 1]');
        faults[key === 'dup' ? 'duplicate' : key] = n;
        break;
      case 'disconnect-after':
      case 'seed':
        if (value === undefined || !Number.isInteger(n) || n < 0)
          throw bad('expected a non-negative integer');
        if (key === 'seed') faults.seed = n;
        else faults.disconnectAfter = n;
        break;
      case 'direction':
        if (value !== 'write' && value !== 'read' && value !== 'both')
          throw bad('expected write, read or both');
        faults.direction = value;
        break;
      default:
        throw bad(`unknown fault "${key}"`);
    }
  }
  return faults;
}

/** The lifecycle every link shares: queued bytes until a listener, one close notice, isOpen. */
import { describe, expect, it } from 'vitest';
import { BaseTransport } from '../../src/transport/base.ts';
import { createMemoryPair } from '../../src/transport/memory.ts';
import { seededRandom } from '../../src/util/random.ts';

class Loop extends BaseTransport {
  readonly uri = 'loop:';
  async write(data: Uint8Array): Promise<void> {
    this.received(data);
  }
  async close(): Promise<void> {
    if (this.beginClose()) this.ended(undefined);
  }
  lose(e: Error): boolean {
    return this.ended(e);
  }
}

describe('BaseTransport', () => {
  it('keeps bytes that arrive before a listener and hands them over in order', async () => {
    const t = new Loop();
    await t.write(Uint8Array.of(1));
    await t.write(Uint8Array.of(2, 3));
    const got: number[] = [];
    t.onData((c) => got.push(...c));
    await t.write(Uint8Array.of(4));
    expect(got).toEqual([1, 2, 3, 4]);
  });

  it('registrations return their unsubscribe: bytes wait for the next listener, a removed close listener hears nothing', async () => {
    const t = new Loop();
    const first: number[] = [];
    const off = t.onData((c) => first.push(...c));
    await t.write(Uint8Array.of(1));
    off();
    await t.write(Uint8Array.of(2));
    const second: number[] = [];
    t.onData((c) => second.push(...c));
    off(); // a stale unsubscribe leaves the newer listener alone
    await t.write(Uint8Array.of(3));
    expect(first).toEqual([1]);
    expect(second).toEqual([2, 3]);
    const closes: string[] = [];
    t.onClose(() => closes.push('removed'))();
    await t.close();
    expect(closes).toEqual([]);
  });

  it('tells the close listener once, with the error only when the link was lost', async () => {
    const closes: (Error | undefined)[] = [];
    const t = new Loop();
    t.onClose((e) => closes.push(e));
    expect(t.isOpen).toBe(true);
    await t.close();
    await t.close();
    expect(t.lose(new Error('late'))).toBe(false);
    expect(t.isOpen).toBe(false);
    expect(closes).toEqual([undefined]);

    const lost = new Loop();
    const errors: (Error | undefined)[] = [];
    lost.onClose((e) => errors.push(e));
    expect(lost.lose(new Error('cable'))).toBe(true);
    await lost.close();
    expect(errors.map((e) => e?.message)).toEqual(['cable']);
  });

  it('memory links: closing one end closes the other with an error, each once', async () => {
    const { host, board } = createMemoryPair();
    const seen: string[] = [];
    host.onClose((e) => seen.push(`host ${e ? 'error' : 'closed'}`));
    board.onClose((e) => seen.push(`board ${e ? 'error' : 'closed'}`));
    await host.close();
    await host.close();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['host closed', 'board error']);
    expect(board.isOpen).toBe(false);
    await expect(board.write(Uint8Array.of(1))).rejects.toThrow(/closed/);
  });
});

describe('seededRandom', () => {
  it('replays the same sequence for a seed, in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(100);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });
});

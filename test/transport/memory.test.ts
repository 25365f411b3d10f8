import { describe, expect, it } from 'vitest';
import { isSpikeforgeError } from '../../src/errors.ts';
import { encodeFrame, FramedLink } from '../../src/transport/framing.ts';
import { createMemoryPair, parseFaults, withFaults } from '../../src/transport/memory.ts';
import type { Transport } from '../../src/transport/types.ts';

function collect(t: Transport): { bytes: () => Uint8Array; chunks: Uint8Array[] } {
  const chunks: Uint8Array[] = [];
  t.onData((c) => chunks.push(c));
  return {
    chunks,
    bytes: () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('memory pair', () => {
  it('delivers bytes in order both ways, asynchronously, in chunks when asked', async () => {
    const { host, board } = createMemoryPair({ chunking: true, faults: { seed: 3 } });
    const atBoard = collect(board);
    const atHost = collect(host);
    const data = new Uint8Array(1000).map((_, i) => i & 0xff);
    await host.write(data);
    expect(atBoard.chunks.length).toBe(0); // never re-enters the writer's stack
    await board.write(new Uint8Array([9, 8, 7]));
    await tick();
    expect(atBoard.bytes()).toEqual(data);
    expect(atBoard.chunks.length).toBeGreaterThan(1);
    expect(atHost.bytes()).toEqual(new Uint8Array([9, 8, 7]));
  });

  it('keeps bytes that arrive before a listener is registered', async () => {
    const { host, board } = createMemoryPair();
    await host.write(new Uint8Array([1, 2]));
    await tick();
    const got = collect(board);
    expect(got.bytes()).toEqual(new Uint8Array([1, 2]));
  });

  it('closing one end closes the other with a DISCONNECTED error, and writes then reject', async () => {
    const { host, board } = createMemoryPair();
    const closes: (Error | undefined)[] = [];
    host.onClose((e) => closes.push(e));
    const boardClosed = new Promise<Error | undefined>((r) => board.onClose(r));
    await host.close();
    const err = await boardClosed;
    expect(closes).toEqual([undefined]);
    expect(isSpikeforgeError(err) && err.code === 'DISCONNECTED').toBe(true);
    expect(board.isOpen).toBe(false);
    await expect(host.write(new Uint8Array([1]))).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('injects drops, bit flips and duplicates per write, the same for the same seed', async () => {
    const run = async (seed: number) => {
      const { host, board } = createMemoryPair({ faults: { drop: 0.2, corrupt: 0.2, duplicate: 0.2, seed } });
      const link = new FramedLink(board);
      const got: number[] = [];
      link.onFrame((p) => got.push(p[0] | (p[1] << 8)));
      for (let i = 0; i < 300; i++)
        await host.write(encodeFrame(new Uint8Array([i & 0xff, i >> 8, 0, 1, 2])));
      await tick();
      return { got, stats: { ...link.stats } };
    };
    const a = await run(42);
    const b = await run(42);
    expect(a).toEqual(b);
    const unique = new Set(a.got);
    expect(unique.size).toBeLessThan(300); // drops and corruption lost some
    expect(unique.size).toBeGreaterThan(150);
    expect(a.got.length).toBeGreaterThan(unique.size); // duplicates arrived
    expect(a.stats.crcErrors + a.stats.malformed).toBeGreaterThan(0);
    for (const v of a.got) expect(v).toBeLessThan(300); // nothing corrupted was accepted
  });
});

describe('withFaults', () => {
  it('pulls the cable after N bytes: the rest never arrives, both ends see the close', async () => {
    const { host, board } = createMemoryPair();
    const faulty = withFaults(board, { disconnectAfter: 10 });
    const atHost = collect(host);
    const atBoard = collect(faulty);
    const hostClosed = new Promise<Error | undefined>((r) => host.onClose(r));
    const boardClosed = new Promise<Error | undefined>((r) => faulty.onClose(r));
    await host.write(new Uint8Array([1, 2, 3, 4, 5, 6]));
    await tick();
    await faulty.write(new Uint8Array([10, 11, 12, 13, 14, 15]));
    const e = await boardClosed;
    expect(isSpikeforgeError(e) && e.code === 'DISCONNECTED').toBe(true);
    expect((await hostClosed) instanceof Error).toBe(true);
    await tick();
    expect(atBoard.bytes()).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6]));
    expect(atHost.bytes()).toEqual(new Uint8Array([10, 11, 12, 13]));
    expect(faulty.stats.disconnected).toBe(true);
  });

  it('applies faults to one direction only when asked, and counts them', async () => {
    const { host, board } = createMemoryPair();
    const faulty = withFaults(board, { drop: 1, direction: 'write' });
    const atHost = collect(host);
    const atBoard = collect(faulty);
    await faulty.write(new Uint8Array([1]));
    await host.write(new Uint8Array([2]));
    await tick();
    expect(atHost.chunks.length).toBe(0);
    expect(atBoard.bytes()).toEqual(new Uint8Array([2]));
    expect(faulty.stats.dropped).toBe(1);
  });

  it('parses the board --fault syntax and names what is wrong', () => {
    expect(parseFaults('drop=0.01,corrupt=0.02,dup=0.03,disconnect-after=5000,seed=7')).toEqual({
      drop: 0.01,
      corrupt: 0.02,
      duplicate: 0.03,
      disconnectAfter: 5000,
      seed: 7,
    });
    expect(() => parseFaults('drop=2')).toThrow(/drop=2.*probability/);
    expect(() => parseFaults('jitter=1')).toThrow(/unknown fault "jitter"/);
  });
});

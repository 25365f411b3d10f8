import { describe, expect, it } from 'vitest';
import { isSpikeforgeError } from '../../src/errors.ts';
import { FramedLink } from '../../src/transport/framing.ts';
import { openTcp, serveTcp } from '../../src/transport/tcp.ts';
import type { Transport } from '../../src/transport/types.ts';

describe('TCP transport (loopback)', () => {
  it('carries frames both ways between openTcp and serveTcp, large writes included', async () => {
    let boardSide: Transport | undefined;
    const server = await serveTcp({
      port: 0,
      onTransport: (t) => {
        boardSide = t;
        // An echo board: every frame goes back reversed.
        const link = new FramedLink(t);
        link.onFrame((p) => void link.send(p.slice().reverse()));
      },
    });
    expect(server.port).toBeGreaterThan(0);
    const host = await openTcp('127.0.0.1', server.port);
    expect(host.uri).toBe(`tcp:127.0.0.1:${server.port}`);
    const link = new FramedLink(host);
    const got: Uint8Array[] = [];
    const all = new Promise<void>((r) =>
      link.onFrame((p) => {
        got.push(p);
        if (got.length === 3) r();
      }),
    );
    const big = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
    await link.sendMany([new Uint8Array([1, 2, 3]), big]);
    await link.send(new Uint8Array(0));
    await all;
    expect(Array.from(got[0])).toEqual([3, 2, 1]);
    expect(Array.from(got[1])).toEqual(Array.from(big).reverse());
    expect(got[2].length).toBe(0);
    expect(boardSide?.isOpen).toBe(true);

    const hostClosed = new Promise<Error | undefined>((r) => host.onClose(r));
    await server.close(); // the board goes away: the host sees a DISCONNECTED close
    const e = await hostClosed;
    expect(isSpikeforgeError(e) && e.code === 'DISCONNECTED').toBe(true);
    expect(host.isOpen).toBe(false);
    await expect(host.write(new Uint8Array([1]))).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('a close() by the host is a clean close on its side and a DISCONNECTED on the board', async () => {
    let boardClosed: Promise<Error | undefined> = Promise.resolve(undefined);
    const server = await serveTcp({
      onTransport: (t) => {
        boardClosed = new Promise((r) => t.onClose(r));
      },
    });
    const host = await openTcp('127.0.0.1', server.port);
    const closes: (Error | undefined)[] = [];
    host.onClose((e) => closes.push(e));
    await new Promise((r) => setTimeout(r, 20));
    await host.close();
    expect(closes).toEqual([undefined]);
    const e = await boardClosed;
    expect(isSpikeforgeError(e) && e.code === 'DISCONNECTED').toBe(true);
    await server.close();
  });

  it('names the address and says what to start when nothing listens', async () => {
    const server = await serveTcp({ onTransport: () => {} });
    const port = server.port;
    await server.close();
    const err = await openTcp('127.0.0.1', port).catch((e: unknown) => e);
    expect(isSpikeforgeError(err) && err.code).toBe('DEVICE_NOT_FOUND');
    expect(String((err as Error).message)).toContain(`tcp:127.0.0.1:${port}`);
    expect(isSpikeforgeError(err) && err.hint).toMatch(/spikeforge sim/);
  });
});

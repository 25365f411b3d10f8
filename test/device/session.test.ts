/**
 * The request layer over the in-memory link: retransmission with backoff, duplicate suppression (the
 * board replays cached answers, the host drops stale ones), clear errors when it gives up.
 */
import { describe, expect, it } from 'vitest';
import { Board } from '../../firmware-sim/board.ts';
import { Session } from '../../src/device/session.ts';
import { SpikeforgeError } from '../../src/errors.ts';
import { createMemoryPair, withFaults } from '../../src/transport/memory.ts';
import { PROTOCOL_VERSION } from '../../src/transport/messages.ts';

const hello = (sessionId = 7) => ({
  hello: { protocolMin: PROTOCOL_VERSION, protocolMax: PROTOCOL_VERSION, host: 'test', sessionId },
});

describe('Session', () => {
  it('gives up with TIMEOUT after its retransmissions when nobody answers', async () => {
    const { host, board } = createMemoryPair();
    const seen: number[] = [];
    board.onData((chunk) => seen.push(chunk.length));
    const s = new Session(host, { timeoutMs: 10, maxTimeoutMs: 40, retries: 3 });
    const t0 = performance.now();
    const err = await s.request({ getStatus: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpikeforgeError);
    expect((err as SpikeforgeError).code).toBe('TIMEOUT');
    expect((err as SpikeforgeError).message).toMatch(/getStatus .* after 4 attempts/);
    expect(s.stats.retransmissions).toBe(3);
    // Backoff: 10 + 20 + 40 + 40 ms at least.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(100);
    expect(seen.length).toBe(4);
    await s.close();
  });

  it('rejects pending requests with DISCONNECTED when the link closes', async () => {
    const { host, board } = createMemoryPair();
    board.onData(() => {});
    const s = new Session(host, { timeoutMs: 1000 });
    const p = s.request({ getStatus: {} });
    await board.close();
    const err = (await p.catch((e: unknown) => e)) as SpikeforgeError;
    expect(err.code).toBe('DISCONNECTED');
    await expect(s.request({ getStatus: {} })).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it("turns the board's Error answer into DEVICE_ERROR with the board's code and message", async () => {
    const { host, board } = createMemoryPair();
    new Board().attach(board);
    const s = new Session(host);
    await s.request(hello());
    const err = (await s.request({ readState: { coreId: 3 } }).catch((e: unknown) => e)) as SpikeforgeError;
    expect(err.code).toBe('DEVICE_ERROR');
    expect(err.message).toContain('NO_CONFIG');
    expect(err.message).toContain('no image is configured');
    expect(err.details).toContain('board error code 9 (NO_CONFIG)');
    expect(err.hint).toMatch(/flash an image first/);
    await s.close();
  });

  it('applies a request once although it and its answer are duplicated, dropped and corrupted', async () => {
    // Faults hit whole writes (frames) in both directions; the receiver then gets them in random pieces.
    const { host, board } = createMemoryPair({
      chunking: true,
      faults: { drop: 0.1, corrupt: 0.1, duplicate: 0.15, seed: 11 },
    });
    const b = new Board({ maxFrameSize: 1024 });
    b.attach(board);
    const s = new Session(host, { timeoutMs: 15, maxTimeoutMs: 60, retries: 30 });
    await s.request(hello());
    // A staged image of 60 chunks: every chunk must be counted once, whatever the link did.
    const size = 60 * 512;
    const staged = await s.request({
      configBegin: { imageSize: size, imageCrc: 1, imageFormatVersion: 1, chunkSize: 512 },
    });
    expect(staged.configStaged?.imageSize).toBe(size);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        s.request({ configChunk: { offset: i * 512, data: new Uint8Array(512).fill(i + 1) } }),
      ),
    );
    // The staged bytes are all there (commit finds no chunk missing; the CRC is wrong on purpose).
    const err = (await s
      .request({ configCommit: { imageCrc: 1 } })
      .catch((e: unknown) => e)) as SpikeforgeError;
    expect(err.code).toBe('IMAGE_CRC');
    expect(err.message).toMatch(/announced 0x00000001/);
    const status = (await s.request({ getStatus: {} })).status!;
    expect(s.stats.retransmissions).toBeGreaterThan(0);
    // Retransmitted requests were answered from the board's cache, not applied again.
    expect(status.retransmissions).toBeGreaterThan(0);
    expect(s.stats.duplicates + s.link.stats.crcErrors).toBeGreaterThan(0);
    await s.close();
  });

  it('drops answers nobody waits for (a duplicated answer is seen once)', async () => {
    const { host, board } = createMemoryPair();
    new Board().attach(withFaults(board, { duplicate: 1, direction: 'write' }));
    const s = new Session(host);
    await s.request(hello());
    for (let i = 0; i < 5; i++) await s.request({ getStatus: {} });
    // Let the last duplicate arrive.
    await new Promise((r) => setTimeout(r, 20));
    expect(s.stats.duplicates).toBe(6);
    await s.close();
  });
});

/**
 * Hostile peers, both ways: a host that amplifies, hoards or takes sessions over, and a board that
 * claims sizes it should not. Declared sizes are checked before anything is allocated; every answer
 * fits the negotiated frame; buffering per link is bounded.
 */
import { describe, expect, it } from 'vitest';
import { Board } from '../../firmware-sim/board.ts';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { Device } from '../../src/device/device.ts';
import { maxImageSize } from '../../src/image/limits.ts';
import { FramedLink } from '../../src/transport/framing.ts';
import { createMemoryPair } from '../../src/transport/memory.ts';
import { decodeMessage, encodeMessage, PROTOCOL_VERSION } from '../../src/transport/messages.ts';
import type { Transport } from '../../src/transport/types.ts';
import { connect, flashedBoard, rawSession, rejection } from './helpers.ts';

describe('hostile host', () => {
  it('ConfigBegin cannot make the board allocate or answer beyond the chip and the frame', async () => {
    const board = new Board();
    const s = await rawSession(board);
    const begin = (imageSize: number, chunkSize: number) =>
      s.request({ configBegin: { imageSize, imageCrc: 1, imageFormatVersion: 1, chunkSize } });
    const big = await rejection(begin(16 << 20, 1));
    expect(big.message).toMatch(
      new RegExp(`IMAGE_SIZE: image size 16777216 bytes is outside 1\\.\\.${maxImageSize(dynapcnn9)}`),
    );
    const tiny = await rejection(begin(maxImageSize(dynapcnn9), 1));
    expect(tiny.message).toMatch(/too many to list in a frame of 65536: use larger chunks/);
    // 300 of the campaign's requests: every answer is small, nothing is allocated for them.
    let largest = 0;
    for (let i = 0; i < 300; i++) {
      const answer = await begin(16 << 20, 1).catch((e: Error) => e);
      largest = Math.max(largest, encodeMessage({ error: { message: String(answer) } }).length);
    }
    expect(largest).toBeLessThan(512);
    expect(s.stats.bytesIn / s.stats.requests).toBeLessThan(512);
    await s.close();
  });

  it('a peer that never drains its link is dropped after bounded buffering; the board serves on', async () => {
    const board = await flashedBoard();
    const { host, board: end } = createMemoryPair();
    // The board's writes reach the host but are never reported drained (a socket whose peer stopped reading).
    let handed = 0;
    const stuck: Transport = {
      uri: end.uri,
      get isOpen() {
        return end.isOpen;
      },
      write: (data) => {
        handed += data.length;
        end.write(data).catch(() => {});
        return new Promise(() => {});
      },
      onData: (l) => end.onData(l),
      onClose: (l) => end.onClose(l),
      close: () => end.close(),
    };
    board.attach(stuck);
    const dev = await Device.connect(host);
    const e = await rejection(
      (async () => {
        for (let i = 0; i < 200; i++) await dev.readImage();
      })(),
    );
    expect(e.code).toBe('DISCONNECTED');
    expect(handed).toBeLessThan((1 << 20) + 2 * 65536);
    await dev.close();
    const other = await connect(board);
    expect((await other.info()).activeImage).not.toBeNull();
    await other.close();
  });

  it('Hello with session id 0 is refused (it was accepted, then its own requests were BUSY)', async () => {
    const board = new Board();
    const s = await rawSession(board, null);
    const e = await rejection(
      s.request({ hello: { protocolMin: PROTOCOL_VERSION, protocolMax: PROTOCOL_VERSION, sessionId: 0 } }),
    );
    expect(e.message).toMatch(/BAD_REQUEST: Hello with session id 0/);
    await s.close();
  });

  it('a second Hello with the live session id from another link does not take the session over', async () => {
    const board = await flashedBoard();
    const first = await rawSession(board, 42);
    const thief = await rawSession(board, null);
    const e = await rejection(
      thief.request({
        hello: { protocolMin: PROTOCOL_VERSION, protocolMax: PROTOCOL_VERSION, sessionId: 42 },
      }),
    );
    expect(e.message).toMatch(/BUSY: the board is in use by another session/);
    expect((await first.request({ getStatus: {} })).status).toBeTruthy();
    await thief.close();
    await first.close();
  });

  it('session ids are 64 random bits', async () => {
    const seen: { low: number; high: number }[] = [];
    for (let i = 0; i < 4; i++) {
      const { host, board } = createMemoryPair();
      const link = new FramedLink(board);
      link.onFrame((payload) => {
        const hello = decodeMessage(payload).hello;
        if (hello) seen.push({ low: hello.sessionId ?? 0, high: hello.sessionIdHigh ?? 0 });
        link.send(encodeMessage({ seq: decodeMessage(payload).seq, error: { code: 3, message: 'no' } }));
      });
      await Device.connect(host).catch(() => {});
    }
    expect(seen.length).toBe(4);
    expect(new Set(seen.map((s) => `${s.high}:${s.low}`)).size).toBe(4);
    expect(seen.some((s) => s.high !== 0)).toBe(true);
  });

  it('WriteState values beyond the state width are refused, not wrapped (board and client)', async () => {
    const board = await flashedBoard();
    const dev = await connect(board);
    const config = await dev.activeConfig();
    const c = config.cores[0];
    const n = c.outputShape[0] * c.outputShape[1] * c.outputShape[2];
    const values = new Array(n).fill(0);
    values[1] = 40000;
    const e = await rejection(dev.writeState(c.layer, values));
    expect(e.message).toMatch(
      new RegExp(`writeState ${c.layer}: value 1 is 40000, outside the 16-bit state range -32768\\.\\.32767`),
    );
    await dev.close();
    const s = await rawSession(board);
    const raw = await rejection(s.request({ writeState: { coreId: c.coreId, values } }));
    expect(raw.message).toMatch(/BAD_REQUEST: core \d+ value 1 is 40000, outside the 16-bit state range/);
    await s.close();
  });
});

describe('hostile board', () => {
  /** A board that answers Hello with this DeviceInfo and anything else with an error. */
  function fakeBoard(deviceInfo: Record<string, unknown>): Transport {
    const { host, board } = createMemoryPair();
    const link = new FramedLink(board, { maxFrameSize: 1 << 20 });
    link.onFrame((payload) => {
      const env = decodeMessage(payload);
      const answer = env.hello
        ? { deviceInfo: { protocolVersion: PROTOCOL_VERSION, chip: 'dynapcnn9', ...deviceInfo } }
        : { error: { code: 12, message: `unexpected ${env.body}` } };
      link.send(encodeMessage({ seq: env.seq, ...answer }));
    });
    return host;
  }

  it('max_frame_size 2^32-1 is clamped to what the host asked', async () => {
    const dev = await Device.connect(fakeBoard({ maxFrameSize: 0xffffffff }), { maxFrameSize: 16384 });
    expect((await dev.info()).maxFrameSize).toBe(16384);
    await dev.close();
  });

  it('a claimed 200 MB running image is not downloaded', async () => {
    const dev = await Device.connect(
      fakeBoard({ maxFrameSize: 65536, activeImageSize: 200_000_000, activeImageCrc: 7 }),
    );
    const requests = dev.linkStats.requests;
    const e = await rejection(dev.activeConfig());
    expect(e.message).toMatch(
      /reports a running image of 200000000 bytes; an image for dynapcnn9 has at most \d+/,
    );
    expect(dev.linkStats.requests).toBe(requests);
    await dev.close();
  });
});

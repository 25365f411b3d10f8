/**
 * The simulated board's own rules: fault specs, the output stream's window and retransmission, staged
 * chunks, frame logging, and a reset in the middle of a flash over a real socket.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Board } from '../../firmware-sim/board.ts';
import { parseSimFaults, startSim } from '../../firmware-sim/sim.ts';
import { Device } from '../../src/device/device.ts';
import { openDevice } from '../../src/device/open.ts';
import { Session } from '../../src/device/session.ts';
import { SpikeforgeError } from '../../src/errors.ts';
import { imageCrc } from '../../src/image/image.ts';
import { packInputEvents } from '../../src/transport/eventpack.ts';
import { createMemoryPair } from '../../src/transport/memory.ts';
import type { Envelope } from '../../src/transport/messages.ts';
import { compiledCase, goldenInput } from '../device/helpers.ts';

let image: Uint8Array;
beforeAll(async () => {
  image = (await compiledCase('nmnist_csnn', 'all')).image;
});

async function session(board: Board): Promise<Session> {
  const { host, board: end } = createMemoryPair();
  board.attach(end);
  const s = new Session(host, { timeoutMs: 50, maxFrameSize: board.maxFrameSize });
  await s.request({ hello: { protocolMin: 1, protocolMax: 1, sessionId: 42 } });
  return s;
}

describe('parseSimFaults', () => {
  it('reads link faults and the board reset', () => {
    expect(
      parseSimFaults('drop=0.01,corrupt=0.02,dup=0.03,disconnect-after=50000,reset-during-flash'),
    ).toEqual({
      link: { drop: 0.01, corrupt: 0.02, duplicate: 0.03, disconnectAfter: 50000 },
      resetDuringFlash: true,
    });
    expect(parseSimFaults('')).toEqual({ link: {}, resetDuringFlash: false });
  });

  it('names a bad item', () => {
    expect(() => parseSimFaults('drop=2')).toThrow(/fault "drop=2": expected a probability/);
    expect(() => parseSimFaults('melt=1')).toThrow(/unknown fault "melt"/);
  });

  it('startSim needs exactly one of pty and tcp', async () => {
    const e = await startSim({}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SpikeforgeError);
    expect((e as SpikeforgeError).message).toMatch(/exactly one of --pty or --tcp/);
  });
});

describe('Board', () => {
  it('sends no further than its output window without acks, retransmits, and finishes once acked', async () => {
    const board = new Board({ outputWindow: 3, outputTimeoutMs: 20 });
    const dev = await (async () => {
      const { host, board: end } = createMemoryPair();
      board.attach(end);
      return Device.connect(host);
    })();
    await dev.flash(image);
    await dev.close();

    const s = await session(board);
    const seen: number[] = [];
    let acking = false;
    let ended = false;
    s.onUnsolicited((env: Envelope) => {
      const o = env.outputEvents;
      if (!o) return;
      seen.push(o.streamSeq ?? 0);
      if (o.endOfRun) ended = true;
      if (acking) void s.notify({ streamAck: { streamSeq: o.streamSeq ?? 0, runId: 5 } });
    });
    await s.request({ monitorSelect: { coreIds: [] } });
    await s.request({ start: { steps: 100, runId: 5 } });
    const input = goldenInput('nmnist_csnn');
    await s.request({
      inputEvents: {
        streamSeq: 1,
        firstStep: 0,
        count: input.count,
        packed: packInputEvents(input, 0, input.count, 0),
        endOfInput: true,
      },
    });
    await new Promise((r) => setTimeout(r, 150));
    // Backpressure: never more than the window of unacknowledged frames, each resent while unacked.
    // (A step's spikes already on their way finish their frame: at most one step beyond the window.)
    expect(new Set(seen).size).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBeLessThanOrEqual(5);
    expect(seen.length).toBeGreaterThan(3);
    const stepWhileBlocked = board.status().step;
    expect(stepWhileBlocked).toBeLessThan(100);
    expect(board.running).toBe(true);
    acking = true;
    await s.notify({ streamAck: { streamSeq: 3, runId: 5 } });
    for (let i = 0; i < 100 && !ended; i++) await new Promise((r) => setTimeout(r, 10));
    expect(ended).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(board.running).toBe(false);
    expect(board.status().step).toBe(100);
    await s.close();
  });

  it('stages chunks idempotently and refuses to commit an incomplete image', async () => {
    const board = new Board();
    const s = await session(board);
    const crc = imageCrc(image);
    await s.request({
      configBegin: { imageSize: image.length, imageCrc: crc, imageFormatVersion: 1, chunkSize: 4096 },
    });
    for (const offset of [0, 4096, 0, 4096]) {
      await s.request({ configChunk: { offset, data: image.subarray(offset, offset + 4096) } });
    }
    const chunks = Math.ceil(image.length / 4096);
    const err = (await s
      .request({ configCommit: { imageCrc: crc } })
      .catch((e: unknown) => e)) as SpikeforgeError;
    expect(err.code).toBe('DEVICE_ERROR');
    expect(err.message).toContain(
      `${chunks - 2} of ${chunks} chunks are missing (8192 of ${image.length} bytes staged)`,
    );
    // A resumed begin reports what is staged.
    const staged = await s.request({
      configBegin: {
        imageSize: image.length,
        imageCrc: crc,
        imageFormatVersion: 1,
        chunkSize: 4096,
        resume: true,
      },
    });
    expect(staged.configStaged?.receivedBytes).toBe(8192);
    expect(staged.configStaged?.received?.[0]).toBe(0b11);
    const bad = (await s
      .request({ configChunk: { offset: 100, data: new Uint8Array(10) } })
      .catch((e: unknown) => e)) as SpikeforgeError;
    expect(bad.message).toMatch(/chunk at offset 100 with 10 bytes does not fit/);
    expect(board.activeImageCrc).toBe(0);
    await s.close();
  });

  it('logs every frame in verbose mode', async () => {
    const lines: string[] = [];
    const board = new Board({ log: (l) => lines.push(l) });
    const s = await session(board);
    await s.request({ getStatus: {} });
    expect(lines.some((l) => /<- memory:board: hello seq \d+/.test(l))).toBe(true);
    expect(lines.some((l) => /getStatus seq \d+/.test(l))).toBe(true);
    await s.close();
  });

  it('a board resetting in the middle of a flash over TCP: the flash starts over and succeeds', async () => {
    const sim = await startSim({ tcp: 0, faults: 'reset-during-flash', board: { maxFrameSize: 2048 } });
    try {
      const dev = await openDevice(sim.uri, { session: { timeoutMs: 50 } });
      const r = await dev.flash(image, { verify: 'readback' });
      expect(r.restarts).toBe(1);
      expect(sim.board.resets).toBe(1);
      expect(sim.board.activeImageCrc).toBe(imageCrc(image));
      await dev.close();
    } finally {
      await sim.close();
    }
  });
});

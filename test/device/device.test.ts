/**
 * The device client against the simulated board over the in-memory link: flash (staged, resumable,
 * atomic), run (reliable output stream, flow control), state, busy, versions, refused images.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Board } from '../../firmware-sim/board.ts';
import { registerSimLink } from '../../firmware-sim/link.ts';
import { Device } from '../../src/device/device.ts';
import { openDevice } from '../../src/device/open.ts';
import { Session } from '../../src/device/session.ts';
import { runEmulator } from '../../src/emulator/index.ts';
import { SpikeforgeError } from '../../src/errors.ts';
import type { InputEvents } from '../../src/events/types.ts';
import type { ChipConfig } from '../../src/image/config.ts';
import { imageCrc } from '../../src/image/image.ts';
import { packInputEvents } from '../../src/transport/eventpack.ts';
import { FrameDecoder } from '../../src/transport/framing.ts';
import type { MemoryPairOptions } from '../../src/transport/memory.ts';
import { createMemoryPair, withFaults } from '../../src/transport/memory.ts';
import { decodeMessage } from '../../src/transport/messages.ts';
import type { Transport } from '../../src/transport/types.ts';
import { collect, compiledCase, expectedRows, goldenInput, goldenSteps, spikeRows } from './helpers.ts';

// `sim` URIs are the in-process simulated board, which the CLI registers; so do these tests.
registerSimLink();

const CASE = 'nmnist_csnn';
let all: { config: ChipConfig; image: Uint8Array };
let last: { config: ChipConfig; image: Uint8Array };
let input: InputEvents;
let steps: number;
let offline: string[];

beforeAll(async () => {
  all = await compiledCase(CASE, 'all');
  last = await compiledCase(CASE, 'last');
  input = goldenInput(CASE);
  steps = goldenSteps(CASE);
  offline = spikeRows(runEmulator(all.config, input, { steps, monitor: 'all' }));
});

function connect(board: Board, pair: MemoryPairOptions = {}, session = {}): Promise<Device> {
  const { host, board: end } = createMemoryPair(pair);
  board.attach(end);
  return Device.connect(host, { session });
}

async function errorOf(p: Promise<unknown>): Promise<SpikeforgeError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SpikeforgeError);
  return e as SpikeforgeError;
}

/**
 * Settles `work` with setTimeout held (fake): nothing a timer would do happens before `until()` holds,
 * then the clock advances by `stepMs` at a time. Races with the wall clock become a fixed order.
 */
async function withHeldTimers<T>(work: Promise<T>, until: () => boolean, stepMs: number): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const tick = () => new Promise((r) => setImmediate(r));
  try {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    for (let i = 0; !until() && !settled && i < 10_000; i++) await tick();
    expect(until()).toBe(true);
    while (!settled) {
      vi.advanceTimersByTime(stepMs);
      await tick();
    }
    return await done;
  } finally {
    vi.useRealTimers();
  }
}

describe('Device over the in-memory link', () => {
  it('flashes, verifies by readback, runs and reads back exactly the offline spikes', async () => {
    const board = new Board();
    const dev = await connect(board);
    const info = await dev.info();
    expect(info).toMatchObject({ protocolVersion: 1, chip: 'dynapcnn9', activeImage: null });
    const progress: number[] = [];
    const r = await dev.flash(all.image, {
      verify: 'readback',
      onProgress: (b, total) => progress.push(b / total),
    });
    expect(r).toMatchObject({
      bytes: all.image.length,
      sent: all.image.length,
      verified: 'readback',
      restarts: 0,
    });
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(board.activeImageCrc).toBe(imageCrc(all.image));
    const rows = spikeRows(await collect(dev.run(input, { steps, monitor: 'all' })));
    expect(rows).toEqual(offline);
    expect(rows).toEqual(expectedRows(CASE));
    const status = await dev.status();
    expect(status).toMatchObject({
      eventsIn: input.count,
      eventsOut: rows.length,
      dropped: 0,
      running: false,
      step: steps,
    });
    await dev.close();
  });

  it('a commit that overtakes a resent chunk is refused as incomplete and sent again', async () => {
    const log: string[] = [];
    const board = new Board({ maxFrameSize: 2048, log: (line) => log.push(line) });
    const { host, board: end } = createMemoryPair();
    board.attach(end);
    // The host's link loses exactly one frame: the first ConfigChunk at offset 0, whatever write it is in.
    let lost = false;
    const lossy: Transport = {
      uri: host.uri,
      get isOpen() {
        return host.isOpen;
      },
      write: (data) => {
        const kept: number[] = [];
        let from = 0;
        for (let i = 0; i < data.length; i++) {
          if (data[i] !== 0) continue;
          const frame = data.subarray(from, i + 1);
          const [payload] = new FrameDecoder({ maxFrameSize: 4096 }).push(frame);
          const chunk = payload && decodeMessage(payload).configChunk;
          if (!lost && chunk && (chunk.offset ?? 0) === 0) lost = true;
          else kept.push(...frame);
          from = i + 1;
        }
        return host.write(Uint8Array.from(kept));
      },
      onData: (l) => host.onData(l),
      onClose: (l) => host.onClose(l),
      close: () => host.close(),
    };
    const dev = await Device.connect(lossy, { session: { timeoutMs: 30 } });
    // The retransmission timer is held until the early commit was refused: no race with the clock.
    const refused = () => log.some((l) => /error IMAGE_SIZE/.test(l));
    const r = await withHeldTimers(dev.flash(all.image), refused, 30);
    expect(lost).toBe(true);
    expect(r.chunks).toBeGreaterThan(1);
    expect(log.some((l) => /error IMAGE_SIZE: 1 of \d+ chunks are missing/.test(l))).toBe(true);
    expect(board.activeImageCrc).toBe(imageCrc(all.image));
    expect(Array.from(await dev.readImage())).toEqual(Array.from(all.image));
    await dev.close();
  });

  it('gets identical results through drops, bit flips and duplicates in both directions', async () => {
    const board = new Board({ maxFrameSize: 2048, outputTimeoutMs: 40 });
    const dev = await connect(
      board,
      { chunking: true, faults: { drop: 0.03, corrupt: 0.03, duplicate: 0.03, seed: 5 } },
      { timeoutMs: 20, maxTimeoutMs: 80, retries: 20 },
    );
    await dev.flash(all.image, { verify: 'readback' });
    const rows = spikeRows(await collect(dev.run(input, { steps, monitor: 'all' })));
    expect(rows).toEqual(offline);
    const status = await dev.status();
    expect(status.eventsIn).toBe(input.count);
    expect(status.dropped).toBe(0);
    expect(dev.linkStats.retransmissions + status.retransmissions).toBeGreaterThan(0);
    await dev.close();
  });

  it('a flash cut off mid-way leaves the old configuration running; resume completes it', async () => {
    const board = new Board({ maxFrameSize: 2048 });
    const first = await connect(board);
    await first.flash(all.image);
    await first.close();
    const oldCrc = imageCrc(all.image);

    // The cable is pulled after 15 kB of the second image.
    const { host, board: end } = createMemoryPair();
    board.attach(withFaults(end, { disconnectAfter: 15_000 }));
    const dev = await Device.connect(host);
    const err = await errorOf(dev.flash(last.image));
    expect(err.code).toBe('DISCONNECTED');
    expect(board.activeImageCrc).toBe(oldCrc);

    const again = await connect(board);
    expect((await again.info()).activeImage?.crc).toBe(oldCrc);
    // Still runs the old configuration.
    expect(spikeRows(await collect(again.run(input, { steps, monitor: 'all' })))).toEqual(offline);
    const r = await again.flash(last.image, { resume: true });
    expect(r.sent).toBeGreaterThan(0);
    expect(r.sent).toBeLessThan(last.image.length);
    expect(board.activeImageCrc).toBe(imageCrc(last.image));
    expect((await again.info()).activeImage?.crc).toBe(imageCrc(last.image));
    // The new image monitors only the output layer.
    const rows = spikeRows(await collect(again.run(input, { steps })));
    const outLayer = last.config.cores.find((c) => c.destinations.length === 0)!.layer;
    expect(rows).toEqual(offline.filter((r) => r.split(',')[1] === outLayer));
    await again.close();
  });

  it('starts over when the board resets in the middle of a flash', async () => {
    const board = new Board({ maxFrameSize: 2048, resetDuringFlash: true });
    const dev = await connect(board, {}, { timeoutMs: 30 });
    const r = await dev.flash(all.image);
    expect(r.restarts).toBe(1);
    expect(board.resets).toBe(1);
    expect(board.activeImageCrc).toBe(imageCrc(all.image));
    await dev.close();
  });

  it('the board refuses a corrupted image with a clear error and keeps the old configuration', async () => {
    const board = new Board();
    const dev = await connect(board);
    await dev.flash(last.image);
    const bad = all.image.slice();
    bad[bad.length >> 1] ^= 0x40;
    // The host refuses it itself ...
    const host = await errorOf(dev.flash(bad));
    expect(host.code).toBe('IMAGE_CRC');
    expect(host.message).toMatch(/CRC32 mismatch/);
    // ... and so does the board when the host does not look.
    // (The bytes no longer end in their own CRC32: refused before the board even decodes them.)
    const err = await errorOf(dev.flash(bad, { check: false }));
    expect(err.code).toBe('IMAGE_CRC');
    expect(err.message).toMatch(/IMAGE_CRC: .*nothing applied/);
    expect(board.activeImageCrc).toBe(imageCrc(last.image));
    await dev.close();
  });

  it('a protocol version mismatch names both versions', async () => {
    const board = new Board({ protocolVersion: 7 });
    const err = await errorOf(connect(board));
    expect(err.code).toBe('PROTOCOL_VERSION');
    expect(err.message).toMatch(/protocol version 7.*protocol version 1/);
  });

  it('an image format the firmware cannot apply is refused before anything is sent, naming both versions', async () => {
    const board = new Board({ imageFormat: [2, 3] });
    const dev = await connect(board);
    const err = await errorOf(dev.flash(all.image));
    expect(err.code).toBe('IMAGE_VERSION');
    expect(err.message).toMatch(/format version 1.*image format version 2\.\.3/);
    expect((await dev.status()).framesIn).toBe(2);
    await dev.close();
  });

  it('is held exclusively: a second open is refused as busy until the first closes', async () => {
    const first = await openDevice('sim?name=busy-test');
    const err = await errorOf(openDevice('sim?name=busy-test'));
    expect(err.code).toBe('DEVICE_BUSY');
    expect(err.message).toMatch(/sim\?name=busy-test.*in use by another session/);
    await first.close();
    const second = await openDevice('sim?name=busy-test');
    expect((await second.info()).uri).toBe('sim?name=busy-test');
    await second.close();
  });

  it('the in-process sim takes faults from its URI and still gives identical results', async () => {
    const dev = await openDevice('sim?name=faulty&fault=drop=0.02,corrupt=0.02,dup=0.02,seed=9', {
      session: { timeoutMs: 20, maxTimeoutMs: 80, retries: 20 },
    });
    await dev.flash(all.image, { verify: 'readback' });
    expect(spikeRows(await collect(dev.run(input, { steps, monitor: 'all' })))).toEqual(offline);
    await dev.close();
    const err = await errorOf(openDevice('sim?colour=red'));
    expect(err.message).toMatch(/unknown sim option "colour"/);
  });

  it('reads and writes neuron state by layer name', async () => {
    const dev = await connect(new Board());
    await dev.flash(all.image);
    const layer = all.config.cores[1];
    const n = layer.outputShape[0] * layer.outputShape[1] * layer.outputShape[2];
    const values = Int16Array.from({ length: n }, (_, i) => ((i * 37) % 2000) - 1000);
    await dev.writeState(layer.layer, values);
    expect(Array.from(await dev.readState(layer.layer))).toEqual(Array.from(values));
    await dev.writeState(layer.layer, []);
    expect((await dev.readState(layer.layer)).every((v) => v === 0)).toBe(true);
    const err = await errorOf(dev.readState('nope'));
    expect(err.code).toBe('USAGE');
    expect(err.message).toMatch(/no layer named "nope"/);
    await dev.close();
  });

  it('reads the name table back from the board when another session flashed it', async () => {
    const board = new Board();
    const a = await connect(board);
    await a.flash(all.image);
    await a.close();
    const b = await connect(board);
    const config = await b.activeConfig();
    expect(config.cores.map((c) => c.layer)).toEqual(all.config.cores.map((c) => c.layer));
    expect(spikeRows(await collect(b.run(input, { steps, monitor: 'all' })))).toEqual(offline);
    await b.close();
  });

  it('flow control keeps a small input FIFO from overflowing; an early stop leaves the board ready', async () => {
    const board = new Board({ inputFifoCapacity: 600, outputWindow: 4, maxFrameSize: 2048 });
    const dev = await connect(board);
    await dev.flash(all.image);
    for await (const _ of dev.run(input, { steps, monitor: 'all' })) break;
    expect(board.running).toBe(false);
    const rows = spikeRows(await collect(dev.run(input, { steps, monitor: 'all' })));
    expect(rows).toEqual(offline);
    expect((await dev.status()).dropped).toBe(0);
    await dev.close();
  });

  it('runs leave no listener on the session behind (whole, stopped early, failed)', async () => {
    let live = 0;
    const original = Session.prototype.onClose;
    const spy = vi.spyOn(Session.prototype, 'onClose').mockImplementation(function (this: Session, l) {
      live++;
      const off = original.call(this, l);
      return () => {
        live--;
        off();
      };
    });
    try {
      const dev = await connect(new Board({ maxFrameSize: 2048 }));
      await dev.flash(last.image);
      const before = live;
      for (let i = 0; i < 3; i++) await collect(dev.run(input, { steps }));
      for await (const _ of dev.run(input, { steps })) break;
      const e = await errorOf(collect(dev.run(input, { steps, monitor: ['nope'] })));
      expect(e.message).toMatch(/no layer named "nope"/);
      expect(live).toBe(before);
      await dev.close();
    } finally {
      spy.mockRestore();
    }
  });

  it('a host ignoring flow control gets its excess input dropped and counted, never buffered', async () => {
    const board = new Board({ inputFifoCapacity: 1000 });
    const dev = await connect(board);
    await dev.flash(all.image);
    await dev.close();
    const { host, board: end } = createMemoryPair();
    board.attach(end);
    const s = new Session(host);
    await s.request({ hello: { protocolMin: 1, protocolMax: 1, sessionId: 99 } });
    await s.request({ start: { steps: 0, runId: 1 } });
    const first = input.t[0];
    await s.request({
      inputEvents: {
        streamSeq: 1,
        firstStep: first,
        count: 1500,
        packed: packInputEvents(input, 0, 1500, first),
      },
    });
    const status = (await s.request({ getStatus: {} })).status!;
    expect(status.dropped).toBe(500);
    expect(status.fifoUsed).toBeLessThanOrEqual(1000);
    await s.close();
  });

  it('keepState carries the membranes into the next run: two halves equal one whole run', async () => {
    const dev = await connect(new Board());
    await dev.flash(all.image);
    const half = Math.floor(steps / 2);
    let split = 0;
    while (split < input.count && input.t[split] < half) split++;
    const part = (from: number, to: number, shift: number): InputEvents => ({
      count: to - from,
      t: input.t.slice(from, to).map((t) => t - shift),
      c: input.c.slice(from, to),
      y: input.y.slice(from, to),
      x: input.x.slice(from, to),
    });
    const first = spikeRows(await collect(dev.run(part(0, split, 0), { steps: half, monitor: 'all' })));
    const second = (
      await collect(
        dev.run(part(split, input.count, half), { steps: steps - half, monitor: 'all', keepState: true }),
      )
    ).map((b) => ({ ...b, t: b.t.map((t) => t + half) }));
    expect([...first, ...spikeRows(second)].sort()).toEqual(offline);
    // Without keepState the second half starts from rest and differs.
    const fresh = await collect(
      dev.run(part(split, input.count, half), { steps: steps - half, monitor: 'all' }),
    );
    expect(spikeRows(fresh).length).not.toBe(spikeRows(second).length);
    await dev.close();
  });

  it('real-time mode paces the steps at the chip step duration', async () => {
    const dev = await connect(new Board());
    await dev.flash(all.image);
    const t0 = performance.now();
    const rows = spikeRows(await collect(dev.run(input, { steps: 40, realtime: true, monitor: 'all' })));
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(35);
    expect(rows).toEqual(offline.filter((r) => Number(r.split(',')[0]) < 40));
    await dev.close();
  });
});

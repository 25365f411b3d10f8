/**
 * Device path throughput, each against the raw link measured in this run: flashing the N-MNIST CSNN
 * image and the event round trip (input events in, output events back) through the device client and
 * the simulated board, over a pseudo-terminal (socat), the same pty paced at 921600 baud, and TCP
 * loopback. The round trip uses a one-core identity network (one spike out per event in), so the link
 * and protocol are measured rather than the emulator. Raw = bytes/s of plain 16 KiB writes, host to
 * board, on the same kind of link. Host, board and link share this process (and the machine's cores):
 * on the unpaced links the protocol is CPU-bound long before the link is full.
 */
import type { Board } from '../firmware-sim/board.ts';
import { startSim } from '../firmware-sim/sim.ts';
import { dynapcnn9 } from '../src/chip/index.ts';
import { loadConfig } from '../src/compiler/index.ts';
import type { DeviceApi } from '../src/device/index.ts';
import { openDevice } from '../src/device/index.ts';
import { Emulator, runEmulator } from '../src/emulator/index.ts';
import type { InputEvents } from '../src/events/types.ts';
import { makeInputEvents } from '../src/events/types.ts';
import type { ChipConfig } from '../src/image/config.ts';
import { configFromRegisterWrites, decodeImage, encodeImage, registerWrites } from '../src/image/index.ts';
import { oneCoreConfig } from '../test/configs.ts';
import { goldenFile } from '../test/fixtures.ts';
import { type Pair, ptyPair, rawThroughput, tcpPair } from './links.ts';

const KiB = 1024;

/** One core, 2 channels in and out, 1x1 identity kernel, threshold 1: every input event is one spike out. */
function identityConfig(): ChipConfig {
  return oneCoreConfig([2, 34, 34], {
    layer: 'identity',
    outputShape: [2, 34, 34],
    weights: Int8Array.from([1, 0, 0, 1]),
  });
}

/** `perStep` distinct addresses per step (no two events of a step on one neuron: one spike each). */
function events(steps: number, perStep: number): InputEvents {
  const ev = makeInputEvents(steps * perStep);
  let k = 0;
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < perStep; i++) {
      const a = (i * 7 + t * 13) % (2 * 34 * 34);
      ev.t[k] = t;
      ev.c[k] = a % 2;
      ev.y[k] = Math.floor(a / 2) % 34;
      ev.x[k] = Math.floor(a / 68);
      k++;
    }
  }
  ev.count = k;
  return ev;
}

interface FlashRate {
  /** Image bytes/s of whole flashes (call to verified commit). */
  whole: number;
  /** Image bytes/s of the transfer phase alone (first chunk out to the last chunk staged on the board). */
  transfer: number;
  /**
   * Mean ms per flash: before the first chunk (host decode check, ConfigBegin), transfer, the board's
   * commit work, and the rest (the answer's way back). The commit follows the last chunk without a
   * round trip, so the last chunk's ack comes back with the commit's answer: the board's own clock
   * (same process) says when the transfer ended.
   */
  beforeMs: number;
  transferMs: number;
  commitMs: number;
  restMs: number;
}

/** Whole flashes and their phases until `minBytes` were sent. */
async function flashRate(
  dev: DeviceApi,
  board: Board,
  image: Uint8Array,
  minBytes: number,
): Promise<FlashRate> {
  await dev.flash(image); // warm-up
  let bytes = 0;
  let flashes = 0;
  let beforeMs = 0;
  let transferMs = 0;
  let commitMs = 0;
  let restMs = 0;
  const t0 = performance.now();
  while (bytes < minBytes) {
    const start = performance.now();
    let begin = 0;
    const r = await dev.flash(image, {
      onProgress: (done) => {
        if (done === 0) begin = performance.now();
      },
    });
    const end = performance.now();
    const staged = board.flashTiming.lastChunkAt;
    bytes += r.sent;
    flashes++;
    beforeMs += begin - start;
    transferMs += staged - begin;
    commitMs += board.flashTiming.commitMs;
    restMs += end - staged - board.flashTiming.commitMs;
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    whole: bytes / seconds,
    transfer: bytes / (transferMs / 1000),
    beforeMs: beforeMs / flashes,
    transferMs: transferMs / flashes,
    commitMs: commitMs / flashes,
    restMs: restMs / flashes,
  };
}

/**
 * What a commit costs the board whatever the link (src/compiler and src/emulator): decode the staged
 * image, its register writes, the configuration rebuilt from them, the chip model. Mean ms each.
 */
function commitWork(image: Uint8Array): {
  decode: number;
  writes: number;
  rebuild: number;
  emulator: number;
} {
  const n = 40;
  const ms = { decode: 0, writes: 0, rebuild: 0, emulator: 0 };
  for (let i = 0; i < n + 5; i++) {
    const t0 = performance.now();
    const decoded = decodeImage(image);
    const t1 = performance.now();
    const writes = registerWrites(decoded, dynapcnn9);
    const t2 = performance.now();
    const config = configFromRegisterWrites(writes, dynapcnn9);
    const t3 = performance.now();
    new Emulator(config);
    const t4 = performance.now();
    if (i < 5) continue; // warm-up
    ms.decode += (t1 - t0) / n;
    ms.writes += (t2 - t1) / n;
    ms.rebuild += (t3 - t2) / n;
    ms.emulator += (t4 - t3) / n;
  }
  return ms;
}

async function roundTrip(
  dev: DeviceApi,
  input: InputEvents,
): Promise<{ eventsPerS: number; ms: number; bytesOut: number; bytesIn: number }> {
  const before = { ...dev.linkStats };
  const t0 = performance.now();
  let out = 0;
  for await (const s of dev.run(input)) out += s.count;
  const ms = performance.now() - t0;
  if (out !== input.count) throw new Error(`identity network: ${input.count} events in, ${out} spikes out`);
  const after = dev.linkStats;
  return {
    eventsPerS: input.count / (ms / 1000),
    ms,
    bytesOut: after.bytesOut - before.bytesOut,
    bytesIn: after.bytesIn - before.bytesIn,
  };
}

interface LinkCase {
  name: string;
  pair: () => Promise<Pair>;
  uri: 'pty' | 'tcp';
  pace: boolean;
  rawBytes: number;
  flashBytes: number;
  /** [steps, events per step] of the round trip. */
  events: [number, number];
}

const fmt = (bps: number) => `${(bps / (1024 * 1024)).toFixed(2)} MiB/s`;
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export async function run(): Promise<void> {
  const nmnist = (await loadConfig(goldenFile('nmnist_csnn', 'network.nir'), { monitor: 'all' })).image;
  const identity = encodeImage(identityConfig());
  console.log(`N-MNIST CSNN image: ${nmnist.length} bytes; round trip: identity network, 1 spike per event`);
  const work = commitWork(nmnist);
  const workMs = work.decode + work.writes + work.rebuild + work.emulator;
  console.log(
    `board work per commit, any link: ${workMs.toFixed(2)} ms = decodeImage ${work.decode.toFixed(2)} + registerWrites ${work.writes.toFixed(2)} + configFromRegisterWrites ${work.rebuild.toFixed(2)} + new Emulator ${work.emulator.toFixed(2)} ms (src/compiler, src/emulator)`,
  );

  const links: LinkCase[] = [
    {
      name: 'pty (socat)',
      pair: () => ptyPair(),
      uri: 'pty',
      pace: false,
      rawBytes: 8 << 20,
      flashBytes: 2 << 20,
      events: [500, 1000],
    },
    {
      name: 'pty paced at 921600 baud',
      pair: () => ptyPair({ pace: true }),
      uri: 'pty',
      pace: true,
      rawBytes: 256 * KiB,
      flashBytes: 160 * KiB,
      events: [50, 400],
    },
    {
      name: 'TCP loopback',
      pair: tcpPair,
      uri: 'tcp',
      pace: false,
      rawBytes: 16 << 20,
      flashBytes: 4 << 20,
      events: [2000, 1000],
    },
  ];
  for (const l of links) {
    // A stalled link (a busy machine, a wedged socat) must not hang `npm run bench`: report and move on.
    let stage = 'raw link';
    const watchdog = new Promise<'stalled'>((resolve) =>
      setTimeout(() => resolve('stalled'), 90_000).unref(),
    );
    const result = await Promise.race([measure(l, nmnist, identity, (s) => (stage = s)), watchdog]);
    if (result === 'stalled') console.log(`${l.name}: stalled during "${stage}" for 90 s, skipped`);
  }
}

async function measure(
  l: LinkCase,
  nmnist: Uint8Array,
  identity: Uint8Array,
  stage: (s: string) => void,
): Promise<'done'> {
  {
    const p = await l.pair();
    const raw = await rawThroughput(p, l.rawBytes, 16 * KiB);
    await p.close();

    stage('start sim');
    const sim = await startSim(l.uri === 'pty' ? { pty: true } : { tcp: 0 });
    const uri = l.pace ? `${sim.uri}?pace=1` : sim.uri;
    const dev = await openDevice(uri);
    try {
      stage('flash');
      const info = await dev.info();
      const flash = await flashRate(dev, sim.board, nmnist, l.flashBytes);
      const perFlash = flash.beforeMs + flash.transferMs + flash.commitMs + flash.restMs;
      stage('round trip');
      await dev.flash(identity);
      const input = events(l.events[0], l.events[1]);
      await roundTrip(dev, events(20, l.events[1])); // warm-up
      const rt = await roundTrip(dev, input);
      // The same events through the emulator alone, no link, no protocol: what the board's chip model
      // can do on this machine, the ceiling of the round trip whatever the link.
      const e0 = performance.now();
      runEmulator(identityConfig(), input);
      const emulatorPerS = input.count / ((performance.now() - e0) / 1000);
      const out = rt.bytesOut / (rt.ms / 1000);
      const back = rt.bytesIn / (rt.ms / 1000);
      console.log(
        [
          `${l.name}:`,
          `  raw link ${fmt(raw)}${l.pace ? ` (nominal line rate ${fmt(921_600 / 10)}; flash = ${pct(flash.whole / (921_600 / 10))} of it)` : ''}`,
          `  flash ${fmt(flash.whole)} = ${pct(flash.whole / raw)} of raw (whole flash: decode, CRC, commit, apply)`,
          `  flash transfer phase ${fmt(flash.transfer)} = ${pct(flash.transfer / raw)} of raw (chunks only; frames of ${info.maxFrameSize} bytes)`,
          `  per flash ${perFlash.toFixed(2)} ms = before the chunks ${flash.beforeMs.toFixed(2)} (host check, ConfigBegin) + transfer ${flash.transferMs.toFixed(2)} + board commit ${flash.commitMs.toFixed(2)} + answer back ${flash.restMs.toFixed(2)} ms; fixed cost (all but the transfer) = ${pct(1 - flash.transferMs / perFlash)} of the flash; the raw link moves the image in ${((nmnist.length / raw) * 1000).toFixed(2)} ms`,
          `  round trip ${(rt.eventsPerS / 1e6).toFixed(3)} M events/s in and the same back (${input.count} events in ${rt.ms.toFixed(0)} ms); wire ${(rt.bytesOut / input.count).toFixed(2)} B/event out, ${(rt.bytesIn / input.count).toFixed(2)} B/event back`,
          `  the emulator alone runs these events at ${(emulatorPerS / 1e6).toFixed(3)} M events/s: the round trip is ${pct(rt.eventsPerS / emulatorPerS)} of it`,
          `  round trip wire rate: host->board ${fmt(out)} = ${pct(out / raw)} of raw, board->host ${fmt(back)} = ${pct(back / raw)} of raw${l.pace ? ' (only host->board is paced)' : ''}`,
        ].join('\n'),
      );
      if (l.uri === 'tcp') {
        console.log(
          `  events read back per second over TCP loopback: ${(rt.eventsPerS / 1e6).toFixed(2)} M (goal >= 1 M)`,
        );
      }
    } finally {
      await dev.close();
      await sim.close();
    }
  }
  return 'done';
}

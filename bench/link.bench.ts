/**
 * Link throughput: raw bytes over a pseudo-terminal pair (socat) and TCP loopback, framed throughput as
 * a fraction of raw, software pacing at 921600 baud against the line rate, and events packed + framed +
 * sent + decoded per second over TCP loopback. Every ratio is against a number measured in this run.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInputCsv } from '../src/events/csv.ts';
import {
  type CoreEvents,
  makeCoreEvents,
  packCoreEventsWithin,
  unpackCoreEvents,
} from '../src/transport/eventpack.ts';
import { DEFAULT_MAX_FRAME_SIZE, FramedLink } from '../src/transport/framing.ts';
import { decodeMessage, encodeMessage } from '../src/transport/messages.ts';
import { type Pair, ptyPair, rawThroughput, tcpPair } from './links.ts';

const here = dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;

/** Payload bytes/s of full frames of `size` bytes sent in batches of `batch` frames from a to b. */
async function framedThroughput(
  p: Pair,
  totalPayload: number,
  batch = 16,
  size = DEFAULT_MAX_FRAME_SIZE,
): Promise<number> {
  const tx = new FramedLink(p.a, { maxFrameSize: size });
  const rx = new FramedLink(p.b, { maxFrameSize: size });
  const frames = Math.ceil(totalPayload / size);
  let got = 0;
  const done = new Promise<void>((resolve) =>
    rx.onFrame(() => {
      if (++got === frames) resolve();
    }),
  );
  const payload = new Uint8Array(size).map((_, i) => (i * 31 + 7) & 0xff);
  const t0 = performance.now();
  for (let sent = 0; sent < frames; sent += batch) {
    await tx.sendMany(Array.from({ length: Math.min(batch, frames - sent) }, () => payload));
  }
  await done;
  if (rx.stats.crcErrors + rx.stats.malformed + rx.stats.oversize > 0)
    throw new Error('framing errors on a clean link');
  return (frames * size) / ((performance.now() - t0) / 1000);
}

/** Output events as a board emits them, built from the golden N-MNIST input, `n` of them. */
function coreEvents(n: number): CoreEvents {
  const file = join(here, '..', '..', 'shared', 'fixtures', 'golden', 'nmnist_csnn', 'input.csv');
  const src = parseInputCsv(readFileSync(file, 'utf8'), file);
  const ev = makeCoreEvents(n);
  const span = src.t[src.count - 1] + 1;
  for (let i = 0; i < n; i++) {
    const k = i % src.count;
    ev.t[i] = src.t[k] + Math.floor(i / src.count) * span;
    ev.core[i] = i % 3;
    ev.c[i] = src.c[k] * 4 + (i % 4);
    ev.y[i] = src.y[k];
    ev.x[i] = src.x[k];
  }
  ev.count = n;
  return ev;
}

/**
 * Events/s board -> host: pack into OutputEvents that fill a frame, encode the Envelope, frame, send
 * (batched writes), receive, unframe, decode, unpack into a preallocated buffer. Timed end to end.
 */
async function eventThroughput(
  p: Pair,
  ev: CoreEvents,
): Promise<{ perSecond: number; bytesPerEvent: number }> {
  const tx = new FramedLink(p.a);
  const rx = new FramedLink(p.b);
  const out = makeCoreEvents(ev.count);
  let wireBytes = 0;
  const done = new Promise<void>((resolve, reject) =>
    rx.onFrame((payload) => {
      try {
        const m = decodeMessage(payload).outputEvents;
        if (!m) throw new Error('expected OutputEvents');
        unpackCoreEvents(m.packed ?? new Uint8Array(0), m.firstStep ?? 0, m.count ?? 0, out);
        if (m.endOfRun) resolve();
      } catch (e) {
        reject(e);
      }
    }),
  );
  const room = DEFAULT_MAX_FRAME_SIZE - 32; // the Envelope fields around `packed`
  const t0 = performance.now();
  let from = 0;
  let step = 0;
  let seq = 0;
  let pending: Uint8Array[] = [];
  while (from < ev.count) {
    const { packed, end } = packCoreEventsWithin(ev, from, ev.count, step, room);
    const msg = encodeMessage({
      outputEvents: {
        streamSeq: ++seq,
        firstStep: step,
        count: end - from,
        packed,
        endOfRun: end === ev.count,
        lastStep: ev.t[end - 1],
      },
    });
    wireBytes += msg.length;
    pending.push(msg);
    step = ev.t[end - 1];
    from = end;
    if (pending.length === 16 || from === ev.count) {
      await tx.sendMany(pending);
      pending = [];
    }
  }
  await done;
  const seconds = (performance.now() - t0) / 1000;
  for (let i = 0; i < ev.count; i += 997) {
    if (out.t[i] !== ev.t[i] || out.x[i] !== ev.x[i] || out.core[i] !== ev.core[i]) {
      throw new Error(`event ${i} came back different`);
    }
  }
  if (out.count !== ev.count) throw new Error(`${out.count} of ${ev.count} events came back`);
  return { perSecond: ev.count / seconds, bytesPerEvent: wireBytes / ev.count };
}

const rate = (bps: number) => `${(bps / MiB).toFixed(2)} MiB/s`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function run(): Promise<void> {
  // The machine is shared (and socat is a process of its own): raw and framed runs alternate, best of
  // five each, on fresh links. Framed: 4 KiB frames (the default before a Hello), and the frames a
  // device session negotiates on that link (64 KiB on TCP, 16 KiB on an unpaced serial port).
  const rows: string[][] = [];
  for (const [make, negotiated] of [
    [tcpPair, 65536],
    [() => ptyPair(), 16384],
  ] as const) {
    let raw = 0;
    let framed = 0;
    let framedBig = 0;
    let name = '';
    for (let k = 0; k < 5; k++) {
      const p = await make();
      name = p.name;
      const bytes = p.name.startsWith('TCP') ? 32 * MiB : 4 * MiB;
      raw = Math.max(raw, await rawThroughput(p, bytes));
      await p.close();
      const q = await make();
      framed = Math.max(framed, await framedThroughput(q, bytes));
      await q.close();
      const r = await make();
      framedBig = Math.max(framedBig, await framedThroughput(r, bytes, 4, negotiated));
      await r.close();
    }
    rows.push([
      name,
      rate(raw),
      rate(framed),
      pct(framed / raw),
      `${negotiated / 1024} KiB`,
      rate(framedBig),
      pct(framedBig / raw),
    ]);
  }
  console.log(
    'link            raw            framed 4 KiB     of raw   negotiated framed           of raw (goal >= 80%)',
  );
  for (const r of rows)
    console.log(
      `${r[0].padEnd(16)}${r[1].padEnd(15)}${r[2].padEnd(17)}${r[3].padEnd(9)}${r[4].padEnd(11)}${r[5].padEnd(17)}${r[6]}`,
    );

  const baud = 921_600;
  const line = baud / 10;
  const paced = await ptyPair({ baudRate: baud, pace: true });
  const pacedRaw = await rawThroughput(paced, Math.round(line * 0.5), 4096);
  await paced.close();
  const paced2 = await ptyPair({ baudRate: baud, pace: true });
  const pacedFramed = await framedThroughput(paced2, Math.round(line * 0.5), 1);
  await paced2.close();
  console.log(
    `pacing at ${baud} baud (line rate ${(line / 1024).toFixed(1)} KiB/s): raw ${(pacedRaw / 1024).toFixed(1)} KiB/s = ${pct(pacedRaw / line)} of line rate, framed payload ${(pacedFramed / 1024).toFixed(1)} KiB/s = ${pct(pacedFramed / line)} (goal >= 90%)`,
  );

  const ev = coreEvents(2_000_000);
  const t = await tcpPair();
  const r = await eventThroughput(t, ev);
  await t.close();
  console.log(
    `output events over TCP loopback, packed + framed + sent + decoded: ${(r.perSecond / 1e6).toFixed(2)} M events/s (goal >= 1 M/s), ${r.bytesPerEvent.toFixed(2)} bytes/event in Envelopes`,
  );
}

/** Link pairs and the raw-throughput measurement that the link and device benchmarks share. */
import { createPty, openSerial } from '../src/transport/serial.ts';
import { openTcp, serveTcp } from '../src/transport/tcp.ts';
import type { Transport } from '../src/transport/types.ts';

export interface Pair {
  name: string;
  a: Transport;
  b: Transport;
  close(): Promise<void>;
}

export async function tcpPair(): Promise<Pair> {
  let accept: (t: Transport) => void = () => {};
  const accepted = new Promise<Transport>((resolve) => {
    accept = resolve;
  });
  const server = await serveTcp({ port: 0, onTransport: (t) => accept(t) });
  const a = await openTcp('127.0.0.1', server.port);
  const b = await accepted;
  return {
    name: 'TCP loopback',
    a,
    b,
    close: async () => {
      await a.close();
      await server.close();
    },
  };
}

/** A socat pseudo-terminal pair; `a` (the host side) optionally paced to `baudRate`. */
export async function ptyPair(options: { baudRate?: number; pace?: boolean } = {}): Promise<Pair> {
  const pty = await createPty();
  const a = await openSerial({ path: pty.hostPath, ...options });
  const b = await openSerial({ path: pty.boardPath });
  return {
    name: options.pace ? `pty paced at ${options.baudRate ?? 'the default'} baud` : 'pty (socat)',
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await pty.close();
    },
  };
}

/** Bytes/s of `total` bytes written in `chunk`-sized writes from a to b, until the last byte arrived. */
export async function rawThroughput(p: Pair, total: number, chunk = 64 * 1024): Promise<number> {
  let received = 0;
  const done = new Promise<void>((resolve) =>
    p.b.onData((c) => {
      received += c.length;
      if (received >= total) resolve();
    }),
  );
  const block = new Uint8Array(chunk).map((_, i) => (i * 31 + 7) & 0xff);
  const t0 = performance.now();
  for (let sent = 0; sent < total; sent += chunk)
    await p.a.write(block.subarray(0, Math.min(chunk, total - sent)));
  await done;
  return total / ((performance.now() - t0) / 1000);
}

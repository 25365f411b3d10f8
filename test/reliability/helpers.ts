/**
 * The reliability suite's tools: a board that already runs the golden image, a raw session on it (a
 * peer that sends whatever it likes), and counting what a client leaves running.
 */
import { Board, type BoardOptions } from '../../firmware-sim/board.ts';
import { Device } from '../../src/device/device.ts';
import { Session } from '../../src/device/session.ts';
import { createMemoryPair, type MemoryPairOptions } from '../../src/transport/memory.ts';
import { PROTOCOL_VERSION } from '../../src/transport/messages.ts';
import type { Transport } from '../../src/transport/types.ts';
import { compiledCase } from '../device/helpers.ts';

export const CASE = 'nmnist_csnn';

/** A board running the golden image (flashed by a client that then left). */
export async function flashedBoard(options: BoardOptions = {}): Promise<Board> {
  const board = new Board(options);
  const dev = await connect(board);
  await dev.flash((await compiledCase(CASE, 'all')).image);
  await dev.close();
  return board;
}

/** A device client on the board over a fresh in-memory link; `link` is the board's end of it. */
export async function connect(
  board: Board,
  pair: MemoryPairOptions = {},
  session = {},
): Promise<Device & { boardEnd: Transport }> {
  const { host, board: end } = createMemoryPair(pair);
  board.attach(end);
  const dev = await Device.connect(host, { session });
  return Object.assign(dev, { boardEnd: end });
}

/** A raw session on the board (Hello sent with `sessionId`), for peers that break the rules. */
export async function rawSession(board: Board, sessionId: number | null = 42): Promise<Session> {
  const { host, board: end } = createMemoryPair();
  board.attach(end);
  const s = new Session(host, { timeoutMs: 50, retries: 3, maxFrameSize: 1 << 20 });
  if (sessionId !== null) {
    await s.request({ hello: { protocolMin: PROTOCOL_VERSION, protocolMax: PROTOCOL_VERSION, sessionId } });
  }
  return s;
}

/** Timers alive in this process (what keeps a client process from exiting). */
export function liveTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & { code?: string }> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof Error)) throw new Error('expected a rejection, it resolved');
  return e as Error & { code?: string };
}

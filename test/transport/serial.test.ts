import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSpikeforgeError } from '../../src/errors.ts';
import { FramedLink } from '../../src/transport/framing.ts';
import { createPty, openSerial, type PtyPair } from '../../src/transport/serial.ts';
import { openTransport } from '../../src/transport/uri.ts';

// A real pseudo-terminal pair made by socat (.ci/run installs it). No skipping: without socat this
// test fails and says so.
function socatPresent(): boolean {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('serial transport over a socat pseudo-terminal pair', () => {
  let pty: PtyPair;
  beforeAll(async () => {
    if (!socatPresent()) throw new Error('socat is not installed: apt-get install socat (.ci/run does it)');
    pty = await createPty();
  });
  afterAll(async () => {
    await pty?.close();
  });

  it('carries frames both ways, and a second open of the same port is DEVICE_BUSY', async () => {
    const host = await openTransport(`serial:${pty.hostPath}?baud=921600`);
    const board = await openSerial({ path: pty.boardPath });
    expect(host.uri).toBe(`serial:${pty.hostPath}?baud=921600`);
    const busy = await openSerial({ path: pty.hostPath }).catch((e: unknown) => e);
    expect(isSpikeforgeError(busy) && busy.code).toBe('DEVICE_BUSY');

    const a = new FramedLink(host);
    const b = new FramedLink(board);
    b.onFrame((p) => void b.send(p.map((v) => v ^ 0xff)));
    const got: Uint8Array[] = [];
    const done = new Promise<void>((r) =>
      a.onFrame((p) => {
        got.push(p);
        if (got.length === 2) r();
      }),
    );
    const big = new Uint8Array(4096).map((_, i) => i & 0xff); // the default maximum frame size
    await a.send(new Uint8Array([0, 1, 2]));
    await a.send(big);
    await done;
    expect(Array.from(got[0])).toEqual([0xff, 0xfe, 0xfd]);
    expect(got[1].length).toBe(big.length);
    expect(got[1].every((v, i) => v === (big[i] ^ 0xff))).toBe(true);
    expect(a.stats.crcErrors + b.stats.crcErrors).toBe(0);
    await host.close();
    await board.close();
  });

  it('paces writes to the baud rate when asked (a pty itself ignores it)', async () => {
    const baud = 115_200; // 11520 bytes/s: 2304 bytes take 200 ms on the line
    const host = await openSerial({ path: pty.hostPath, baudRate: baud, pace: true });
    const board = await openSerial({ path: pty.boardPath });
    let n = 0;
    const bytes = 2304;
    const done = new Promise<void>((r) =>
      board.onData((c) => {
        n += c.length;
        if (n >= bytes) r();
      }),
    );
    const t0 = performance.now();
    await host.write(new Uint8Array(bytes).fill(0x55));
    await done;
    const ms = performance.now() - t0;
    // The last slice (4 ms of line time) is sent at its start, so the run is ~196 ms, not 200.
    expect(ms).toBeGreaterThan(150);
    expect(ms).toBeLessThan(2000);
    await host.close();
    await board.close();
  });

  it('without socat, createPty fails with a TRANSPORT error that says what to do', async () => {
    const err = await createPty({ socat: '/nonexistent/socat' }).catch((e: unknown) => e);
    expect(isSpikeforgeError(err) && err.code).toBe('TRANSPORT');
    expect((err as Error).message).toBe('cannot create a pseudo-terminal pair: socat is not installed');
    expect(isSpikeforgeError(err) && err.hint).toMatch(/apt-get install socat.*tcp:/);
  });

  it('a missing port is DEVICE_NOT_FOUND naming the path', async () => {
    const err = await openTransport('serial:/dev/ttyNOPE0').catch((e: unknown) => e);
    expect(isSpikeforgeError(err) && err.code).toBe('DEVICE_NOT_FOUND');
    expect((err as Error).message).toContain('/dev/ttyNOPE0');
  });
});

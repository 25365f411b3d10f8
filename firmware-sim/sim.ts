/**
 * `startSim`: the simulated board served on a pseudo-terminal (a real serial device node) or on TCP,
 * with optional fault injection on its link. `spikeforge sim` is a thin wrapper around it.
 */
import { SpikeforgeError } from '../src/errors.ts';
import type { Faults } from '../src/transport/memory.ts';
import { parseFaults, withFaults } from '../src/transport/memory.ts';
import { createPty, openSerial } from '../src/transport/serial.ts';
import { serveTcp } from '../src/transport/tcp.ts';
import type { Transport } from '../src/transport/types.ts';
import type { BoardOptions } from './board.ts';
import { Board } from './board.ts';

export interface SimFaults {
  /** Faults of the link (drops, bit flips, duplicates, a pulled cable after N bytes). */
  link: Faults;
  /** The board resets once half way through the first flash. */
  resetDuringFlash: boolean;
}

/**
 * Parses `drop=0.01,corrupt=0.01,dup=0.01,disconnect-after=50000,reset-during-flash` (the `--fault`
 * option): the link faults of `parseFaults`, plus the board's own `reset-during-flash`.
 */
export function parseSimFaults(spec: string): SimFaults {
  const items = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const resetDuringFlash = items.includes('reset-during-flash');
  const link = parseFaults(items.filter((s) => s !== 'reset-during-flash').join(','));
  return { link, resetDuringFlash };
}

export interface SimOptions {
  /** Serve on a new pseudo-terminal pair; the URI names the host's end. */
  pty?: boolean;
  /** Serve on this TCP port (0: any free port). */
  tcp?: number;
  /** TCP address to listen on (default 127.0.0.1). */
  host?: string;
  /** Fault spec (see `parseSimFaults`) or parsed faults. */
  faults?: string | SimFaults;
  /** Pace steps at the chip's step duration. */
  realtime?: boolean;
  /** Log every frame (to `log`, default stderr). */
  verbose?: boolean;
  log?: (line: string) => void;
  board?: BoardOptions;
}

export interface SimServer {
  /** The device URI to open, e.g. `serial:/tmp/spikeforge-pty-x/host` or `tcp:127.0.0.1:7000`. */
  uri: string;
  board: Board;
  close(): Promise<void>;
}

export async function startSim(options: SimOptions = {}): Promise<SimServer> {
  if ((options.pty ? 1 : 0) + (options.tcp !== undefined ? 1 : 0) !== 1) {
    throw new SpikeforgeError('USAGE', 'the simulated board needs exactly one of --pty or --tcp <port>', {
      hint: 'spikeforge sim --pty, or spikeforge sim --tcp 7000 (0: any free port)',
    });
  }
  const faults = typeof options.faults === 'string' ? parseSimFaults(options.faults) : options.faults;
  const log = options.verbose
    ? (options.log ?? ((line: string) => process.stderr.write(`${line}\n`)))
    : undefined;
  // Every injected fault is logged (stderr by default), so that what the client saw can be explained.
  const faultLog = options.log ?? ((line: string) => process.stderr.write(`board: ${line}\n`));
  const board = new Board({
    ...options.board,
    realtime: options.realtime ?? options.board?.realtime,
    resetDuringFlash: faults?.resetDuringFlash ?? options.board?.resetDuringFlash,
    onFault: faults ? faultLog : undefined,
    log,
  });
  const linkFaults = faults && Object.keys(faults.link).length > 0 ? faults.link : undefined;
  const wrap = (t: Transport): Transport => (linkFaults ? withFaults(t, linkFaults, faultLog) : t);

  if (options.tcp !== undefined) {
    const server = await serveTcp({
      host: options.host,
      port: options.tcp,
      onTransport: (t) => {
        log?.(`board: connection from ${t.uri}`);
        board.attach(wrap(t));
      },
    });
    const host = server.host.includes(':') ? `[${server.host}]` : server.host;
    return {
      uri: `tcp:${host}:${server.port}`,
      board,
      close: async () => {
        await board.close();
        await server.close();
      },
    };
  }

  const pty = await createPty();
  let closing = false;
  let current: Transport | undefined;
  // The board end of the pty is (re)opened like a UART that comes back after a pulled cable.
  const serve = async (): Promise<void> => {
    const port = await openSerial({ path: pty.boardPath });
    current = port;
    board.attach(wrap(port), () => {
      if (!closing) setTimeout(() => serve().catch(() => {}), 50);
    });
  };
  try {
    await serve();
  } catch (e) {
    await pty.close();
    throw e;
  }
  return {
    uri: `serial:${pty.hostPath}`,
    board,
    close: async () => {
      closing = true;
      await board.close();
      if (current?.isOpen) await current.close().catch(() => {});
      await pty.close();
    },
  };
}

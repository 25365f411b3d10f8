/**
 * TCP links: `tcp:host:port` reaches the simulated board (firmware-sim) or a networked board.
 * The same socket wrapper serves both ends: `openTcp` (host side) and `serveTcp` (board side).
 */
import { createServer, type Server, Socket } from 'node:net';
import { SpikeforgeError } from '../errors.ts';
import { BaseTransport } from './base.ts';
import type { Transport } from './types.ts';

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** One TCP connection as a Transport. */
export class TcpTransport extends BaseTransport {
  private lastError: Error | undefined;
  private readonly closedPromise: Promise<void>;

  constructor(
    private readonly socket: Socket,
    readonly uri: string,
  ) {
    super();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', (e) => {
      this.lastError = new SpikeforgeError('DISCONNECTED', `${uri}: connection lost (${e.message})`, {
        hint: 'check that the board (or the simulated board, spikeforge sim) is still running',
        cause: e,
      });
    });
    this.closedPromise = new Promise((resolve) => {
      socket.on('close', () => {
        // Closed by close() (isOpen already false): no error; otherwise the link was lost.
        const error = this.isOpen
          ? (this.lastError ?? new SpikeforgeError('DISCONNECTED', `${uri}: the peer closed the connection`))
          : undefined;
        this.ended(error);
        resolve();
      });
    });
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.isOpen)
      return Promise.reject(new SpikeforgeError('DISCONNECTED', `${this.uri}: the link is closed`));
    return new Promise((resolve, reject) => {
      // Resolve as soon as the bytes are queued below the high-water mark; wait for 'drain' otherwise.
      if (this.socket.write(data)) {
        resolve();
        return;
      }
      const onDrain = () => {
        this.socket.off('close', onClose);
        resolve();
      };
      const onClose = () => {
        this.socket.off('drain', onDrain);
        reject(this.lastError ?? new SpikeforgeError('DISCONNECTED', `${this.uri}: closed while writing`));
      };
      this.socket.once('drain', onDrain);
      this.socket.once('close', onClose);
    });
  }

  async close(): Promise<void> {
    if (!this.beginClose()) return this.closedPromise;
    // end() sends what is queued, then FIN; destroy if the peer does not close its side in time.
    this.socket.end();
    const timer = setTimeout(() => this.socket.destroy(), 1000);
    await this.closedPromise;
    clearTimeout(timer);
  }
}

/** Connects to `host:port`. Errors name the address and say what to check. */
export function openTcp(
  host: string,
  port: number,
  options: { timeoutMs?: number } = {},
): Promise<Transport> {
  const where = hostPort(host, port);
  const uri = `tcp:${where}`;
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new SpikeforgeError('TIMEOUT', `${uri}: no answer within ${timeoutMs} ms`, {
          hint: 'check the address and that the board is reachable',
        }),
      );
    }, timeoutMs);
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new SpikeforgeError('DEVICE_NOT_FOUND', `${uri}: cannot connect (${e.code ?? e.message})`, {
          hint:
            e.code === 'ECONNREFUSED'
              ? `nothing listens on ${where}: start the simulated board (spikeforge sim) or check the port`
              : 'check the host name and the network',
          cause: e,
        }),
      );
    });
    socket.connect(port, host, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new TcpTransport(socket, uri));
    });
  });
}

export interface TcpServer {
  /** The port listened on (the one chosen by the OS when 0 was asked). */
  port: number;
  host: string;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/** Listens for connections; each becomes a Transport handed to `onTransport` (the board side). */
export function serveTcp(options: {
  host?: string;
  port?: number;
  onTransport: (transport: Transport) => void;
}): Promise<TcpServer> {
  const host = options.host ?? '127.0.0.1';
  const open = new Set<TcpTransport>();
  const server: Server = createServer((socket) => {
    const peer = hostPort(socket.remoteAddress ?? '?', socket.remotePort ?? 0);
    const t = new TcpTransport(socket, `tcp:${peer}`);
    open.add(t);
    socket.on('close', () => open.delete(t));
    options.onTransport(t);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new SpikeforgeError(
          'TRANSPORT',
          `cannot listen on ${hostPort(host, options.port ?? 0)}: ${e.code ?? e.message}`,
          {
            hint:
              e.code === 'EADDRINUSE'
                ? 'the port is taken: choose another, or 0 for any free port'
                : undefined,
            cause: e,
          },
        ),
      ),
    );
    server.listen(options.port ?? 0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
      resolve({
        port,
        host,
        close: async () => {
          const closed = new Promise<void>((r) => server.close(() => r()));
          await Promise.all([...open].map((t) => t.close()));
          await closed;
        },
      });
    });
  });
}

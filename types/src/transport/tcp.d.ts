/**
 * TCP links: `tcp:host:port` reaches the simulated board (firmware-sim) or a networked board.
 * The same socket wrapper serves both ends: `openTcp` (host side) and `serveTcp` (board side).
 */
import { Socket } from 'node:net';
import { BaseTransport } from './base.ts';
import type { Transport } from './types.ts';
/** One TCP connection as a Transport. */
export declare class TcpTransport extends BaseTransport {
    private readonly socket;
    readonly uri: string;
    private lastError;
    private readonly closedPromise;
    constructor(socket: Socket, uri: string);
    write(data: Uint8Array): Promise<void>;
    close(): Promise<void>;
}
/** Connects to `host:port`. Errors name the address and say what to check. */
export declare function openTcp(host: string, port: number, options?: {
    timeoutMs?: number;
}): Promise<Transport>;
export interface TcpServer {
    /** The port listened on (the one chosen by the OS when 0 was asked). */
    port: number;
    host: string;
    /** Stops listening and closes every open connection. */
    close(): Promise<void>;
}
/** Listens for connections; each becomes a Transport handed to `onTransport` (the board side). */
export declare function serveTcp(options: {
    host?: string;
    port?: number;
    onTransport: (transport: Transport) => void;
}): Promise<TcpServer>;

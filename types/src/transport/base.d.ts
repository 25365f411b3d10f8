/**
 * What every link shares, whatever moves its bytes: one data listener (bytes that arrive before it is
 * registered are kept, as a UART's receive buffer would), one close listener called exactly once, and
 * the open / closing / closed state behind `isOpen`. Serial, USB, TCP and in-memory links extend it and
 * only say how bytes are written and how the link is shut.
 */
import type { Transport } from './types.ts';
export declare abstract class BaseTransport implements Transport {
    abstract readonly uri: string;
    private dataListener;
    private queued;
    private closeListener;
    private state;
    abstract write(data: Uint8Array): Promise<void>;
    abstract close(): Promise<void>;
    get isOpen(): boolean;
    /** True once the link ended (closed by `close()` or lost). */
    protected get isClosed(): boolean;
    onData(listener: (chunk: Uint8Array) => void): void;
    onClose(listener: (error?: Error) => void): void;
    /** Hands received bytes to the listener, or keeps them until one is registered. */
    protected received(chunk: Uint8Array): void;
    /** `close()` started: `isOpen` is false from now on. False if the link was not open. */
    protected beginClose(): boolean;
    /**
     * The link ended: the close listener hears it once, with `error` when the link was lost rather than
     * closed by `close()`. Later calls do nothing and return false.
     */
    protected ended(error?: Error): boolean;
}

/**
 * What every link shares, whatever moves its bytes: one data listener (bytes that arrive before it is
 * registered are kept, as a UART's receive buffer would), one close listener called exactly once, and
 * the open / closing / closed state behind `isOpen`. Serial, USB, TCP and in-memory links extend it and
 * only say how bytes are written and how the link is shut.
 */
import type { Transport } from './types.ts';

export abstract class BaseTransport implements Transport {
  abstract readonly uri: string;
  private dataListener: ((chunk: Uint8Array) => void) | undefined;
  private queued: Uint8Array[] = [];
  private closeListener: ((error?: Error) => void) | undefined;
  private state: 'open' | 'closing' | 'closed' = 'open';

  abstract write(data: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** True once the link ended (closed by `close()` or lost). */
  protected get isClosed(): boolean {
    return this.state === 'closed';
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListener = listener;
    const queued = this.queued;
    this.queued = [];
    for (const chunk of queued) listener(chunk);
    return () => {
      if (this.dataListener === listener) this.dataListener = undefined;
    };
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.closeListener = listener;
    return () => {
      if (this.closeListener === listener) this.closeListener = undefined;
    };
  }

  /** Hands received bytes to the listener, or keeps them until one is registered. */
  protected received(chunk: Uint8Array): void {
    if (this.dataListener) this.dataListener(chunk);
    else this.queued.push(chunk);
  }

  /** `close()` started: `isOpen` is false from now on. False if the link was not open. */
  protected beginClose(): boolean {
    if (this.state !== 'open') return false;
    this.state = 'closing';
    return true;
  }

  /**
   * The link ended: the close listener hears it once, with `error` when the link was lost rather than
   * closed by `close()`. Later calls do nothing and return false.
   */
  protected ended(error?: Error): boolean {
    if (this.state === 'closed') return false;
    this.state = 'closed';
    this.closeListener?.(error);
    return true;
  }
}

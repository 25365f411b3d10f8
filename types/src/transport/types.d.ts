/**
 * One interface for every byte link (serial, USB, TCP, in-memory), in the spirit of node-serialport's
 * BindingInterface. Framing sits on top of it (src/transport/framing.ts); the device client is written
 * against this interface only.
 */
export interface Transport {
    /** The device URI this transport was opened with, e.g. `tcp:127.0.0.1:7000`. */
    readonly uri: string;
    /** Sends bytes; resolves when they were handed to the link (drained). Rejects once closed. */
    write(data: Uint8Array): Promise<void>;
    /** Registers the receiver of incoming bytes (one receiver; a second call replaces the first). */
    onData(listener: (chunk: Uint8Array) => void): void;
    /** Called once when the link closes, with the error if it was not closed by `close()`. */
    onClose(listener: (error?: Error) => void): void;
    close(): Promise<void>;
    readonly isOpen: boolean;
}

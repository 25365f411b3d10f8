import type { DeviceListing } from './discovery.ts';
import type { Transport } from './types.ts';
import { type DeviceUri } from './uri.ts';
/** What the host asks for unless told otherwise: large frames keep per-frame costs off fast links. */
export declare const FAST_LINK_FRAME_SIZE = 65536;
/** An open byte link to a board. */
export interface Link {
    transport: Transport;
    /** Frees what opening took (a lock file); called once the device is closed. */
    release?: () => void;
    /** The frame size to ask the board for on this link (default FAST_LINK_FRAME_SIZE). */
    maxFrameSize?: number;
}
export interface LinkOpenOptions {
    /** Directory of serial lock files (default: $TMPDIR/spikeforge-locks). */
    lockDir?: string;
}
export interface LinkOpener {
    /** The URI scheme, lower case, without the colon (`serial`, `sim`, ...). */
    scheme: string;
    /** Accepted URI forms with an example each, for usage hints and `--help`. */
    forms: string[];
    open(uri: string, options: LinkOpenOptions): Promise<Link>;
    /** The boards of this kind present now, for `spikeforge devices`; notes say why a source gave none. */
    list?(): Promise<{
        devices: DeviceListing[];
        notes: string[];
    }>;
}
/** Registers (or replaces) the opener of a scheme; returns the function that unregisters it. */
export declare function registerLink(opener: LinkOpener): () => void;
/** The registered openers, built-in ones first. */
export declare function linkOpeners(): LinkOpener[];
/** Every accepted device URI form, one line each. */
export declare function deviceUriForms(): string[];
/** The scheme of a device URI: what precedes the first ':' or '?' (`sim?name=x` has scheme `sim`). */
export declare function uriScheme(uri: string): string;
/** Opens the link a device URI names, through the opener registered for its scheme. */
export declare function openLink(uri: string, options?: LinkOpenOptions): Promise<Link>;
/**
 * Takes the advisory lock of a serial port (one file per port, holding the owner's pid); a lock left by
 * a dead process is taken over. Returns the release function.
 */
export declare function lockSerialPort(path: string, uri: string, dir?: string): () => void;
/**
 * The frame size to ask a board for on a link. TCP and USB are fast: 64 KiB. A serial line at its real
 * rate (`pace=1`) gets frames of about 100 ms of line time, so a corrupted frame costs little to resend
 * (921600 baud: 9216 bytes). An unpaced serial port (USB CDC-ACM, a pseudo-terminal) moves bytes faster
 * than its nominal baud rate: 16 KiB.
 */
export declare function frameSizeFor(d: DeviceUri): number;

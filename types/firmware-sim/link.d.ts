import type { DeviceListing } from '../src/transport/discovery.ts';
import { type Link } from '../src/transport/links.ts';
import type { Board } from './board.ts';
export declare const SIM_FORM = "sim[?name=<board>][&realtime=1][&fault=...]  the in-process simulated board";
export declare const SIM_LISTING: DeviceListing;
/**
 * The in-process simulated board behind `sim` / `sim?name=<name>` (created on first use, with
 * `realtime=1` and `reset-during-flash` in `fault=` taken from the URI that created it). The board and
 * its emulator load on first use, so registering the link costs a command nothing.
 */
export declare function simBoard(name?: string, options?: {
    realtime?: boolean;
    resetDuringFlash?: boolean;
}): Promise<Board>;
/** The options of a `sim` URI (`sim`, `sim?name=x&fault=...`); anything else is a usage error. */
export declare function parseSimUri(uri: string): Record<string, string>;
export declare function openSimLink(uri: string): Promise<Link>;
/** Makes `sim` URIs openable with `openDevice`; returns the function that unregisters it. */
export declare function registerSimLink(): () => void;

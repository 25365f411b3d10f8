import type { Faults } from '../src/transport/memory.ts';
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
export declare function parseSimFaults(spec: string): SimFaults;
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
export declare function startSim(options?: SimOptions): Promise<SimServer>;

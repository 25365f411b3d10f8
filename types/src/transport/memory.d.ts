import { seededRandom } from '../util/random.ts';
import type { Transport } from './types.ts';
export { seededRandom };
export interface Faults {
    /** Probability that a write (or a received chunk) is lost entirely. */
    drop?: number;
    /** Probability that one random bit of a write (or a received chunk) is flipped. */
    corrupt?: number;
    /** Probability that a write (or a received chunk) arrives twice. */
    duplicate?: number;
    /** Close the link once this many bytes crossed it (both directions counted). */
    disconnectAfter?: number;
    /** Seed of the fault PRNG (default 1). */
    seed?: number;
    /** Which way the drop/corrupt/duplicate faults apply (default both). */
    direction?: 'write' | 'read' | 'both';
}
export interface MemoryPairOptions {
    /** Faults on every write, in both directions (each direction has its own PRNG stream). */
    faults?: Omit<Faults, 'direction' | 'disconnectAfter'>;
    /** Split each write into random-sized chunks, as a serial port or a socket would deliver it. */
    chunking?: boolean;
}
/** Two connected transports: what one writes, the other receives. */
export declare function createMemoryPair(options?: MemoryPairOptions): {
    host: Transport;
    board: Transport;
};
/** Counters of what a fault wrapper did, for tests and the board's status. */
export interface FaultStats {
    bytesWritten: number;
    bytesRead: number;
    dropped: number;
    corrupted: number;
    duplicated: number;
    disconnected: boolean;
}
/**
 * Wraps a transport with faults. Used by tests and by the simulated board's
 * `--fault drop=…,corrupt=…,dup=…,disconnect-after=N`.
 */
export declare function withFaults(transport: Transport, faults: Faults): Transport & {
    readonly stats: FaultStats;
};
/** Parses `drop=0.01,corrupt=0.01,dup=0.01,disconnect-after=5000,seed=7` (the board's `--fault`). */
export declare function parseFaults(spec: string): Faults;

/** The per-sample work of batch mode, shared by the in-thread path and the worker threads. */
import type { ErrorCode } from '../errors.ts';
import type { InputEvents } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
import { Emulator } from './emulator.ts';
export interface SampleRunner {
    emulator: Emulator;
    layerIndex: number;
    size: number;
    H: number;
    W: number;
    steps?: number;
}
export declare function makeSampleRunner(config: ChipConfig, outputLayer: string, steps?: number): SampleRunner;
/** A sample's events, read from its file when given as a path. */
export declare function sampleEvents(events: InputEvents | string): InputEvents;
/** Output spike count per neuron of the runner's layer (written into `counts`), and their total. */
export declare function countSample(runner: SampleRunner, events: InputEvents, counts: Int32Array): number;
/** An error as it crosses from a worker to the calling thread (a structured clone keeps no class). */
export interface WorkerError {
    code: ErrorCode;
    message: string;
    hint?: string;
}
export declare function errorOf(e: unknown): WorkerError;

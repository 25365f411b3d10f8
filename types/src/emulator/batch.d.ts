import type { InputEvents } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
export interface BatchSample {
    /** Events, or the path of a `t,c,y,x` CSV file (read by the worker). */
    events: InputEvents | string;
    label?: number;
}
/** What one run of a batch needs; the configuration is given per run, so one pool serves any network. */
export interface BatchRunOptions {
    /** Steps per sample; default: each sample's last event step + 1. */
    steps?: number;
    /** The layer whose spikes are counted; default: the network's output (the last core without destinations). */
    outputLayer?: string;
    onProgress?: (done: number, total: number) => void;
}
export interface BatchPoolOptions {
    /** Worker threads (default: 2, at most the machine's parallelism); 0 runs in the calling thread. */
    workers?: number;
}
export interface BatchOptions extends BatchRunOptions, BatchPoolOptions {
}
export interface BatchSampleResult {
    index: number;
    /** The sample's file, when given as a path. */
    file?: string;
    label?: number;
    /** Spike count per neuron of the output layer, index (c*H + y)*W + x. */
    counts: Int32Array;
    /** Argmax of `counts` (lowest index on ties; -1 when the layer did not spike). */
    prediction: number;
    spikes: number;
}
export interface BatchResult {
    outputLayer: string;
    samples: BatchSampleResult[];
    /** Share of labelled samples whose prediction equals the label (undefined without labels). */
    accuracy?: number;
    correct: number;
    labelled: number;
    /** Worker threads that ran samples (0: the calling thread). */
    workers: number;
    elapsedMs: number;
}
import type { WorkerError } from './runner.ts';
/**
 * To a worker, in order: a run's configuration, then chunks of its consecutive samples (from index
 * `first`). Every message names its run, so replies of a run that already failed are told apart.
 */
export type WorkerMessage = {
    kind: 'configure';
    run: number;
    config: ChipConfig;
    outputLayer: string;
    steps?: number;
} | {
    kind: 'task';
    run: number;
    first: number;
    samples: (InputEvents | string)[];
};
/**
 * A chunk's counts one sample after another (`size` each) and each sample's total; or why it failed:
 * at sample `failed`, or (without `failed`) because the run's configuration could not be built.
 */
export type WorkerReply = {
    run: number;
    first: number;
    counts: Int32Array;
    spikes: Int32Array;
} | {
    run: number;
    first: number;
    failed?: number;
    error: WorkerError;
};
/** The layer counted by default: the output core (no destinations) evaluated last. */
export declare function defaultOutputLayer(config: ChipConfig): string;
/**
 * Worker threads kept across batch runs. Runs are queued and go one at a time; each sends its own
 * configuration. Idle workers are unref()'ed, so a pool never keeps the process alive; `close()` ends
 * them, after which `run` fails. A worker that dies is replaced at the next run.
 */
export declare class BatchPool {
    /** Worker threads of the pool (0: runs go in the calling thread). */
    readonly workers: number;
    private readonly threads;
    private bootstrap?;
    private active?;
    private runs;
    private queue;
    private closing?;
    constructor(options?: BatchPoolOptions);
    /** Runs the samples on the pool's workers once the runs queued before this one are done. */
    run(config: ChipConfig, samples: BatchSample[], options?: BatchRunOptions): Promise<BatchResult>;
    /** Ends the workers (a run in progress fails); resolves once they have exited. */
    close(): Promise<void>;
    private start;
    /** A worker died (not by close): its slot is refilled at the next run; the run it was in fails. */
    private lost;
    private runNow;
    private runOnWorkers;
}
/** One batch on a pool of its own, closed afterwards (see `BatchPool` to keep workers across batches). */
export declare function runBatch(config: ChipConfig, samples: BatchSample[], options?: BatchOptions): Promise<BatchResult>;
/** Per-sample results as CSV: file (or index), label, prediction, output spikes, then one count per output neuron. */
export declare function formatBatchCsv(result: BatchResult): string;

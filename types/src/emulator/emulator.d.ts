/**
 * The event-driven emulator of a configured chip: exactly the semantics of chip-spec.md over a decoded
 * `ChipConfig`. Work per step grows with the input events times the kernel fan-out, plus one pass over
 * the cores whose neurons all need a visit (a bias, a positive threshold_low, a fresh initial state).
 */
import type { ChipProfile } from '../chip/profile.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import type { ChipConfig, CoreConfig } from '../image/config.ts';
import type { TracePoint, Traces } from './trace.ts';
export type Monitor = 'all' | 'last' | string[];
export interface EmulatorOptions {
    /** Which layers' spikes are reported; default: the cores whose `monitor` flag is set. */
    monitor?: Monitor;
    /** Chip profile for the bandwidth check (default: none, `bandwidthWarnings` then needs one). */
    profile?: ChipProfile;
    /** Neurons whose membrane is recorded after every step (see `traces()`). */
    trace?: TracePoint[];
}
export interface RunOptions {
    /** Steps to simulate; default: last event step + 1. */
    steps?: number;
    /** Receives spikes in batches (per chunk of steps); then `run` returns no spikes. */
    onSpikes?: (batch: Spikes) => void;
}
export interface CoreStats {
    coreId: number;
    layer: string;
    /** Synaptic operations (one event reaching one neuron through one weight). */
    synops: number;
    maxSynopsPerStep: number;
    /** Step of the maximum (-1 if no synaptic operation happened). */
    maxStep: number;
    spikes: number;
}
export interface EmulatorStats {
    steps: number;
    /** Input events outside the input map, the crop, or a destination's map (dropped, as on the chip). */
    droppedInputEvents: number;
    /** Spikes whose pooled address fell outside the destination's map. */
    droppedSpikes: number;
    cores: CoreStats[];
}
export interface BandwidthWarning {
    coreId: number;
    layer: string;
    maxSynopsPerStep: number;
    budget: number;
    step: number;
    message: string;
}
export declare class Emulator {
    readonly config: ChipConfig;
    /** Layer names of the cores, in `config.cores` order; `Spikes.layer` indexes this. */
    readonly layers: string[];
    private readonly profile?;
    private readonly cores;
    private readonly order;
    private readonly byLayer;
    private readonly input;
    private readonly queue;
    private readonly out;
    private currentStep;
    private droppedInput;
    private readonly tracePoints;
    private traceRows;
    private traceV;
    constructor(config: ChipConfig, options?: EmulatorOptions);
    /** The next step to simulate (steps before it are done). */
    get step(): number;
    setMonitor(m: Monitor): void;
    /** Layer names currently monitored. */
    monitored(): string[];
    private coreOf;
    private setTrace;
    /** Membrane state of a layer, layout of `CoreConfig.initialState`: (f*H + y)*W + x. */
    readState(layer: string): Int16Array;
    writeState(layer: string, values: Int16Array): void;
    /** State back to the configured initial state, step 0, no pending events, statistics and traces cleared. */
    reset(): void;
    /** Queues input events (steps >= the current step, non-decreasing). */
    feed(events: InputEvents): void;
    /** Simulates steps [step, toStep), handing spikes of monitored layers to `sink` in batches. */
    advance(toStep: number, sink: (batch: Spikes) => void): void;
    private flush;
    /**
     * Simulates a whole recording from step 0 (resetting first if the emulator already ran) and returns
     * the spikes of monitored layers; with `onSpikes`, hands them over in batches and returns none.
     */
    run(events: InputEvents, options?: RunOptions): Spikes;
    /**
     * Streams a recording from step 0 (resetting first if needed): input chunks in step order, spikes out
     * as each chunk's complete steps are simulated.
     */
    stream(input: AsyncIterable<InputEvents> | InputEvents, options?: {
        steps?: number;
    }): AsyncIterable<Spikes>;
    private simulateStep;
    private deliverInput;
    private recordTraces;
    /** Membrane traces recorded so far (option `trace`): the state after every step. */
    traces(): Traces;
    stats(): EmulatorStats;
    /** Cores whose synaptic operations in some step exceeded the profile's budget (a real chip would stall). */
    bandwidthWarnings(profile?: ChipProfile | undefined): BandwidthWarning[];
}
/** Runs a recording on a fresh emulator. */
export declare function runEmulator(config: ChipConfig, events: InputEvents, options?: EmulatorOptions & RunOptions): Spikes;
/** The cores with no destinations: the network's outputs. */
export declare function outputCores(config: ChipConfig): CoreConfig[];

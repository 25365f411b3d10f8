/**
 * One core of the event-driven engine: its typed arrays laid out once from a `CoreConfig`, the scatter
 * of one step's input events through the kernel, and the neuron update of chip-spec.md.
 *
 * Internal layouts differ from the config's on purpose: the membrane is position-major ((y*W + x)*F + f)
 * and the weights input-major with kx reversed and grouped by phase: the reversed column rk = k-1-kx sits
 * at column (rk % sx)*ceil(k/sx) + floor(rk/sx) of a row of kw = sx*ceil(k/sx) columns
 * (((c*k + ky)*kw + column)*F + f). Consecutive output columns of one input use columns rk, rk + sx, ...:
 * adjacent, so for any stride a row of outputs and their weights is one contiguous run of (ox, f).
 *
 * A step's input is summed exactly (int32) before the neuron update saturates it: either two features
 * per int32 (when no sum can leave int16; half the adds, unpacked by the update) or straight into the
 * membrane. A neuron below threshold_high only needs the floor (which also covers saturation at -32768,
 * as threshold_low >= -32768); one at or above it fires.
 *
 * Speed notes (nmnist_csnn, measured; see bench/emulator.bench.ts): the update visits either the marked
 * positions or, when the step's input reaches most of the map, the whole map in order (no marking). Its
 * loops are branch-free where the outcome is a coin toss (floor, which neuron fires, first arrival at an
 * address) and write as little as possible (stores bound them). Firing neurons are listed and their spikes
 * sent afterwards through per-neuron address tables. Typed-array loops like these run about 20% slower
 * in a thread that has detached an ArrayBuffer (V8's detaching protector): batch workers never transfer.
 */
import type { CoreConfig } from '../image/config.ts';
import type { SpikeBuffer } from './buffers.ts';
/** Events arriving at a core within the current step, summed per input address (c, y, x). */
export interface InputPort {
    C: number;
    H: number;
    W: number;
    /** Event count per address, index (c*H + y)*W + x; zero outside the current step. */
    count: Int32Array;
    /** Addresses with a non-zero count, in arrival order. */
    list: Int32Array;
    n: number;
    /** Events whose pooled address fell outside the map (dropped, as the chip does). */
    dropped: number;
}
export declare function makePort(C: number, H: number, W: number): InputPort;
export interface CoreRuntime {
    cfg: CoreConfig;
    /** Index of the layer name in the emulator's `layers`. */
    layerIndex: number;
    F: number;
    H: number;
    W: number;
    k: number;
    port: InputPort;
    weights: Int32Array;
    bias: Int32Array;
    hasBias: boolean;
    thresholdHigh: number;
    thresholdLow: number;
    zeroReset: boolean;
    /** Every neuron is visited every step (a bias, or a positive threshold_low that lifts idle neurons). */
    alwaysVisit: boolean;
    /** Visit every neuron at the next step (initial state, or a state written by the user). */
    visitAll: boolean;
    /** Membrane, int16 values between steps (int32 so a step's input can be summed in place). */
    state: Int32Array;
    /** Per input row: the first and last output row it reaches, and the kernel row at the first. */
    oyLo: Int32Array;
    oyHi: Int32Array;
    kyLo: Int32Array;
    oxLo: Int32Array;
    oxHi: Int32Array;
    /** Per input column: the weight column (see the layout above) of the first output column it reaches. */
    colLo: Int32Array;
    /** Weight columns per kernel row (k rounded up to a multiple of sx). */
    kw: number;
    sy: number;
    sx: number;
    /** Input address (c*H + y)*W + x -> c, y, x (no divisions in the scatter). */
    addrC: Uint16Array;
    addrY: Uint16Array;
    addrX: Uint16Array;
    /** Output positions one input address reaches at most. */
    fanMax: number;
    /**
     * Two features per int32 (f = 2g in the low 16 bits, 2g + 1 in the high 16): half the adds. Used for
     * a step only when no sum can leave int16 (|w| max times the step's input events <= 32767); the
     * update folds the pairs into the membrane.
     */
    F2: number;
    pairWeights: Int32Array;
    pairAcc: Int32Array;
    pairPending: boolean;
    /** F even and threshold_low < threshold_high: dense steps can use `updatePairsDense`. */
    pairsDense: boolean;
    maxAbsWeight: number;
    /** Output positions (y*W + x) touched by this step's scatter. */
    posFlag: Uint8Array;
    posList: Int32Array;
    posN: number;
    /** Set by the scatter when this step touched enough positions that the update visits them all. */
    denseStep: boolean;
    /** Neurons that fired this step (state index) and their spike counts. */
    firedJ: Int32Array;
    firedN: Int32Array;
    /** Membrane values of the fired neurons before saturation and reset. */
    firedV: Int32Array;
    destPorts: InputPort[];
    destPooling: Int32Array;
    /** Per destination, per neuron (state index): the pooled address in its port, or -1 (dropped). */
    destAddr: Int32Array[];
    monitored: boolean;
    synops: number;
    synopsMaxPerStep: number;
    synopsMaxStep: number;
    stepSynops: number;
    spikes: number;
}
export declare function buildCore(cfg: CoreConfig, layerIndex: number, port: InputPort): CoreRuntime;
/** Connects a core's outputs to its destinations' ports, with the pooled address of every neuron. */
export declare function connectCore(core: CoreRuntime, ports: InputPort[]): void;
/** State back to the configured initial state; nothing pending. */
export declare function resetCore(core: CoreRuntime): void;
/** The membrane state in the config's layout (f*H + y)*W + x. */
export declare function readCoreState(core: CoreRuntime): Int16Array;
export declare function writeCoreState(core: CoreRuntime, values: Int16Array): void;
export declare function scatter(core: CoreRuntime): void;
/**
 * Updates the neurons that can change at step t: those at positions that received input, or all of them
 * when needed (or when the scatter found the layer dense). The firing neurons are listed (index, count)
 * and their spikes sent on afterwards, so the update loops stay small and branch-light.
 */
export declare function update(core: CoreRuntime, t: number, out: SpikeBuffer | null): void;

/**
 * Events as struct-of-arrays (no per-event objects): the emulator, the wire codec and the file readers
 * all speak these. `t` is the step index (non-decreasing within a stream).
 */
export interface InputEvents {
    count: number;
    t: Int32Array;
    c: Int32Array;
    y: Int32Array;
    x: Int32Array;
}
/** Spikes in network terms: `layer[i]` indexes `layers` (layer names). */
export interface Spikes {
    count: number;
    layers: string[];
    t: Int32Array;
    layer: Int32Array;
    c: Int32Array;
    y: Int32Array;
    x: Int32Array;
}
/** A neuron in network terms. */
export interface NeuronRef {
    layer: string;
    c: number;
    y: number;
    x: number;
}
export declare function makeInputEvents(capacity: number): InputEvents;
export declare function makeSpikes(layers: string[], capacity: number): Spikes;

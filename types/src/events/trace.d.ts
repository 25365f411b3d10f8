import type { NeuronRef, Spikes } from './types.ts';
/** Rows like spikes, each with the membrane value `v` of its neuron at step `t`. */
export interface Traces extends Spikes {
    v: Float64Array | Int32Array;
}
export declare function parseTraceCsv(text: string, file?: string): Traces;
export declare function readTraceCsv(path: string): Traces;
/** Every neuron that has a trace, in order of first appearance. */
export declare function tracedNeurons(traces: Traces): NeuronRef[];
/** "layer:c:y:x" or "layer:i" (a linear layer's neuron i). Layer names may hold ':' (the last parts are numbers). */
export declare function parseNeuronRef(text: string): NeuronRef;
export declare function formatTraceCsv(tr: Traces): string;
export declare function writeTraceCsv(path: string, tr: Traces): void;

import type { LayerOf, Network, Shape3 } from './schema.ts';
export interface GroupSource {
    /** An IF layer's name, or the network input's name. */
    from: string;
    /** Sum pooling [ph, pw] (stride = size) applied on the way; [1, 1] for none. */
    pooling: [number, number];
}
export interface LayerGroup {
    /** The IF layer's name (the chip layer's name). */
    name: string;
    weighted: LayerOf<'conv2d'> | LayerOf<'linear'>;
    neuron: LayerOf<'if'>;
    sources: GroupSource[];
    /** The map the weighted stage reads (after the sources' pooling; before any flatten). */
    inputShape: Shape3;
    /** The IF stage's map: [F, H, W], or [F, 1, 1] for linear. */
    outputShape: Shape3;
    /** Factor the weights (not the bias) must be multiplied by: 1/(kh*kw) of every AvgPool2d folded in. */
    weightFactor: number;
    /** Pool sizes of the AvgPool2d layers folded in (their product divides the weights), for reports. */
    avgPoolDivisors: number[];
}
export declare function groupLayers(network: Network): LayerGroup[];

import type { Shape3 } from '../network/schema.ts';
import type { Traces } from './trace.ts';
import type { NeuronRef, Spikes } from './types.ts';
export interface PlotOptions {
    /** Layers to draw, in this order; default: every layer of the recording. */
    layers?: string[];
    /** [C, H, W] per layer when known (from the network); default the extent of the spikes. */
    shapes?: Record<string, Shape3>;
    /** Add spike-count heat maps per channel for convolutional layers (H * W > 1). */
    heatmap?: boolean;
    /** Membrane traces to draw under the rasters. */
    traces?: Traces;
    /** Which traced neurons (default: up to 4, those with the most spikes). */
    traceNeurons?: NeuronRef[];
    /** threshold_high per layer, drawn as a dashed line on its traces. */
    thresholds?: Record<string, number>;
    /** Number of steps on the time axis (default: last step + 1). */
    steps?: number;
    title?: string;
    /** Width of the picture in px (default 960). */
    width?: number;
}
/** Tick values 1/2/5 x 10^k covering [lo, hi], about `target` of them. */
export declare function niceTicks(lo: number, hi: number, target?: number): number[];
/** An SVG document of the recording. */
export declare function plotSpikes(spikes: Spikes, options?: PlotOptions): string;

/** A summary of an event file (what `spikeforge events info` prints). */
import type { EventFormat, EventRecording } from './io.ts';
export interface LayerSummary {
    layer: string;
    count: number;
    /** Smallest [C, H, W] that holds the layer's events. */
    extent: [number, number, number];
    firstStep: number;
    lastStep: number;
}
export interface EventSummary {
    format: EventFormat;
    kind: 'input' | 'spikes';
    count: number;
    steps: number;
    /** Input events: the smallest [C, H, W] that holds them; spikes: per layer in `layers`. */
    extent: [number, number, number];
    layers: LayerSummary[];
    /** Mean events per step over [0, steps). */
    perStep: number;
}
export declare function summarizeEvents(rec: EventRecording): EventSummary;
export declare function formatEventSummary(path: string, s: EventSummary): string;

/**
 * The dense reference: chip-spec.md written as plainly as possible over the config's own layouts (a
 * full convolution of every core every step). Slow on purpose; the event-driven engine is tested
 * against it and the benchmark reports both.
 */
import type { InputEvents, Spikes } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
/** Spikes of every core (monitor all) over `steps` steps. */
export declare function denseReference(config: ChipConfig, events: InputEvents, steps: number): Spikes;

import type { InputEvents } from './types.ts';
export interface MovingBarsOptions {
    /**
     * Orientation of the bars in degrees, counter-clockwise as seen on screen (y grows downwards):
     * 0 = horizontal bars moving down, 90 = vertical bars moving right, 45 = rising to the right.
     */
    angleDeg: number;
    /** Steps to generate (default 64). */
    steps?: number;
    /** Sensor size: n for n x n, or [height, width] (default 32). */
    size?: number | [number, number];
    /** Pixels per step along the bars' normal (default 1). */
    speed?: number;
    /** Seed of the noise, drop-out and the bars' phase (default 1). */
    seed?: number;
    /** Bar thickness in pixels (default 4). */
    barWidth?: number;
    /** Distance between bar starts in pixels (default 16). */
    period?: number;
    /** Mean random background events per step, either polarity (default 0). */
    noise?: number;
    /** Probability that an edge event is lost (default 0). */
    dropout?: number;
}
export declare function movingBars(options: MovingBarsOptions): InputEvents;

/**
 * The demo a newcomer runs first: the shipped orientation network, bars moving at four known angles,
 * compile, a simulated board (pseudo-terminal, else TCP, else in-process), flash, run, read back,
 * check against the offline emulator, draw the raster, and say which output channel won per angle.
 */
import { type FitReport } from '../compiler/index.ts';
import type { SpikeDiff } from '../events/diff.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
/** The shipped demo network (resolved from this module, not the current directory). */
export declare const ORIENTATION_NETWORK: string;
/** Output channel i of the orientation network stands for bars at ORIENTATION_ANGLES[i] degrees. */
export declare const ORIENTATION_ANGLES: number[];
export type DemoLink = 'pty' | 'tcp' | 'in-process';
export interface DemoOptions {
    /** Folder for raster.svg and the demo's event files (default: the current directory). */
    outDir?: string;
    /** Links to try, in order (default: pty, tcp, in-process). */
    links?: DemoLink[];
    /** Steps of bars per angle (default 40), followed by `gapSteps` without input (default 8). */
    segmentSteps?: number;
    gapSteps?: number;
    seed?: number;
    /** Progress lines (default: none). */
    log?: (line: string) => void;
    /** Called once the network is compiled (before the board starts), e.g. to print the fit report. */
    onCompiled?: (report: FitReport) => void;
    onFlashProgress?: (bytes: number, total: number) => void;
    onFlashStart?: (total: number) => void;
    onFlashEnd?: () => void;
}
export interface DemoSegment {
    angle: number;
    firstStep: number;
    lastStep: number;
    /** Output spikes per channel within the segment (board). */
    counts: number[];
    winner: number;
    expected: number;
    ok: boolean;
}
export interface DemoResult {
    report: FitReport;
    link: DemoLink;
    uri: string;
    /** Why faster links were skipped (e.g. no socat). */
    fallbacks: string[];
    flashBytes: number;
    steps: number;
    inputEvents: number;
    board: Spikes;
    diff: SpikeDiff;
    segments: DemoSegment[];
    files: {
        raster: string;
        input: string;
        spikes: string;
    };
    network: string;
    elapsedMs: number;
}
/** Bars at each angle in turn: `segmentSteps` of motion, then a gap, so the raster reads left to right. */
export declare function demoStimulus(segmentSteps?: number, gapSteps?: number, seed?: number): InputEvents;
export declare function runDemo(options?: DemoOptions): Promise<DemoResult>;
/** The closing summary: the verdict per angle, the comparison, the files, what to try next. */
export declare function formatDemoSummary(r: DemoResult, relative?: (p: string) => string): string;

/** The NIR import flags of every command that reads a network (inspect, convert, compile, run, compare). */
import { type Command } from 'commander';
import type { NirImportOptions } from '../network/index.ts';
export interface NirCliOptions {
    reset?: 'subtract' | 'zero';
    thresholdLow?: string;
    collapseThresholds?: boolean;
}
export declare function nirImportFlags(cmd: Command): Command;
export declare function importOptionsOf(opts: NirCliOptions): NirImportOptions;

import type { Shape3 } from '../network/schema.ts';
/** A whole number written in decimal digits, at least `min` (and at most `max`). */
export declare function parseInteger(flag: string, text: string, min: number, max?: number): number;
/** `parseInteger` of an option that may be absent. */
export declare function optionalInteger(flag: string, text: string | undefined, min: number, max?: number): number | undefined;
/** A number > 0 (fractions allowed), or undefined when the option is absent. */
export declare function optionalPositive(flag: string, text: string | undefined): number | undefined;
/** "C,H,W" (or CxHxW) of positive integers, or undefined when the option is absent. */
export declare function optionalShape(flag: string, text: string | undefined): Shape3 | undefined;
/** One of `choices`. */
export declare function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T;
/** Repeated "layer=value" items -> { layer: value }. */
export declare function parseLayerValues(flag: string, items: string[] | undefined): Record<string, number> | undefined;
/** Commander argument parser of a repeatable, comma-separated list option. */
export declare function collect(value: string, previous?: string[]): string[];

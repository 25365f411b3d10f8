/**
 * Parsing of option texts shared by the commands (the compiler's own options are in
 * ../compiler/options.ts). Every failure is a USAGE error that names the flag and the value given.
 */
import { SpikeforgeError } from '../errors.ts';
import type { Shape3 } from '../network/schema.ts';

/** A whole number written in decimal digits, at least `min` (and at most `max`). */
export function parseInteger(flag: string, text: string, min: number, max?: number): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) {
    const range = max === undefined ? `>= ${min}` : `in ${min}..${max}`;
    throw new SpikeforgeError('USAGE', `${flag}: "${text}" is not an integer ${range}`);
  }
  return n;
}

/** `parseInteger` of an option that may be absent. */
export function optionalInteger(
  flag: string,
  text: string | undefined,
  min: number,
  max?: number,
): number | undefined {
  return text === undefined ? undefined : parseInteger(flag, text, min, max);
}

/** A number > 0 (fractions allowed), or undefined when the option is absent. */
export function optionalPositive(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n) || n <= 0) {
    throw new SpikeforgeError('USAGE', `${flag}: "${text}" is not a number > 0`);
  }
  return n;
}

/** "C,H,W" (or CxHxW) of positive integers, or undefined when the option is absent. */
export function optionalShape(flag: string, text: string | undefined): Shape3 | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(/[,x]/).map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN));
  if (parts.length !== 3 || parts.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
    throw new SpikeforgeError('USAGE', `${flag}: "${text}" is not C,H,W (three positive integers)`, {
      hint: `e.g. ${flag} 2,34,34`,
    });
  }
  return parts as Shape3;
}

/** One of `choices`. */
export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new SpikeforgeError('USAGE', `${flag}: "${text}" is not one of ${choices.join(', ')}`);
}

/** Repeated "layer=value" items -> { layer: value }. */
export function parseLayerValues(
  flag: string,
  items: string[] | undefined,
): Record<string, number> | undefined {
  if (!items) return undefined;
  const out: Record<string, number> = {};
  for (const item of items) {
    const at = item.lastIndexOf('=');
    const text = item.slice(at + 1);
    const v = text.trim() === '' ? Number.NaN : Number(text);
    if (at <= 0 || !Number.isFinite(v)) {
      throw new SpikeforgeError('USAGE', `${flag}: "${item}" is not layer=value`, {
        hint: `e.g. ${flag} conv1=444`,
      });
    }
    out[item.slice(0, at)] = v;
  }
  return out;
}

/** Commander argument parser of a repeatable, comma-separated list option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter((s) => s !== '')];
}

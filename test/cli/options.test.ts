import { describe, expect, it } from 'vitest';
import { importOptionsOf } from '../../src/cli/network-options.ts';
import {
  collect,
  optionalInteger,
  optionalPositive,
  optionalShape,
  parseChoice,
  parseInteger,
  parseLayerValues,
} from '../../src/cli/options.ts';
import { errorOf } from '../helpers.ts';

describe('CLI option parsing', () => {
  it('integers: decimal digits only, inside the range, the flag and value named', () => {
    expect(parseInteger('--steps', '12', 1)).toBe(12);
    expect(parseInteger('--tcp', ' 0 ', 0, 65535)).toBe(0);
    expect(optionalInteger('--steps', undefined, 1)).toBeUndefined();
    for (const bad of ['2.5', '0x10', '1e3', '', '-1', 'ten', '0']) {
      const e = errorOf(() => parseInteger('--steps', bad, 1));
      expect(e.code).toBe('USAGE');
      expect(e.message).toBe(`--steps: "${bad}" is not an integer >= 1`);
    }
    // A whole number, only too large, is said to be that.
    expect(errorOf(() => parseInteger('--tcp', '70000', 0, 65535)).message).toBe(
      '--tcp: 70000 is too large (at most 65535)',
    );
    expect(errorOf(() => parseInteger('--steps', '99999999999999999999', 1)).message).toBe(
      `--steps: 99999999999999999999 is too large (at most ${Number.MAX_SAFE_INTEGER})`,
    );
  });

  it('positive numbers allow fractions, nothing else', () => {
    expect(optionalPositive('--step-us', '0.5')).toBe(0.5);
    expect(optionalPositive('--step-us', undefined)).toBeUndefined();
    for (const bad of ['0', '-3', 'abc', ' ']) {
      expect(errorOf(() => optionalPositive('--step-us', bad)).message).toBe(
        `--step-us: "${bad}" is not a number > 0`,
      );
    }
  });

  it('shapes are three positive integers, comma or x separated', () => {
    expect(optionalShape('--shape', '2,34,34')).toEqual([2, 34, 34]);
    expect(optionalShape('--shape', '2x34x34')).toEqual([2, 34, 34]);
    for (const bad of ['2x3', '2,0,4', '2,3.5,4', '1,2,3,4']) {
      const e = errorOf(() => optionalShape('--shape', bad));
      expect(e.message).toBe(`--shape: "${bad}" is not C,H,W (three positive integers)`);
      expect(e.hint).toBe('e.g. --shape 2,34,34');
    }
  });

  it('choices list what is allowed', () => {
    expect(parseChoice('--verify', 'readback', ['crc', 'readback'])).toBe('readback');
    expect(errorOf(() => parseChoice('--verify', 'md5', ['crc', 'readback'])).message).toBe(
      '--verify: "md5" is not one of crc, readback',
    );
  });

  it('layer=value lists and repeatable comma lists', () => {
    expect(parseLayerValues('--threshold', ['conv1=444', 'a=b=-2'])).toEqual({ conv1: 444, 'a=b': -2 });
    for (const bad of ['conv1', '=3', 'conv1=', 'conv1=x']) {
      expect(errorOf(() => parseLayerValues('--threshold', [bad])).message).toBe(
        `--threshold: "${bad}" is not layer=value`,
      );
    }
    expect(collect('c,d', collect('a,,b'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('NIR import flags: the membrane floor is a number <= 0, an empty value is not 0', () => {
    expect(importOptionsOf({ thresholdLow: '-2.5', reset: 'zero' })).toEqual({
      thresholdLow: -2.5,
      reset: 'zero',
    });
    for (const bad of ['', ' ', '3', 'low']) {
      expect(errorOf(() => importOptionsOf({ thresholdLow: bad })).message).toBe(
        `--threshold-low: "${bad}" is not a number <= 0`,
      );
    }
  });
});

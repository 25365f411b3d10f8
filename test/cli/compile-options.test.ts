import { describe, expect, it } from 'vitest';
import { parseCrop, parseMonitor, parsePlacement, parseSize } from '../../src/cli/options.ts';

describe('compiler option texts', () => {
  it('--place', () => {
    expect(parsePlacement('conv1=5, conv2=6')).toEqual({ conv1: 5, conv2: 6 });
    expect(() => parsePlacement('conv1:5')).toThrow(/"conv1:5" is not layer=core/);
    expect(() => parsePlacement('a=1,a=2')).toThrow(/pinned twice/);
  });
  it('--monitor', () => {
    expect(parseMonitor('all')).toBe('all');
    expect(parseMonitor('last')).toBe('last');
    expect(parseMonitor('a,b')).toEqual(['a', 'b']);
    expect(() => parseMonitor(',')).toThrow(/--monitor/);
  });
  it('--crop and --sensor', () => {
    expect(parseCrop('1,2,35,36')).toEqual([1, 2, 35, 36]);
    expect(() => parseCrop('1,2,3')).toThrow(/y0,x0,y1,x1/);
    for (const bad of ['1,,35,36', '0x1,2,35,36', '1e1,2,35,36', '-1,2,35,36', '1.5,2,35,36']) {
      expect(() => parseCrop(bad)).toThrow(
        `--crop: "${bad}" is not y0,x0,y1,x1 (four non-negative integers)`,
      );
    }
    expect(parseSize('128x96', '--sensor')).toEqual([128, 96]);
    expect(() => parseSize('128', '--sensor')).toThrow(/--sensor: "128" is not HEIGHTxWIDTH/);
  });
});

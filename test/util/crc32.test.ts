import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/util/crc32.ts';

describe('crc32', () => {
  it('gives the IEEE check value and continues a running CRC', () => {
    const data = new TextEncoder().encode('123456789');
    expect(crc32(data)).toBe(0xcbf43926);
    expect(crc32(data, 4, 9, crc32(data, 0, 4))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

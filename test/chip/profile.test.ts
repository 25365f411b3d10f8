import { describe, expect, it } from 'vitest';
import { dynapcnn9, getProfile } from '../../src/chip/index.ts';

describe('chip profile dynapcnn9', () => {
  it('has the memory figures of chip-spec.md', () => {
    expect(dynapcnn9.cores.map((c) => c.kernelMemory / 1024)).toEqual([16, 16, 16, 32, 32, 64, 64, 16, 16]);
    expect(dynapcnn9.cores.map((c) => c.neuronMemory / 1024)).toEqual([64, 64, 64, 32, 32, 16, 16, 16, 16]);
    expect(getProfile('dynapcnn9')).toBe(dynapcnn9);
  });
  it('rejects an unknown profile with the known ones as hint', () => {
    expect(() => getProfile('loihi')).toThrow(/unknown chip profile "loihi"/);
  });
});

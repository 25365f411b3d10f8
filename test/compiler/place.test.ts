import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import type { ChipProfile } from '../../src/chip/profile.ts';
import { place, tryPlace } from '../../src/compiler/index.ts';

const Ki = 1024;
const d = (layer: string, kernel: number, neuron: number, bias = 0) => ({ layer, kernel, neuron, bias });

describe('placement (max-flow matching)', () => {
  it('finds a matching a greedy first-fit would miss', () => {
    // "a" fits every core, "b" and "c" only the 64Ki-kernel cores 5 and 6: "a" must stay off them.
    const profile: ChipProfile = {
      ...dynapcnn9,
      cores: dynapcnn9.cores.filter((c) => [0, 5, 6].includes(c.id)),
    };
    const m = place([d('b', 64 * Ki, 1), d('a', 1, 1), d('c', 40 * Ki, 1)], profile);
    expect([...m.entries()].sort()).toEqual([
      ['a', 0],
      ['b', 5],
      ['c', 6],
    ]);
  });

  it('displaces an earlier layer when a later one needs its core', () => {
    // With only cores 5 and 0, "a" (fits both) prefers... whichever; "b" needs 5: matching moves "a".
    const profile: ChipProfile = {
      ...dynapcnn9,
      cores: dynapcnn9.cores.filter((c) => [0, 5].includes(c.id)),
    };
    const m = place([d('a', 8 * Ki, 16 * Ki), d('b', 64 * Ki, 1)], profile);
    expect(m.get('b')).toBe(5);
    expect(m.get('a')).toBe(0);
  });

  it('prefers the smallest core that fits and is deterministic', () => {
    const demands = [d('x', 1, 1), d('y', 20 * Ki, 1), d('z', 50 * Ki, 1)];
    const a = place(demands, dynapcnn9);
    expect([...a]).toEqual([...place(demands, dynapcnn9)]);
    expect(a.get('x')).toBe(7);
    expect(a.get('y')).toBe(3);
    expect(a.get('z')).toBe(5);
  });

  it('names the layers that compete and the cores they compete for', () => {
    const r = tryPlace([d('p', 1, 1), d('a', 64 * Ki, 1), d('b', 64 * Ki, 1), d('c', 33 * Ki, 1)], dynapcnn9);
    expect(r.problems).toEqual([
      'layers "a", "b", "c" compete for cores 5, 6: 3 layers, 2 cores that fit them',
    ]);
    expect(r.assignment.size).toBe(3);
    expect(() => place([d('a', 64 * Ki, 1), d('b', 64 * Ki, 1), d('c', 64 * Ki, 1)], dynapcnn9)).toThrow(
      /no placement of layers on cores/,
    );
  });

  it('pins are honoured; a pin that takes the only core of another layer is reported', () => {
    expect(place([d('a', 1, 1), d('b', 1, 1)], dynapcnn9, { a: 6, b: 0 })).toEqual(
      new Map([
        ['a', 6],
        ['b', 0],
      ]),
    );
    const r = tryPlace([d('a', 1, 1), d('b', 64 * Ki, 1), d('c', 64 * Ki, 1)], dynapcnn9, { a: 5 });
    expect(r.problems.join('\n')).toMatch(/layers "b", "c" compete for cores 6/);
  });

  it('a layer that fits no core is named with its needs', () => {
    const r = tryPlace([d('huge', 128 * Ki, 1)], dynapcnn9);
    expect(r.problems).toEqual([
      'layer "huge" fits no core: needs kernel 131072 (128Ki), neuron 1, bias 0 words',
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { formatNetworkJson, hashNetwork, loadNetwork, parseNetworkJson } from '../../src/network/index.ts';
import { quantize } from '../../src/quantize/index.ts';
import { repoRoot } from '../fixtures.ts';

const example = (name: string): string => join(repoRoot, 'examples', name);

describe('example networks', () => {
  it('load, quantize and round trip through JSON', async () => {
    for (const name of ['classifier.json', 'branch-merge.json']) {
      const n = await loadNetwork(example(name));
      const q = quantize(n, dynapcnn9);
      expect(q.layers.length).toBeGreaterThan(1);
      const again = parseNetworkJson(formatNetworkJson(n, { base64Above: 100 }));
      expect(hashNetwork(again)).toBe(hashNetwork(n));
    }
  });

  it('branch-merge has a fan-out of 2 and a two-source merge', async () => {
    const q = quantize(await loadNetwork(example('branch-merge.json')), dynapcnn9);
    const merge = q.layers.find((l) => l.name === 'merge_spk')!;
    expect(merge.sources).toEqual([
      { from: 'left_spk', pooling: [1, 1] },
      { from: 'right_spk', pooling: [1, 1] },
    ]);
    const readers = q.layers.filter((l) => l.sources.some((s) => s.from === 'stem_spk'));
    expect(readers.map((l) => [l.name, l.sources[0].pooling])).toEqual([
      ['left_spk', [2, 2]],
      ['right_spk', [1, 1]],
    ]);
  });

  it('the snippet in examples/README.md is a valid network', () => {
    const readme = readFileSync(example('README.md'), 'utf8');
    const snippet = /```json\n([\s\S]*?)```/.exec(readme)![1];
    const n = parseNetworkJson(snippet, 'README.md');
    expect(n.layers.map((l) => l.name)).toEqual(['conv1', 'spk1']);
  });
});

/** Shared inputs of the device tests: the golden N-MNIST CSNN compiled to an image, its input and expectations. */
import { readFileSync } from 'node:fs';
import { getProfile } from '../../src/chip/index.ts';
import { compile } from '../../src/compiler/index.ts';
import { parseInputCsv } from '../../src/events/csv.ts';
import type { InputEvents, Spikes } from '../../src/events/types.ts';
import type { ChipConfig } from '../../src/image/config.ts';
import { encodeImage } from '../../src/image/index.ts';
import { loadNetwork } from '../../src/network/index.ts';
import { quantize } from '../../src/quantize/index.ts';
import { goldenFile } from '../fixtures.ts';

export interface Compiled {
  config: ChipConfig;
  image: Uint8Array;
}

const cache = new Map<string, Compiled>();

/** A golden case compiled for dynapcnn9 (monitor: every layer). */
export async function compiledCase(name: string, monitor: 'all' | 'last' = 'all'): Promise<Compiled> {
  const key = `${name}/${monitor}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const profile = getProfile('dynapcnn9');
  const network = await loadNetwork(goldenFile(name, 'network.nir'));
  const { config } = compile(quantize(network, profile), profile, { monitor });
  const out = { config, image: encodeImage(config) };
  cache.set(key, out);
  return out;
}

export function goldenInput(name: string): InputEvents {
  return parseInputCsv(readFileSync(goldenFile(name, 'input.csv'), 'utf8'));
}

export function goldenSteps(name: string): number {
  return (JSON.parse(readFileSync(goldenFile(name, 'meta.json'), 'utf8')) as { steps: number }).steps;
}

export { rowsOf as spikeRows } from '../helpers.ts';

/** Rows of a golden expected.csv (`t,layer,c,y,x`), sorted. */
export function expectedRows(name: string): string[] {
  const lines = readFileSync(goldenFile(name, 'expected.csv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const head = lines[0].split(',').map((s) => s.trim());
  const idx = ['t', 'layer', 'c', 'y', 'x'].map((k) => head.indexOf(k));
  return lines
    .slice(1)
    .map((l) => {
      const f = l.split(',');
      return idx.map((i) => f[i].trim()).join(',');
    })
    .sort();
}

export async function collect(it: AsyncIterable<Spikes>): Promise<Spikes[]> {
  const out: Spikes[] = [];
  for await (const s of it) out.push(s);
  return out;
}

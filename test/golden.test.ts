/**
 * THE acceptance test of the emulator: every golden case, through the whole pipeline (NIR -> quantize ->
 * compile -> image bytes -> decode -> emulate), matches sinabs' spikes exactly, as a multiset.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../src/chip/index.ts';
import { compileNetwork } from '../src/compiler/index.ts';
import { denseReference, Emulator } from '../src/emulator/index.ts';
import { readInputCsv, readSpikesCsv } from '../src/events/csv.ts';
import type { Spikes } from '../src/events/types.ts';
import { decodeImage, encodeImage } from '../src/image/index.ts';
import { loadNetwork } from '../src/network/index.ts';
import { goldenCases, goldenFile } from './fixtures.ts';
import { rowsOf } from './helpers.ts';

function perLayer(s: Spikes): Record<string, number> {
  const m: Record<string, number> = {};
  for (let i = 0; i < s.count; i++) m[s.layers[s.layer[i]]] = (m[s.layers[s.layer[i]]] ?? 0) + 1;
  return m;
}

describe('golden cases through the whole pipeline', () => {
  for (const name of goldenCases()) {
    it(name, async () => {
      const meta = JSON.parse(readFileSync(goldenFile(name, 'meta.json'), 'utf8')) as {
        steps: number;
      };
      const network = await loadNetwork(goldenFile(name, 'network.nir'));
      const { config } = compileNetwork(network, dynapcnn9);
      const decoded = decodeImage(encodeImage(config));
      const events = readInputCsv(goldenFile(name, 'input.csv'));
      const expected = readSpikesCsv(goldenFile(name, 'expected.csv'));

      const got = new Emulator(decoded, { monitor: 'all' }).run(events, { steps: meta.steps });
      // (meta.json's counts for saturate_int16 are sinabs' unsaturated ones; expected.csv is the spec.)
      expect(perLayer(got)).toEqual(perLayer(expected));
      expect(rowsOf(got)).toEqual(rowsOf(expected));
      if (name === 'integer_exact' || name === 'saturate_int16') {
        // The dense reference agrees too (the larger cases take too long densely for a unit test).
        expect(rowsOf(denseReference(decoded, events, meta.steps))).toEqual(rowsOf(expected));
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import * as sf from '../src/index.ts';
import { goldenFile } from './fixtures.ts';

describe('public API', () => {
  it('takes a NIR network to spikes through the stages it exports', async () => {
    const network = await sf.loadNetwork(goldenFile('integer_exact', 'network.nir'));
    const { config } = sf.compileNetwork(network, sf.dynapcnn9, { monitor: 'all' });
    const decoded = sf.decodeImage(sf.encodeImage(config));
    const events = sf.readInputCsv(goldenFile('integer_exact', 'input.csv'));
    const spikes = new sf.Emulator(decoded, { monitor: 'all' }).run(events);
    const expected = sf.readSpikesCsv(goldenFile('integer_exact', 'expected.csv'));
    expect(spikes.count).toBe(expected.count);
    expect(sf.diffSpikes(spikes, expected).identical).toBe(true);
  });
});

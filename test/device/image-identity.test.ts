import { describe, expect, it } from 'vitest';
import { registerSimLink } from '../../firmware-sim/link.ts';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { compileNetwork } from '../../src/compiler/index.ts';
import { runOnDevice } from '../../src/device/index.ts';
import { readInputCsv } from '../../src/events/csv.ts';
import { encodeImage, imageCrc, imageIntact } from '../../src/image/index.ts';
import { loadNetwork } from '../../src/network/index.ts';
import { crc32 } from '../../src/util/crc32.ts';
import { goldenFile } from '../fixtures.ts';

// `sim` URIs are the in-process simulated board, which the CLI registers; so do these tests.
registerSimLink();

/** Two images of the same size that configure different thresholds. */
async function twoImages(): Promise<[Uint8Array, Uint8Array]> {
  const network = await loadNetwork(goldenFile('integer_exact', 'network.nir'));
  const { config } = compileNetwork(network, dynapcnn9, { monitor: 'all' });
  const a = encodeImage(config);
  const b = encodeImage({
    ...config,
    cores: config.cores.map((c) => ({ ...c, thresholdHigh: c.thresholdHigh * 2 })),
  });
  return [a, b];
}

describe('image identity', () => {
  it('tells apart two intact images of the same size (a whole-image CRC32 cannot)', async () => {
    const [a, b] = await twoImages();
    expect(a.length).toBe(b.length);
    expect(crc32(a)).toBe(crc32(b)); // the CRC-32 residue: the same for every intact image
    expect(imageCrc(a)).not.toBe(imageCrc(b));
    expect(imageIntact(a) && imageIntact(b)).toBe(true);
    const damaged = a.slice();
    damaged[20] ^= 0x10;
    expect(imageIntact(damaged)).toBe(false);
  });

  it('flashes a different image of the same size instead of running the old one', async () => {
    const [a, b] = await twoImages();
    const events = readInputCsv(goldenFile('integer_exact', 'input.csv'));
    const uri = 'sim?name=image-identity';
    const withA = await runOnDevice(uri, events, { image: a, monitor: 'all' });
    const withB = await runOnDevice(uri, events, { image: b, monitor: 'all' });
    expect(withA.count).toBe(9707);
    expect(withB.count).toBeLessThan(withA.count); // doubled thresholds: fewer spikes
  });
});

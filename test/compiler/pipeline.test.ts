import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { compileNetwork, loadConfig, readNetwork } from '../../src/compiler/index.ts';
import { decodeImage, encodeImage } from '../../src/image/index.ts';
import { loadNetwork } from '../../src/network/index.ts';
import { goldenFile, nirFixture } from '../fixtures.ts';
import { rejectionOf } from '../helpers.ts';

describe('network -> configuration', () => {
  it('the N-MNIST CSNN of the NIR paper fits on five cores', async () => {
    const network = await loadNetwork(nirFixture('cnn_sinabs_nir020.nir'));
    const { config, report, quantized } = compileNetwork(network, dynapcnn9);
    expect(config.cores).toHaveLength(5);
    expect(report.fits).toBe(true);
    expect(report.totals.coresUsed).toBe(5);
    expect(config.sourceHash).toBe(quantized.sourceHash);
    // the chain: input -> 5 cores -> host; the last layer is the only monitored one
    expect(config.input.destinations).toHaveLength(1);
    expect(config.cores.filter((c) => c.monitor).map((c) => c.layer)).toEqual([
      quantized.layers.at(-1)!.name,
    ]);
    // pooling of the sinabs model (2x2 sum pools) sits on destinations
    expect(config.cores.flatMap((c) => c.destinations.map((d) => d.pooling)).sort()).toEqual([1, 1, 2, 2]);
  });

  it('loadConfig reads a network or an image and gives the same configuration', async () => {
    const path = goldenFile('conv_pool_affine', 'network.nir');
    const fromNetwork = await loadConfig(path);
    expect(fromNetwork.report?.fits).toBe(true);
    expect(decodeImage(fromNetwork.image)).toEqual(fromNetwork.config);
    const dir = mkdtempSync(join(tmpdir(), 'sf-compile-'));
    const imagePath = join(dir, 'net.sfimg');
    writeFileSync(imagePath, fromNetwork.image);
    const fromImage = await loadConfig(imagePath);
    expect(fromImage.config).toEqual(fromNetwork.config);
    expect(fromImage.image).toEqual(fromNetwork.image);
    expect(fromImage.report).toBeUndefined();
    // No chip "other": said as that, not as a mismatch with the image's chip.
    const noChip = await rejectionOf(loadConfig(imagePath, { chip: 'other' }));
    expect([noChip.message, noChip.option]).toEqual(['chip: unknown chip profile "other"', 'chip']);
    expect(noChip.hint).toBe('known profiles: dynapcnn9');
    // same network, same bytes
    expect((await loadConfig(path)).image).toEqual(encodeImage(fromNetwork.config));
  });

  it('readNetwork reads a network and refuses an image, saying what it is', async () => {
    const path = goldenFile('conv_pool_affine', 'network.nir');
    expect(await readNetwork(path)).toEqual(await loadNetwork(path));
    const imagePath = join(mkdtempSync(join(tmpdir(), 'sf-readnet-')), 'net.img');
    writeFileSync(imagePath, (await loadConfig(path)).image);
    const e = await rejectionOf(readNetwork(imagePath));
    expect(e.code).toBe('USAGE');
    expect(e.message).toBe(`${imagePath} is already a configuration image, not a network`);
    expect(e.hint).toMatch(/give the network file .* it was compiled from/);
  });
});

describe('every golden network', () => {
  it('compiles, round-trips through the image and inspects', async () => {
    const { goldenCases } = await import('../fixtures.ts');
    const { inspectImage } = await import('../../src/compiler/index.ts');
    for (const name of goldenCases()) {
      const { config, image, report } = await loadConfig(goldenFile(name, 'network.nir'));
      expect(report?.fits, name).toBe(true);
      expect(decodeImage(image)).toEqual(config);
      const inspected = inspectImage(image, `${name}.img`);
      expect(inspected.config).toEqual(config);
      expect(inspected.text).toContain(`${name}.img: spikeforge image v1 for dynapcnn9`);
      const json = inspected.json as {
        cores: { layer: string; weights: { count: number } }[];
        sizeBytes: number;
      };
      expect(json.sizeBytes).toBe(image.length);
      expect(json.cores.map((c) => c.layer)).toEqual(config.cores.map((c) => c.layer));
      expect(json.cores.map((c) => c.weights.count)).toEqual(config.cores.map((c) => c.weights.length));
    }
  });
});

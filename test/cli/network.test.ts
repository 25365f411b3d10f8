import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/compiler/index.ts';
import { hashNetwork, loadNetwork } from '../../src/network/index.ts';
import { goldenFile, nirFixture, repoRoot } from '../fixtures.ts';
import { type CliResult, cli, expectCleanError } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-cli-net-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]): Promise<CliResult> => cli(args);

describe('spikeforge inspect / schema / convert', () => {
  it('inspect shows the five IF layers of the sinabs CSNN with their shapes', async () => {
    const r = await run('inspect', nirFixture('cnn_sinabs_nir020.nir'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5 IF layers (16x16x16, 16x16x16, 8x8x8, 256, 10)');
    expect(r.stdout).toMatch(/^9\s+9\s+linear\s+8\s+256\s+32768\s+128 -> 256$/m);
  });

  it('inspect --json --quantize is machine readable and carries the quantization report', async () => {
    const r = await run(
      'inspect',
      nirFixture('cnn_sinabs_nir020.nir'),
      '--json',
      '--quantize',
      '--events',
      goldenFile('nmnist_csnn', 'input.csv'),
      '--steps',
      '100',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      layers: { name: string; type: string; outputShape: number[] }[];
      quantization: { name: string; scale: number; thresholdHigh: number }[];
      spikes: { layer: string; float: number; quantized: number }[];
    };
    expect(doc.layers.filter((l) => l.type === 'if').map((l) => l.outputShape)).toEqual([
      [16, 16, 16],
      [16, 16, 16],
      [8, 8, 8],
      [256, 1, 1],
      [10, 1, 1],
    ]);
    expect(doc.quantization.map((l) => l.name)).toEqual(['1', '3', '6', '10', '12']);
    expect(doc.quantization.every((l) => l.thresholdHigh > 0 && l.scale > 0)).toBe(true);
    // The same CSNN as the nmnist_csnn golden case: the quantized spike counts are sinabs'.
    const meta = JSON.parse(readFileSync(goldenFile('nmnist_csnn', 'meta.json'), 'utf8')) as {
      spikes_per_layer: Record<string, number>;
    };
    expect(Object.fromEntries(doc.spikes.map((s) => [s.layer, s.quantized]))).toEqual(meta.spikes_per_layer);
    expect(doc.spikes.every((s) => s.float > 0)).toBe(true);
  });

  it('inspect shows the LIF fixtures with a note; compile fails cleanly on them, naming the LIF node', async () => {
    const norse = await run('inspect', nirFixture('lif_norse.nir'));
    expect(norse.code).toBe(0);
    expect(norse.stdout).toMatch(/cannot be deployed: node "1" \(LIF\): leaky neurons/);
    const out = join(dir, 'lif.img');
    expectCleanError(
      await run('compile', nirFixture('lif_norse.nir'), '-o', out),
      /node "1" \(LIF\): leaky neurons/,
    );
    expectCleanError(
      await run('compile', nirFixture('lif_rockpool.nir'), '-o', out),
      /node "1_LIFNeuronTorch" \(LIF\)/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('fails cleanly on a missing file, a non-HDF5 .nir, a truncated NIR and a schema failure', async () => {
    expectCleanError(await run('inspect', join(dir, 'missing.nir')), /missing\.nir: no such file/);
    const text = join(dir, 'text.nir');
    writeFileSync(text, 'not hdf5');
    expectCleanError(await run('inspect', text), /not an HDF5 file/);
    const truncated = join(dir, 'truncated.nir');
    writeFileSync(truncated, readFileSync(nirFixture('cnn_sinabs_nir020.nir')).subarray(0, 4096));
    expectCleanError(await run('inspect', truncated), /truncated HDF5 file/);
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        input: { shape: [16, 8, 8] },
        layers: [{ type: 'conv2d', name: 'c', weight: [[[1, 2, 3]]] }],
      }),
    );
    expectCleanError(
      await run('inspect', bad),
      /bad\.json: layers\[0\]\.weight: expected shape \[1, 16, 3, 3\], got \[1, 1, 3\]/,
    );
  });

  it('an image where a network is needed is named as an image', async () => {
    const image = join(dir, 'orientation.img');
    writeFileSync(image, (await loadConfig(join(repoRoot, 'examples', 'orientation.json'))).image);
    expectCleanError(
      await run('convert', image, join(dir, 'x.json')),
      /orientation\.img is already a configuration image, not a network$/,
    );
    expectCleanError(
      await run('inspect', image, '--quantize'),
      /orientation\.img is a configuration image: --quantize and --events need a network$/,
    );
  });

  it('schema prints the JSON Schema', async () => {
    const r = await run('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema: string; properties: { layers: unknown } };
    expect(schema.$schema).toContain('2020-12');
    expect(schema.properties.layers).toBeDefined();
    const report = JSON.parse((await run('schema', '--report')).stdout) as {
      title: string;
      required: string[];
    };
    expect(report.title).toBe('spikeforge fit report');
    expect(report.required).toContain('fits');
  });

  it('convert goes NIR -> JSON -> NIR without change', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.nir');
    expect((await run('convert', nirFixture('cnn_sinabs_nir020.nir'), a)).code).toBe(0);
    expect((await run('convert', a, b)).code).toBe(0);
    const original = hashNetwork(await loadNetwork(nirFixture('cnn_sinabs_nir020.nir')));
    expect(hashNetwork(await loadNetwork(a))).toBe(original);
    expect(hashNetwork(await loadNetwork(b))).toBe(original);
    expectCleanError(await run('convert', a, join(dir, 'x.onnx')), /unknown output format "\.onnx"/);
  });
});

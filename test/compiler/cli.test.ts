import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FitReport } from '../../src/compiler/index.ts';
import { decodeImage } from '../../src/image/index.ts';
import { nirFixture } from '../fixtures.ts';
import { cli } from '../helpers.ts';

describe('spikeforge compile', () => {
  it('writes the image and the JSON report, prints the report; a network that does not fit writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-cli-compile-'));
    const net = nirFixture('cnn_sinabs_nir020.nir');
    const ok = await cli([
      'compile',
      net,
      '-o',
      join(dir, 'net.img'),
      '--report',
      join(dir, 'r.json'),
      '--place',
      '1=2',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/fits \(5 of 9 cores\)/);
    const config = decodeImage(readFileSync(join(dir, 'net.img')));
    expect(config.cores.find((c) => c.layer === '1')!.coreId).toBe(2);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as FitReport;
    expect(report.fits).toBe(true);
    expect(report.layers.map((l) => l.coreId).sort()).toEqual(config.cores.map((c) => c.coreId).sort());

    const bad = await cli(['compile', net, '-o', join(dir, 'bad.img'), '--place', '10=0', '--json']);
    expect(bad.code).toBe(1);
    expect((JSON.parse(bad.stdout) as FitReport).fits).toBe(false);
    expect(bad.stderr).toMatch(
      /^error: network does not fit on dynapcnn9: 1 problem\n {2}- layer "10" is pinned to core 0, which is too small/,
    );
    expect(bad.stderr).toMatch(/hint: /);
    expect(existsSync(join(dir, 'bad.img'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['net.img', 'r.json']);

    const notNetwork = await cli(['compile', join(dir, 'net.img'), '-o', join(dir, 'x.img')]);
    expect(notNetwork.code).toBe(1);
    expect(notNetwork.stderr).toMatch(/is already a configuration image/);
  });
});

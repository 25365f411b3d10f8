/** What a user sees when a command is misused: flags named by the CLI, exit codes, hints (issue #14). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flagOf, messageOf } from '../../src/cli/output.ts';
import { SpikeforgeError } from '../../src/errors.ts';
import { goldenFile } from '../fixtures.ts';
import { type CliResult, expectCleanError, cli as spikeforge } from '../helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'sf-usage-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (args: string[]): CliResult => spikeforge(args, work);
const network = goldenFile('conv_pool_affine', 'network.nir');

describe("flags are the CLI's: the library names options", () => {
  it('puts the flag where the library names its option', () => {
    expect(['monitor', 'stepUs', 'sensorShape', 'swapXY'].map(flagOf)).toEqual([
      '--monitor',
      '--step-us',
      '--sensor',
      '--swap-xy',
    ]);
    const e = new SpikeforgeError('USAGE', 'monitor: unknown layer "x"', { option: 'monitor' });
    expect(messageOf(e)).toBe('--monitor: unknown layer "x"');
    expect(messageOf(new SpikeforgeError('USAGE', 'monitor of 3 layers'))).toBe('monitor of 3 layers');
  });

  it('compile --monitor of an unknown layer and run --chip of no chip name the flag', () => {
    const image = join(work, 'net.sfimg');
    const r = cli(['compile', network, '--monitor', 'nope', '-o', image]);
    expectCleanError(r, /^error: --monitor: no layer named "nope"$/);
    writeFileSync(join(work, 'in.csv'), 't,c,y,x\n0,0,0,0\n');
    const run = cli([
      'run',
      network,
      '--chip',
      'nochip',
      '-i',
      join(work, 'in.csv'),
      '-o',
      join(work, 'o.csv'),
    ]);
    expectCleanError(run, /^error: --chip: unknown chip profile "nochip"$/);
    expect(run.stderr).toContain('hint: known profiles: dynapcnn9');
  });
});

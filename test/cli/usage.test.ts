/** What a user sees when a command is misused: flags named by the CLI, exit codes, hints (issue #14). */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { flagOf, hintOf, messageOf, printError } from '../../src/cli/output.ts';
import { progressBar } from '../../src/cli/progress.ts';
import { loadConfig } from '../../src/compiler/index.ts';
import { Emulator } from '../../src/emulator/index.ts';
import { SpikeforgeError } from '../../src/errors.ts';
import { fixturesDir, goldenFile, repoRoot } from '../fixtures.ts';
import { CLI_PROCESS, type CliResult, expectCleanError, cli as spikeforge } from '../helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'sf-usage-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (args: string[]): Promise<CliResult> => spikeforge(args, work);
const network = goldenFile('conv_pool_affine', 'network.nir');

describe("flags are the CLI's: the library names options", () => {
  it('puts the flag where the library names its option', async () => {
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

  it('compile --monitor of an unknown layer and run --chip of no chip name the flag', async () => {
    const image = join(work, 'net.sfimg');
    const r = await cli(['compile', network, '--monitor', 'nope', '-o', image]);
    expectCleanError(r, /^error: --monitor: no layer named "nope"$/);
    writeFileSync(join(work, 'in.csv'), 't,c,y,x\n0,0,0,0\n');
    const run = await cli([
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

describe('compile --check / --json', () => {
  const pools = join(work, 'pools.json');
  writeFileSync(
    pools,
    JSON.stringify({ input: { shape: [2, 8, 8] }, layers: [{ type: 'sumpool2d', name: 'p', kernel: 2 }] }),
  );

  it('--check says whether it fits and writes nothing; without -o or --check it asks for one', async () => {
    const ok = await cli(['compile', network, '--check']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^network on dynapcnn9: fits \(\d of 9 cores\)/);
    expect(ok.stderr).toBe('');
    const none = await cli(['compile', network]);
    expectCleanError(
      none,
      /^error: compile: give -o <image> to write the image, or --check to only check the fit$/,
    );
  });

  it('--json without -o prints JSON even when the network never reaches a fit report', async () => {
    const r = await cli(['compile', pools, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      fits: false,
      error: {
        code: 'GRAPH',
        message: 'the network has no weighted layer (conv2d or linear): there is nothing to put on a core',
        details: [],
        hint: 'a chip layer is a conv2d or linear layer followed by an IF layer (pooling rides on its output)',
      },
    });
  });

  it('prints the reasons a network does not fit once: in the report, not again in the error block', async () => {
    const r = await cli(['compile', network, '--check', '--place', '2=0,5=0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\nerrors:\n {2}- /);
    expect(r.stderr).toMatch(/^error: network does not fit on dynapcnn9: \d problems?\nhint: [^\n]+\n$/);
  });
});

describe('inspect of a LIF network (Norse, Rockpool)', () => {
  it('shows it, with a note on why it cannot be deployed, and exits 0; compile refuses it', async () => {
    const lif = join(fixturesDir, 'nir', 'lif_norse.nir');
    const r = await cli(['inspect', lif]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2\s+1\s+LIF\s+0\s+r 1, tau 0\.0025, v_leak 0, v_threshold 0\.1$/m);
    expect(r.stdout).toContain(
      '  - cannot be deployed: node "1" (LIF): leaky neurons have no equivalent on integrate-and-fire chips',
    );
    expectCleanError(
      await cli(['compile', lif, '--check']),
      /node "1" \(LIF\): leaky neurons have no equivalent/,
    );
  });
});

describe('run --device', () => {
  it('refuses --trace instead of exiting 0 without a trace', async () => {
    const r = await cli([
      'run',
      network,
      '--device',
      'sim',
      '-i',
      'in.csv',
      '-o',
      'o.csv',
      '--trace',
      '1:0:0:0',
      '--trace-output',
      't.csv',
    ]);
    expectCleanError(r, /^error: run --device: --trace records membranes on the emulator only$/);
    expect(r.stderr).toContain('hint: drop --device to trace on the emulator');
  });
});

describe('plot', () => {
  it('draws the threshold the chip has from --network, spans the input steps, refuses --width 10', async () => {
    const { config } = await loadConfig(network);
    const core = config.cores.find((c) => c.layer === '1')!;
    writeFileSync(join(work, 'sp.csv'), 't,layer,c,y,x\n3,1,0,0,0\n');
    writeFileSync(join(work, 'tr.csv'), 't,layer,c,y,x,v\n0,1,0,0,0,5\n1,1,0,0,0,9\n');
    writeFileSync(join(work, 'in80.csv'), 't,c,y,x\n0,0,0,0\n79,1,2,3\n');
    const r = await cli([
      'plot',
      'sp.csv',
      '--trace',
      'tr.csv',
      '--network',
      network,
      '--input',
      'in80.csv',
      '-o',
      'p.svg',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const svg = readFileSync(join(work, 'p.svg'), 'utf8');
    expect(svg).toContain(`>threshold ${core.thresholdHigh}</text>`);
    expect(svg).toContain('1 spikes · 80 steps · 1 layer');
    expectCleanError(
      await cli(['plot', 'sp.csv', '--width', '10']),
      /^error: --width: "10" is not an integer >= 320$/,
    );
  });
});

describe('diff', () => {
  writeFileSync(join(work, 'all.csv'), 't,layer,c,y,x\n0,a,0,0,0\n1,b,0,0,0\n');
  writeFileSync(join(work, 'last.csv'), 't,layer,c,y,x\n1,b,0,0,0\n');

  it('exits 2 on misuse (1 means the recordings differ): a missing argument, a trace, an input file', async () => {
    expect((await cli(['diff', 'all.csv'])).code).toBe(2);
    writeFileSync(join(work, 'trace.csv'), 't,layer,c,y,x,v\n0,a,0,0,0,3\n');
    expectCleanError(
      await cli(['diff', 'all.csv', 'trace.csv']),
      /trace\.csv: a membrane trace \(t,layer,c,y,x,v\), not a spike recording$/,
      2,
    );
    writeFileSync(join(work, 'input.csv'), 't,c,y,x\n0,0,0,0\n');
    expectCleanError(
      await cli(['diff', 'input.csv', 'all.csv']),
      /input\.csv: input events \(t,c,y,x\), not a spike recording$/,
      2,
    );
  });

  it('--layers compares a subset: a last-layer recording against an all-layer one', async () => {
    expect((await cli(['diff', 'all.csv', 'last.csv'])).code).toBe(1);
    const r = await cli(['diff', 'all.csv', 'last.csv', '--layers', 'b']);
    expect([r.code, r.stdout.trim()]).toEqual([0, 'identical: 1 spikes in 1 layer, same steps and neurons']);
    expectCleanError(
      await cli(['diff', 'all.csv', 'last.csv', '--layers', 'z']),
      /^error: --layers: no layer named "z" in either recording$/,
      2,
    );
  });
});

describe('events sort / convert --layer', () => {
  it('sorts events by step (stably), which run asks for', async () => {
    writeFileSync(join(work, 'unsorted.csv'), 't,c,y,x\n5,0,0,0\n1,0,1,1\n3,1,0,0\n1,1,2,2\n');
    const r = await cli(['events', 'sort', 'unsorted.csv', 'sorted.csv']);
    expect([r.code, r.stdout]).toEqual([
      0,
      'wrote sorted.csv: 4 input events, 2 of them went back in time\n',
    ]);
    expect(readFileSync(join(work, 'sorted.csv'), 'utf8')).toBe(
      't,c,y,x\n1,0,1,1\n1,1,2,2\n3,1,0,0\n5,0,0,0\n',
    );
    const run = await cli(['run', network, '-i', 'unsorted.csv', '-o', 'o.csv']);
    expect(run.stderr).toContain('hint: sort the events by t: spikeforge events sort <in> <out>');
  });

  it('convert --layer writes and counts that layer only', async () => {
    writeFileSync(join(work, 'two.csv'), 't,layer,c,y,x\n0,a,0,0,0\n1,b,0,0,0\n2,b,0,1,0\n');
    const r = await cli(['events', 'convert', 'two.csv', 'b.csv', '--layer', 'b']);
    expect(r.stdout).toBe('wrote b.csv: 2 spikes of layer "b"\n');
    expect(readFileSync(join(work, 'b.csv'), 'utf8')).toBe('t,layer,c,y,x\n1,b,0,0,0\n2,b,0,1,0\n');
    const npy = await cli(['events', 'convert', 'two.csv', 'b.npy', '--layer', 'b']);
    expect(npy.stdout).toBe('wrote b.npy: 2 spikes of layer "b"\n');
  });
});

describe('devices in --help and errors', () => {
  it('flash --help lists every link scheme, usb: included', async () => {
    const r = await cli(['flash', '--help']);
    for (const scheme of ['serial:', 'usb:', 'tcp:', 'sim', 'samna:']) expect(r.stdout).toContain(scheme);
  });

  it('serial:/dev/null is not a serial port, said so instead of a raw ioctl error', async () => {
    const r = await cli(['flash', network, '--device', 'serial:/dev/null']);
    expectCleanError(r, /^error: serial:\/dev\/null\?baud=921600: \/dev\/null is not a serial port$/);
    expect(r.stderr).toContain('hint: run `spikeforge devices`');
  });

  it('--steps of a number too large says that, not "not an integer"', async () => {
    writeFileSync(join(work, 'in.csv'), 't,c,y,x\n0,0,0,0\n');
    const r = await cli(['run', network, '-i', 'in.csv', '-o', 'o.csv', '--steps', '99999999999999999999']);
    expectCleanError(r, /^error: --steps: 99999999999999999999 is too large \(at most 2147483647\)$/);
  });
});

describe('long runs', () => {
  it('say which bound dropped input events break and how to crop or pool', async () => {
    writeFileSync(join(work, 'wide.csv'), 't,c,y,x\n0,0,0,0\n0,0,3,30\n1,0,5,40\n1,2,0,0\n');
    const r = await cli(['run', network, '-i', 'wide.csv', '-o', 'o.csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'warning: wide.csv: 3 events outside the 2x24x24 input map:\n  - 1 with c >= 2 (c up to 2)\n  - 2 with x >= 24 (x up to 40)\n',
    );
    expect(r.stderr).toMatch(
      /hint: keep a 24x24 window of a larger sensor map \(compile --sensor HxW --crop/,
    );
    // Not a terminal: no progress bar.
    expect(r.stderr).not.toContain('ETA');
  });

  it('warn when the last timestamp implies a very long run; Ctrl-C cleans up and exits 130', async () => {
    const late = join(work, 'late.csv');
    writeFileSync(late, 't,c,y,x\n0,0,0,0\n2000000000,0,1,1\n');
    // A real process (signals are the process's), started from the package so that tsx resolves.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI_PROCESS, 'run', network, '-i', late, '-o', join(work, 'late-out.csv')],
      { cwd: repoRoot },
    );
    let stderr = '';
    const warned = new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes(`warning: ${late}`)) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await warned;
    expect(stderr).toContain(
      `warning: ${late}: its last event is at step 2000000000, so the run simulates 2000000001 steps;`,
    );
    // The run is under way, writing its temporary file.
    const tmp = (): string[] => readdirSync(work).filter((f) => f.startsWith('late-out.csv'));
    for (let i = 0; i < 100 && tmp().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(tmp()).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr.endsWith('\ninterrupted\n')).toBe(true);
    expect(tmp()).toEqual([]);
  }, 30_000);
});

describe('progress bars', () => {
  const stream = (isTTY: boolean) => {
    const chunks: string[] = [];
    const s = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    }) as Writable & { isTTY?: boolean; columns?: number };
    s.isTTY = isTTY;
    s.columns = 120;
    return { s, text: () => chunks.join('') };
  };

  it('draw with an ETA on a terminal, restore the cursor when stopped, and stay silent otherwise', async () => {
    const tty = stream(true);
    const bar = progressBar(tty.s, { label: 'run', total: 200, unit: 'steps' });
    await new Promise((r) => setTimeout(r, 5));
    bar.update(100);
    bar.stop();
    expect(tty.text()).toMatch(/run \[[^\]]*\] 50% \| 100\/200 steps \| ETA \d/);
    expect(tty.text()).toContain('\x1b[?25l'); // cursor hidden while drawing
    // Shown again, line wrap on again, once stopped.
    expect(tty.text().slice(tty.text().lastIndexOf('50%'))).toContain('\x1b[?25h\x1b[?7h');
    const pipe = stream(false);
    progressBar(pipe.s, { label: 'run', total: 200, unit: 'steps' }).update(100);
    const quiet = stream(true);
    progressBar(quiet.s, { label: 'run', total: 200, unit: 'steps', quiet: true }).update(100);
    expect([pipe.text(), quiet.text()]).toEqual(['', '']);
  });
});

describe('hints list layers in one order', () => {
  it("the network's order in every command, not the order of the cores", async () => {
    const csnn = goldenFile('nmnist_csnn', 'network.nir');
    const { config } = await loadConfig(csnn);
    expect(config.cores.map((c) => c.layer)).not.toEqual(['1', '3', '6', '10', '12']); // core order differs
    const emulator = new Emulator(config);
    let hint: string | undefined;
    try {
      emulator.readState('nope');
    } catch (e) {
      hint = (e as SpikeforgeError).hint;
    }
    expect(hint).toBe('layers: 1, 3, 6, 10, 12');
    const r = await cli(['compile', csnn, '--check', '--monitor', 'nope']);
    expect(r.stderr).toContain('hint: layers: 1, 3, 6, 10, 12\n');
  });
});

describe('events info --network', () => {
  it("flags input events beyond the network's input map", async () => {
    writeFileSync(join(work, 'beyond.csv'), 't,c,y,x\n0,0,0,0\n0,0,3,30\n1,0,5,40\n');
    const r = await cli(['events', 'info', 'beyond.csv', '--network', network]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `  beyond the 2x24x24 input map of ${network}: 2 events\n    - 2 with x >= 24 (x up to 40)\n`,
    );
    const json = JSON.parse(
      (await cli(['events', 'info', 'beyond.csv', '--network', network, '--json'])).stdout,
    );
    expect(json.input).toEqual({
      shape: [2, 24, 24],
      outside: { count: 2, reasons: ['2 with x >= 24 (x up to 40)'] },
    });
  });
});

describe('every error has a hint line', () => {
  it('an error that brings none gets the hint of its kind', async () => {
    const lines: string[] = [];
    const stderr = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    expect(printError(new SpikeforgeError('EVENTS_FORMAT', 'x.csv: bad'), false, stderr)).toBe(1);
    expect(lines.join('')).toBe(
      'error: x.csv: bad\nhint: `spikeforge events info <file>` tells what an event file holds (formats: src/events/FORMAT.md)\n',
    );
    const r = await cli(['compile', join(work, 'no-such.nir'), '--check']);
    expect(r.stderr).toMatch(/^error: .*no-such\.nir.*\nhint: .+\n$/);
  });
});

describe('library hints name options, the CLI names flags', () => {
  it('puts the flag where a hint names an option', () => {
    const e = new SpikeforgeError('NIR_UNSUPPORTED', 'x', {
      hint: 'retrain with one threshold per layer, or collapse them to their mean (collapseThresholds)',
    });
    expect(hintOf(e)).toBe(
      'retrain with one threshold per layer, or collapse them to their mean (--collapse-thresholds)',
    );
    const trace = new SpikeforgeError('USAGE', 'trace: "a:1" is not layer:c:y:x', { option: 'trace' });
    expect(messageOf(trace)).toBe('--trace: "a:1" is not layer:c:y:x');
  });
});

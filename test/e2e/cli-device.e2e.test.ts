/**
 * The command line against the simulated board in another process, exactly as against a real board:
 * `spikeforge sim --tcp 0` (a real process) prints its URI first, then `flash` and `run --device` use it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedRows } from '../device/helpers.ts';
import { goldenFile, repoRoot } from '../fixtures.ts';
import { CLI_PROCESS, cli } from '../helpers.ts';

const CASE = 'nmnist_csnn';
/** `spikeforge sim ...` as its own process. */
const spawnSim = (...args: string[]): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', CLI_PROCESS, 'sim', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** The first line a sim process prints: its device URI. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0].trim());
    });
    child.once('exit', (code) => reject(new Error(`sim exited with ${code} before printing its URI`)));
  });
}

let sim: ChildProcess;
let uri: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spikeforge-cli-device-'));
  sim = spawnSim('--tcp', '0');
  uri = await firstLine(sim);
});

afterAll(async () => {
  if (sim.exitCode === null) {
    const exited = new Promise((r) => sim.once('exit', r));
    sim.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('spikeforge flash / run --device against spikeforge sim', () => {
  it('prints the device URI with the real port first', () => {
    expect(uri).toMatch(/^tcp:127\.0\.0\.1:[1-9]\d*$/);
  });

  it('flashes a network (compiled on the way) and runs the golden input on the board', async () => {
    const flash = await cli([
      'flash',
      goldenFile(CASE, 'network.nir'),
      '--device',
      uri,
      '--verify',
      'readback',
    ]);
    expect(flash.stderr).not.toMatch(/^error/m);
    expect(flash.code).toBe(0);
    expect(flash.stdout).toMatch(/flashed \d+ bytes to tcp:.*verified by readback/);

    const out = join(dir, 'spikes.csv');
    const run = await cli([
      'run',
      goldenFile(CASE, 'network.nir'),
      '--device',
      uri,
      '--input',
      goldenFile(CASE, 'input.csv'),
      '--output',
      out,
      '--monitor',
      'all',
      '--steps',
      '100',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/7001 events in, 41076 spikes out/);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('t,layer,c,y,x');
    expect(rows.slice(1).sort()).toEqual(expectedRows(CASE));
  });

  it('sim --pty serves on a pseudo-terminal and prints its serial URI first; SIGTERM ends it cleanly', async () => {
    const pty = spawnSim('--pty');
    const first = await firstLine(pty);
    expect(first).toMatch(/^serial:\/\S+$/);
    const exited = new Promise<number | null>((r) => pty.once('exit', (code) => r(code)));
    pty.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('over a serial line whose cable is pulled every 50 kB, flash and run go on and the spikes are exact', async () => {
    const pty = spawnSim('--pty', '--fault', 'disconnect-after=50000');
    let log = '';
    pty.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    try {
      const line = await firstLine(pty);
      const out = join(dir, 'cut.csv');
      const args = ['--device', line, '--input', goldenFile(CASE, 'input.csv'), '--output', out];
      const run = await cli(['run', goldenFile(CASE, 'network.nir'), ...args, '--monitor', 'all']);
      expect(run.stderr).not.toMatch(/^error/m);
      expect(run.code).toBe(0);
      const rows = readFileSync(out, 'utf8').trim().split('\n');
      expect(rows.slice(1).sort()).toEqual(expectedRows(CASE));
      // The board pulled the cable several times (and logged it); the client reconnected each time.
      expect((log.match(/pulled the cable/g) ?? []).length).toBeGreaterThan(1);
    } finally {
      const exited = new Promise((r) => pty.once('exit', r));
      pty.kill('SIGTERM');
      await exited;
    }
  });

  it('says clearly when nothing listens at the URI', async () => {
    const r = await cli(['flash', goldenFile(CASE, 'network.nir'), '--device', 'tcp:127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: tcp:127\.0\.0\.1:1: cannot connect/m);
    expect(r.stderr).toMatch(/^hint: /m);
  });
});

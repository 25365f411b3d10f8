/**
 * The client process ends when the board process dies mid-run (#12.2): with more input than one FIFO
 * credit, `spikeforge run --device` printed the right error and then stayed alive indefinitely.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { goldenFile, repoRoot } from '../fixtures.ts';
import { CLI_PROCESS, cli } from '../helpers.ts';

const CASE = 'nmnist_csnn';
const dir = mkdtempSync(join(tmpdir(), 'spikeforge-board-dies-'));
const processOf = (...args: string[]): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', CLI_PROCESS, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The golden input repeated `times` times, one after the other (about 7000 events each). */
function longInput(times: number): string {
  const [head, ...rows] = readFileSync(goldenFile(CASE, 'input.csv'), 'utf8').trim().split('\n');
  const span = Math.max(...rows.map((r) => Number(r.split(',')[0]))) + 1;
  const out = [head];
  for (let k = 0; k < times; k++) {
    for (const r of rows) {
      const [t, ...rest] = r.split(',');
      out.push([Number(t) + k * span, ...rest].join(','));
    }
  }
  const path = join(dir, 'long.csv');
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

it('kill -9 of the board (TCP) during a long run: the client exits with the link error', async () => {
  // A real-time board: the run takes seconds, the input is many FIFO credits.
  const sim = processOf('sim', '--tcp', '0', '--realtime', '--verbose');
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    sim.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0].trim());
    });
    sim.once('exit', (code) => reject(new Error(`sim exited with ${code}`)));
  });
  const flash = await cli(['flash', goldenFile(CASE, 'network.nir'), '--device', uri]);
  expect(flash.code).toBe(0);
  const input = longInput(20);
  const client = processOf(
    'run',
    goldenFile(CASE, 'network.nir'),
    '--device',
    uri,
    '--input',
    input,
    '--output',
    join(dir, 'out.csv'),
  );
  let stderr = '';
  client.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((r) => client.once('exit', (code) => r(code)));
  // The board logs every frame (--verbose): it dies once the input stream is under way.
  await new Promise<void>((resolve) => {
    let log = '';
    sim.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
      if ((log.match(/inputEvents/g) ?? []).length >= 4) resolve();
    });
  });
  expect(client.exitCode).toBeNull(); // still running when the board dies
  sim.kill('SIGKILL');
  const killedAt = performance.now();
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('alive'), 8000))]);
  if (code === 'alive') client.kill('SIGKILL');
  expect(code).toBe(1);
  expect(performance.now() - killedAt).toBeLessThan(8000);
  expect(stderr).toMatch(/^error: the link to tcp:127\.0\.0\.1:\d+ closed/m);
});

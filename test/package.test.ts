/**
 * The package as a user installs it: `npm pack` of a fresh build (dist/), unpacked into an empty folder
 * whose node_modules holds only the runtime dependencies (no tsx, no typescript), then used from plain
 * JavaScript and through its bin.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../src/index.ts';
import { goldenFile, repoRoot } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The packages `npm install --omit=dev` would install: the lock file's top-level non-dev entries. */
function runtimePackages(): string[] {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, p]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !p.dev && !p.devOptional)
    .map(([path]) => path.slice('node_modules/'.length));
}

beforeAll(() => {
  // A fresh dist/ (sources may have changed since `npm install`), then the tarball as published.
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.js')], { cwd: repoRoot, stdio: 'pipe' });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: repoRoot,
      encoding: 'utf8',
    }),
  ) as { filename: string }[];
  execFileSync('tar', ['-xzf', join(dir, packed[0].filename), '-C', dir]);
  mkdirSync(join(dir, 'node_modules', '@serialport'), { recursive: true });
  renameSync(join(dir, 'package'), join(dir, 'node_modules', 'spikeforge'));
  for (const name of runtimePackages()) {
    const target = join(repoRoot, 'node_modules', name);
    if (!existsSync(target)) continue; // an optional dependency of another platform
    mkdirSync(join(dir, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', name), 'dir');
  }
}, 120_000);

describe('the package from a tarball, with its runtime dependencies only (Node 20, plain JavaScript)', () => {
  it('ships compiled JavaScript and no sources or dev tools', () => {
    const pkg = join(dir, 'node_modules', 'spikeforge');
    expect(existsSync(join(pkg, 'dist', 'src', 'index.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist', 'src', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(pkg, 'src'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'typescript'))).toBe(false);
    // The WebAssembly engine ships built: no AssemblyScript needed to run it.
    expect(existsSync(join(pkg, 'wasm', 'engine.wasm'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules', 'assemblyscript'))).toBe(false);
  });

  it('exports every name of src/index.ts and runs the pipeline', () => {
    const script = `
      const sf = await import('spikeforge');
      const net = await sf.loadNetwork(${JSON.stringify(goldenFile('integer_exact', 'network.nir'))});
      const { config } = sf.compileNetwork(net, sf.dynapcnn9, { monitor: 'all' });
      const emulator = new sf.Emulator(config);
      const spikes = emulator.run(sf.readInputCsv(${JSON.stringify(goldenFile('integer_exact', 'input.csv'))}));
      console.log(JSON.stringify({ names: Object.keys(sf).sort(), spikes: spikes.count, engine: emulator.engine }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      encoding: 'utf8',
    });
    const result = JSON.parse(out) as { names: string[]; spikes: number; engine: string };
    expect(result.names).toEqual(Object.keys(api).sort());
    expect(result.spikes).toBe(9707);
    expect(result.engine).toBe('wasm');
  });

  it('its bin runs commands', async () => {
    const bin = join(dir, 'node_modules', 'spikeforge', 'bin', 'spikeforge.js');
    const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
    expect(execFileSync(process.execPath, [bin, '--version'], { cwd: dir, encoding: 'utf8' }).trim()).toBe(
      version,
    );
    const out = execFileSync(
      process.execPath,
      [bin, 'compile', goldenFile('integer_exact', 'network.nir'), '-o', join(dir, 'n.img')],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(out).toMatch(/fits \(\d of 9 cores\)/);
    const network = await api.loadNetwork(goldenFile('integer_exact', 'network.nir'));
    const image = api.encodeImage(api.compileNetwork(network, api.dynapcnn9).config);
    expect(new Uint8Array(readFileSync(join(dir, 'n.img')))).toEqual(image);
    // A batch on two worker threads: the workers run the compiled worker too.
    mkdirSync(join(dir, 'samples'));
    for (const f of ['a.csv', 'b.csv'])
      copyFileSync(goldenFile('integer_exact', 'input.csv'), join(dir, 'samples', f));
    const batch = join(dir, 'batch.csv');
    execFileSync(
      process.execPath,
      [bin, 'run', join(dir, 'n.img'), '--batch', join(dir, 'samples'), '--workers', '2', '-o', batch],
      { cwd: dir, encoding: 'utf8', stdio: 'pipe' },
    );
    const rows = readFileSync(batch, 'utf8').trim().split('\n');
    expect(rows.map((r) => basename(r.split(',')[0]))).toEqual(['file', 'a.csv', 'b.csv']);
    expect(rows[1].split(',').slice(2)).toEqual(rows[2].split(',').slice(2));
  });
});

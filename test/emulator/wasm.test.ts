import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultEngine, Emulator, parseEngine } from '../../src/emulator/index.ts';
import { wasmPath } from '../../src/emulator/wasm.ts';
import type { CaseOptions } from './random.ts';
import { randomCase, spikeRows } from './random.ts';

/** Both engines on one random case: the same spikes, statistics and final membranes. */
function same(seed: number, o: CaseOptions = {}): void {
  const { config, events, steps } = randomCase(seed, { maxFeatures: 20, ...o });
  const js = new Emulator(config, { monitor: 'all', engine: 'js' });
  const wasm = new Emulator(config, { monitor: 'all', engine: 'wasm' });
  expect(spikeRows(wasm.run(events, { steps }))).toEqual(spikeRows(js.run(events, { steps })));
  expect(wasm.stats()).toEqual(js.stats());
  for (const layer of js.layers) expect(wasm.readState(layer)).toEqual(js.readState(layer));
}

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('WebAssembly engine against the JavaScript engine', () => {
  it('is the default engine here', () => {
    expect(defaultEngine()).toBe('wasm');
    expect(parseEngine('js')).toBe('js');
    expect(() => parseEngine('gpu')).toThrow(/unknown engine "gpu".*/);
  });

  it('random chains, fan-outs, merges and input fan-outs, up to 20 features', () => {
    fc.assert(
      fc.property(seeds, (s) => same(s)),
      { numRuns: 100 },
    );
  });

  for (const topology of ['fanout', 'merge'] as const) {
    for (const pooling of [2, 4]) {
      it(`${topology} with pooling ${pooling}`, () => {
        fc.assert(
          fc.property(seeds, (s) => same(s, { topology, pooling })),
          { numRuns: 20 },
        );
      });
    }
  }

  it('saturation at the int16 bounds, both reset modes', () => {
    fc.assert(
      fc.property(seeds, fc.constantFrom('subtract', 'zero' as const), (s, reset) =>
        same(s, { saturate: true, reset }),
      ),
      { numRuns: 40 },
    );
  });

  it('return-to-zero reset', () => {
    fc.assert(
      fc.property(seeds, (s) => same(s, { reset: 'zero' })),
      { numRuns: 30 },
    );
  });

  it('continues after writeState and a further feed like the JavaScript engine', () => {
    const { config, events, steps } = randomCase(7, { topology: 'chain', maxFeatures: 12 });
    const later = { ...events, t: events.t.map((t) => t + steps) };
    const [js, wasm] = (['js', 'wasm'] as const).map((engine) => {
      const e = new Emulator(config, { monitor: 'all', engine });
      e.run(events, { steps });
      const layer = e.layers[1];
      e.writeState(
        layer,
        e.readState(layer).map((v, i) => (i % 3 === 0 ? v + 40 : v)),
      );
      e.feed(later);
      const rows: string[] = [];
      e.advance(2 * steps, (b) => rows.push(...spikeRows(b)));
      return { e, rows };
    });
    expect(wasm.e.engine).toBe('wasm');
    expect(wasm.rows.length).toBeGreaterThan(0);
    expect(wasm.rows.sort()).toEqual(js.rows.sort());
    for (const layer of js.e.layers) expect(wasm.e.readState(layer)).toEqual(js.e.readState(layer));
  });

  it('falls back to the JavaScript engine where this Node has no WebAssembly, with the same spikes', () => {
    const script = `
      const { Emulator, defaultEngine } = await import('./src/emulator/index.ts');
      const { randomCase, spikeRows } = await import('./test/emulator/random.ts');
      const c = randomCase(3, { maxFeatures: 12 });
      const e = new Emulator(c.config, { monitor: 'all' });
      const rows = spikeRows(e.run(c.events, { steps: c.steps }));
      let refused = '';
      try { new Emulator(c.config, { engine: 'wasm' }); } catch (err) { refused = err.message; }
      console.log(JSON.stringify({ engine: defaultEngine(), used: e.engine, rows, refused }));`;
    const out = execFileSync(
      process.execPath,
      ['--jitless', '--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const got = JSON.parse(out.trim().split('\n').pop()!);
    const c = randomCase(3, { maxFeatures: 12 });
    const expected = spikeRows(
      new Emulator(c.config, { monitor: 'all', engine: 'wasm' }).run(c.events, { steps: c.steps }),
    );
    expect(got.engine).toBe('js');
    expect(got.used).toBe('js');
    expect(got.rows.length).toBeGreaterThan(0);
    expect(got.rows).toEqual(expected);
    expect(got.refused).toMatch(/WebAssembly engine cannot run here: this Node runs without WebAssembly/);
  });

  it('wasm/engine.wasm is built from the current assembly/engine.ts', () => {
    const stamp = JSON.parse(readFileSync(join(dirname(wasmPath()!), 'engine.json'), 'utf8'));
    const source = createHash('sha256').update(readFileSync('assembly/engine.ts')).digest('hex');
    const asc = JSON.parse(readFileSync('node_modules/assemblyscript/package.json', 'utf8')).version;
    // Stale: rebuild with `node scripts/build-wasm.js` (npm install does).
    expect({ source: stamp.source, asc: stamp.assemblyscript }).toEqual({ source, asc });
  });
});

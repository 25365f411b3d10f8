import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { SpikeforgeError } from '../../src/errors.ts';
import {
  formatNetworkJson,
  hashNetwork,
  loadNetwork,
  type Network,
  networkJsonSchema,
  parseNetworkJson,
  saveNetwork,
} from '../../src/network/index.ts';
import { errorOf, rejectionOf } from '../helpers.ts';
import { tinyConvNet, weights } from './build.ts';

const parseError = (text: string): SpikeforgeError => errorOf(() => parseNetworkJson(text, 'net.json'));

/** Plain data of the IR with tensors as arrays, for deep equality. */
function plain(n: Network): unknown {
  return JSON.parse(JSON.stringify(n, (_k, v) => (v instanceof Float32Array ? { f32: Array.from(v) } : v)));
}

describe('JSON network format', () => {
  it('fills defaults: inputs from the layer before, thresholdLow = -threshold, pooling stride = kernel', () => {
    const n = tinyConvNet();
    expect(n.input.name).toBe('input');
    expect(n.layers.map((l) => l.inputs)).toEqual([['input'], ['c1'], ['s1'], ['p1'], ['f'], ['fc']]);
    const s1 = n.layers[1];
    expect(s1.type === 'if' && [s1.thresholdLow, s1.reset]).toEqual([-1, 'subtract']);
    const p1 = n.layers[2];
    expect(p1.type === 'sumpool2d' && p1.stride).toEqual([2, 2]);
  });

  it('round trips JSON -> IR -> JSON -> IR, nested and base64 tensors alike', () => {
    const n = tinyConvNet();
    for (const base64Above of [0, 20, 1_000_000]) {
      const text = formatNetworkJson(n, { base64Above });
      const back = parseNetworkJson(text);
      expect(plain(back)).toEqual(plain(n));
      expect(formatNetworkJson(back, { base64Above })).toBe(text);
      expect(hashNetwork(back)).toBe(hashNetwork(n));
    }
    const text = formatNetworkJson(n, { base64Above: 20 });
    expect(text).toContain('"base64"');
    expect(text).toContain('"bias": [');
  });

  it('keeps float32 values exactly (no decimal drift through the text)', () => {
    const n = tinyConvNet();
    const c1 = n.layers[0];
    if (c1.type !== 'conv2d') throw new Error('fixture');
    c1.weight.data[0] = Math.fround(0.1);
    c1.weight.data[1] = Math.fround(-1e-7);
    const back = parseNetworkJson(formatNetworkJson(n, { base64Above: 1_000_000 }));
    const b1 = back.layers[0];
    expect(b1.type === 'conv2d' && Array.from(b1.weight.data.slice(0, 2))).toEqual([
      Math.fround(0.1),
      Math.fround(-1e-7),
    ]);
  });

  it('reads a base64 little-endian float32 tensor', () => {
    const bytes = Buffer.alloc(8);
    bytes.writeFloatLE(1.5, 0);
    bytes.writeFloatLE(-2.25, 4);
    const n = parseNetworkJson(
      JSON.stringify({
        input: { shape: [2, 1, 1] },
        layers: [
          {
            type: 'linear',
            name: 'l',
            weight: { dtype: 'float32', shape: [1, 2], base64: bytes.toString('base64') },
          },
          { type: 'if', name: 's', threshold: 1 },
        ],
      }),
    );
    const l = n.layers[0];
    expect(l.type === 'linear' && Array.from(l.weight.data)).toEqual([1.5, -2.25]);
  });

  it('reports schema failures with the path', () => {
    const base = { input: { shape: [1, 4, 4] } };
    expect(parseError(JSON.stringify({ ...base, layers: [{ type: 'conv3d', name: 'x' }] })).message).toMatch(
      /^net\.json: layers\[0\]\.type: /,
    );
    expect(
      parseError(JSON.stringify({ ...base, layers: [{ type: 'if', name: 's', threshold: -1 }] })).message,
    ).toMatch(/^net\.json: layers\[0\]\.threshold: /);
    const ragged = parseError(
      JSON.stringify({ ...base, layers: [{ type: 'linear', name: 'l', weight: [[1, 2], [3]] }] }),
    );
    expect(ragged.code).toBe('SCHEMA');
    expect(ragged.message).toMatch(/layers\[0\]\.weight.*ragged/);
    const b64 = parseError(
      JSON.stringify({
        ...base,
        layers: [{ type: 'linear', name: 'l', weight: { dtype: 'float32', shape: [2, 2], base64: 'AAAA' } }],
      }),
    );
    expect(b64.message).toMatch(/layers\[0\]\.weight: base64 data holds 3 bytes, shape \[2, 2\] needs 16/);
    expect(parseError('{ nope').code).toBe('FILE_FORMAT');
    const unterminated = parseError('{\n  "input": { "shape": [2, 8, 8] },\n  "layers": "abc');
    expect(unterminated.message).toBe(
      'net.json: not valid JSON (Unterminated string in JSON at line 3, column 17)',
    );
    expect(parseError('{\n  "layers": [ } \n}').message).not.toContain('\n');
  });

  it('has a JSON Schema generated from the zod schema', () => {
    const schema = networkJsonSchema() as {
      $schema: string;
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['format', 'version', 'input', 'layers']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['input', 'layers']));
    const text = JSON.stringify(schema);
    for (const type of ['conv2d', 'linear', 'sumpool2d', 'avgpool2d', 'flatten', 'if'])
      expect(text).toContain(`"${type}"`);
    expect(text).toContain('base64');
  });

  it('writes weights that need more than base64Above values as base64', () => {
    const w = weights([2, 300], 9);
    const n = parseNetworkJson(
      JSON.stringify({
        input: { shape: [300, 1, 1] },
        layers: [
          { type: 'linear', name: 'l', weight: w },
          { type: 'if', name: 's', threshold: 1 },
        ],
      }),
    );
    const doc = JSON.parse(formatNetworkJson(n));
    expect(doc.layers[0].weight.shape).toEqual([2, 300]);
    expect(typeof doc.layers[0].weight.base64).toBe('string');
  });
});

describe('network files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-netfile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an empty file is named as empty, not as an unknown format', async () => {
    const path = join(dir, 'empty.json');
    writeFileSync(path, ' \n');
    const e = await rejectionOf(loadNetwork(path));
    expect(e.code).toBe('FILE_FORMAT');
    expect(e.message).toBe(`${path}: empty file, expected a network (NIR or JSON)`);
  });

  it('an event file given as the network is named as one', async () => {
    const path = join(dir, 'input.csv');
    writeFileSync(path, 't,c,y,x\n0,1,2,3\n');
    const e = await rejectionOf(loadNetwork(path));
    expect(e.code).toBe('FILE_FORMAT');
    expect(e.message).toBe(`${path}: this is a CSV event file, not a network`);
    expect(e.hint).toBe('give the network (.nir, .json) first; the event file is the input of the run');
  });

  it('saveNetwork picks JSON or NIR by the extension and refuses any other', async () => {
    const n = tinyConvNet();
    for (const ext of ['json', 'nir']) {
      const path = join(dir, `net.${ext}`);
      await saveNetwork(n, path, { base64Above: 4 });
      expect(hashNetwork(await loadNetwork(path))).toBe(hashNetwork(n));
    }
    const txt = await rejectionOf(saveNetwork(n, join(dir, 'net.txt')));
    expect(txt.code).toBe('USAGE');
    expect(txt.message).toBe(`${join(dir, 'net.txt')}: unknown output format ".txt"`);
    expect(txt.hint).toBe('name the output file .nir or .json');
    const noDir = await rejectionOf(saveNetwork(n, join(dir, 'missing', 'net.json')));
    expect(noDir.code).toBe('FILE_WRITE');
    expect(noDir.message).toMatch(/net\.json: cannot write/);
  });
});

describe('JSON round trip (property)', () => {
  it('keeps every float32 value and the hash, nested or base64', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: 6, maxLength: 6 }),
        fc.float({ min: Math.fround(1e-6), max: Math.fround(1e6), noNaN: true }),
        fc.integer({ min: 0, max: 10 }),
        (values, threshold, base64Above) => {
          const n = parseNetworkJson(
            JSON.stringify({
              input: { shape: [3, 1, 1] },
              layers: [
                {
                  type: 'linear',
                  name: 'l',
                  weight: [values.slice(0, 3), values.slice(3)],
                  bias: [values[0], values[5]],
                },
                { type: 'if', name: 's', threshold, reset: 'zero' },
              ],
            }),
          );
          const back = parseNetworkJson(formatNetworkJson(n, { base64Above }));
          const w = back.layers[0].type === 'linear' ? back.layers[0].weight.data : new Float32Array();
          expect(Array.from(w).map((x) => x + 0)).toEqual(values.map((x) => x + 0));
          expect(hashNetwork(back)).toBe(hashNetwork(n));
        },
      ),
      { numRuns: 100 },
    );
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { writeHdf5Tree } from '../../src/network/hdf5.ts';
import {
  describeNir,
  flatOutputs,
  formatNetworkJson,
  formatNirSummary,
  hashNetwork,
  inferShapes,
  loadNetwork,
  type Network,
  parseNetworkJson,
  readNir,
  writeNir,
} from '../../src/network/index.ts';
import { quantize } from '../../src/quantize/index.ts';
import { goldenCases, goldenFile, nirFixture } from '../fixtures.ts';
import { errorOf, rejectionOf } from '../helpers.ts';
import { net, tinyConvNet, weights } from './build.ts';

/** HDF5 items for hand-written NIR files. */
const str = (value: string) => ({ kind: 'string' as const, value });
const f32 = (shape: number[], values: number[]) => ({
  kind: 'float32' as const,
  shape,
  data: Float32Array.from(values),
});
const i64 = (values: number[]) => ({ kind: 'int64' as const, shape: [values.length], data: values });

const dir = mkdtempSync(join(tmpdir(), 'sf-nir-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A hand-written NIR file of `nodes` and `edges` (pairs, flat). */
const write = async (name: string, nodes: [string, [string, unknown][]][], edges: string[]) => {
  const path = join(dir, name);
  await writeHdf5Tree(path, [
    ['version', str('0.2.0')],
    [
      'node',
      {
        kind: 'group',
        entries: [
          ['type', str('NIRGraph')],
          ['edges', { kind: 'strings', shape: [edges.length / 2, 2], data: edges }],
          [
            'nodes',
            {
              kind: 'group',
              entries: nodes.map(([n, e]) => [n, { kind: 'group', entries: e }]) as never,
            },
          ],
        ],
      },
    ],
  ]);
  return path;
};
const input: [string, [string, unknown][]] = [
  'input',
  [
    ['type', str('Input')],
    ['shape', i64([2])],
  ],
];
const affine = (name: string, weight = [1, 0, 0, 1], bias = [0, 0]): [string, [string, unknown][]] => [
  name,
  [
    ['type', str('Affine')],
    ['weight', f32([2, 2], weight)],
    ['bias', f32([2], bias)],
  ],
];
const neuron = (name: string, th: number[]): [string, [string, unknown][]] => [
  name,
  [
    ['type', str('IF')],
    ['r', f32([2], [1, 1])],
    ['v_threshold', f32([2], th)],
  ],
];

function plain(n: Network): unknown {
  const { name: _n, description: _d, ...rest } = n;
  return JSON.parse(
    JSON.stringify(rest, (_k, v) =>
      v === null ? undefined : v instanceof Float32Array ? { f32: Array.from(v) } : v,
    ),
  );
}

const ifShapes = (n: Network): string[] => {
  const shapes = inferShapes(n);
  const flat = flatOutputs(n);
  return n.layers
    .filter((l) => l.type === 'if')
    .map((l) => (flat.has(l.name) ? String(shapes.get(l.name)![0]) : shapes.get(l.name)!.join('x')));
};

describe('NIR import', () => {
  it('reads the sinabs NIR 0.2 CSNN: five IF layers, shapes inferred from the Input node', async () => {
    const n = await loadNetwork(nirFixture('cnn_sinabs_nir020.nir'));
    expect(n.input).toEqual({ name: 'input', shape: [2, 34, 34] });
    expect(ifShapes(n)).toEqual(['16x16x16', '16x16x16', '8x8x8', '256', '10']);
    // Nodes are stored out of order in the file; the IR is topological with numeric names sorted.
    expect(n.layers.map((l) => l.name)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    expect(n.layers.map((l) => l.type)).toEqual([
      'conv2d',
      'if',
      'conv2d',
      'if',
      'sumpool2d',
      'conv2d',
      'if',
      'sumpool2d',
      'flatten',
      'linear',
      'if',
      'linear',
      'if',
    ]);
    const first = n.layers[0];
    expect(first.type === 'conv2d' && [first.stride, first.padding, first.weight.shape]).toEqual([
      [2, 2],
      [1, 1],
      [16, 2, 5, 5],
    ]);
    const neuron = n.layers[1];
    expect(neuron.type === 'if' && [neuron.threshold, neuron.thresholdLow, neuron.reset]).toEqual([
      1,
      -1,
      'subtract',
    ]);
  });

  it('reads every golden network (NIR 1.0) with the IF node names the expected spikes use', async () => {
    for (const c of goldenCases()) {
      const n = await loadNetwork(goldenFile(c, 'network.nir'));
      const meta = JSON.parse(readFileSync(goldenFile(c, 'meta.json'), 'utf8')) as {
        input_shape: number[];
        spikes_per_layer: Record<string, number>;
      };
      expect(n.input.shape).toEqual(meta.input_shape);
      expect(
        n.layers
          .filter((l) => l.type === 'if')
          .map((l) => l.name)
          .sort(),
      ).toEqual(Object.keys(meta.spikes_per_layer).sort());
    }
  });

  it('fails on the LIF fixtures naming the LIF node, its type and why', async () => {
    const norse = await rejectionOf(loadNetwork(nirFixture('lif_norse.nir')));
    expect(norse.code).toBe('NIR_UNSUPPORTED');
    expect(norse.message).toBe(
      `${nirFixture('lif_norse.nir')}: node "1" (LIF): leaky neurons have no equivalent on integrate-and-fire chips (the only neurons the network IR holds)`,
    );
    const rockpool = await rejectionOf(loadNetwork(nirFixture('lif_rockpool.nir')));
    expect(rockpool.message).toMatch(/node "1_LIFNeuronTorch" \(LIF\): leaky neurons have no equivalent/);
  });

  it('round trips NIR -> IR -> NIR -> IR and keeps the hash', async () => {
    for (const file of [nirFixture('cnn_sinabs_nir020.nir'), goldenFile('conv_pool_affine', 'network.nir')]) {
      const a = await loadNetwork(file);
      const out = join(dir, 'rt.nir');
      await writeNir(a, out);
      const b = await readNir(out);
      expect(plain(b)).toEqual(plain(a));
      expect(hashNetwork(b)).toBe(hashNetwork(a));
    }
  });

  it('exports the layout of nir.write: version, node type, edges, Input/Output nodes', async () => {
    const out = join(dir, 'layout.nir');
    await writeNir(tinyConvNet(), out);
    const { readHdf5Tree } = await import('../../src/network/hdf5.ts');
    const tree = await readHdf5Tree(readFileSync(out), out);
    if (tree.kind !== 'group') throw new Error('root');
    const version = tree.entries.get('version');
    expect(version?.kind === 'string' && version.data[0]).toBe('1.0.0');
    const node = tree.entries.get('node');
    if (node?.kind !== 'group') throw new Error('node');
    const type = node.entries.get('type');
    expect(type?.kind === 'string' && type.data[0]).toBe('NIRGraph');
    const edges = node.entries.get('edges');
    expect(edges?.kind === 'string' && edges.shape).toEqual([7, 2]);
    expect(edges?.kind === 'string' && edges.data.slice(-2)).toEqual(['s2', 'output']);
    const nodes = node.entries.get('nodes');
    if (nodes?.kind !== 'group') throw new Error('nodes');
    const typeOf = (name: string): string | undefined => {
      const g = nodes.entries.get(name);
      const t = g?.kind === 'group' ? g.entries.get('type') : undefined;
      return t?.kind === 'string' ? t.data[0] : undefined;
    };
    expect(['input', 'c1', 's1', 'p1', 'f', 'fc', 's2', 'output'].map(typeOf)).toEqual([
      'Input',
      'Conv2d',
      'IF',
      'SumPool2d',
      'Flatten',
      'Linear',
      'IF',
      'Output',
    ]);
    const s2 = nodes.entries.get('s2');
    const th = s2?.kind === 'group' ? s2.entries.get('v_threshold') : undefined;
    expect(th?.kind === 'number' && [th.shape, th.data[0]]).toEqual([[3], 0.5]);
  });

  it('carries thresholdLow and reset mode through its own metadata, and a merge as two edges', async () => {
    const n = net({
      input: { shape: [1, 4, 4] },
      layers: [
        { type: 'conv2d', name: 'a', weight: weights([2, 1, 3, 3], 1), padding: 1 },
        { type: 'if', name: 'sa', threshold: 2, thresholdLow: -0.5, reset: 'zero' },
        { type: 'conv2d', name: 'b', weight: weights([2, 1, 1, 1], 2), inputs: ['input'] },
        { type: 'if', name: 'sb', threshold: 1 },
        { type: 'conv2d', name: 'm', weight: weights([3, 2, 3, 3], 3), padding: 1, inputs: ['sa', 'sb'] },
        { type: 'if', name: 'sm', threshold: 1 },
      ],
    });
    const out = join(dir, 'merge.nir');
    await writeNir(n, out);
    const a = await readNir(out);
    // Import orders ties by name (a, b, sa, sb, ...): the same layers, in a stable topological order.
    expect(a.layers.map((l) => l.name)).toEqual(['a', 'b', 'sa', 'sb', 'm', 'sm']);
    const byName = (x: Network) =>
      (plain(x) as { layers: { name: string }[] }).layers.sort((p, q) => p.name.localeCompare(q.name));
    expect(byName(a)).toEqual(byName(n));
    await writeNir(a, out);
    expect(plain(await readNir(out))).toEqual(plain(a));
  });

  it('JSON and NIR of the same network hash the same', async () => {
    const n = await loadNetwork(goldenFile('integer_exact', 'network.nir'));
    const jsonPath = join(dir, 'ie.json');
    writeFileSync(jsonPath, formatNetworkJson(n));
    const j = await loadNetwork(jsonPath);
    expect(hashNetwork(j)).toBe(hashNetwork(n));
    expect(hashNetwork(parseNetworkJson(formatNetworkJson(n, { base64Above: 0 })))).toBe(hashNetwork(n));
  });

  it('fails with one clear error on a missing file, a non-HDF5 file and a truncated file', async () => {
    const missing = await rejectionOf(loadNetwork(join(dir, 'none.nir')));
    expect(missing.code).toBe('FILE_NOT_FOUND');
    const text = join(dir, 'text.nir');
    writeFileSync(text, 'hello');
    const notHdf5 = await rejectionOf(loadNetwork(text));
    expect([notHdf5.code, notHdf5.message]).toEqual([
      'NIR_FORMAT',
      `${text}: not an HDF5 file (no HDF5 signature at the start)`,
    ]);
    const truncated = join(dir, 'trunc.nir');
    writeFileSync(truncated, readFileSync(nirFixture('cnn_sinabs_nir020.nir')).subarray(0, 20000));
    const t = await rejectionOf(loadNetwork(truncated));
    expect(t.code).toBe('NIR_FORMAT');
    expect(t.message).toMatch(/trunc\.nir: truncated HDF5 file \(20000 bytes, its header says \d+\)/);
  });

  it('reports recurrence, unknown node types and non-constant thresholds naming the node', async () => {
    const rec = await write(
      'rec.nir',
      [input, affine('a'), neuron('b', [1, 1]), affine('c')],
      ['input', 'a', 'a', 'b', 'b', 'c', 'c', 'a'],
    );
    const r = await rejectionOf(readNir(rec));
    expect(r.code).toBe('NIR_UNSUPPORTED');
    expect(r.message).toMatch(/node "a" \(Affine\): recurrent connection \(a -> b -> c -> a\)/);

    const unknown = await write(
      'unknown.nir',
      [
        input,
        [
          's',
          [
            ['type', str('Scale')],
            ['scale', f32([2], [1, 1])],
          ],
        ],
      ],
      ['input', 's'],
    );
    expect((await rejectionOf(readNir(unknown))).message).toMatch(
      /node "s" \(Scale\): node type "Scale" is not supported/,
    );

    const uneven = await write(
      'uneven.nir',
      [input, affine('a'), neuron('b', [1, 2])],
      ['input', 'a', 'a', 'b'],
    );
    const u = await rejectionOf(readNir(uneven));
    expect(u.message).toMatch(/node "b" \(IF\): thresholds differ within the layer \(1 \.\. 2\)/);
    const collapsed = await readNir(uneven, { collapseThresholds: true });
    const b = collapsed.layers[1];
    expect(b.type === 'if' && b.threshold).toBe(1.5);
    expect(collapsed.notes).toEqual(['node "b": thresholds 1 .. 2 collapsed to their mean 1.5']);

    // r != 1 folds into the weights and bias before the IF node; options set the floor and reset.
    const folded = await write(
      'r.nir',
      [
        input,
        affine('a'),
        [
          'b',
          [
            ['type', str('IF')],
            ['r', f32([2], [2, 2])],
            ['v_threshold', f32([2], [1, 1])],
          ],
        ],
      ],
      ['input', 'a', 'a', 'b'],
    );
    const fr = await readNir(folded, { reset: 'zero', thresholdLow: -3 });
    const [fa, fb] = fr.layers;
    expect(fa.type === 'linear' && Array.from(fa.weight.data)).toEqual([2, 0, 0, 2]);
    expect(fb.type === 'if' && [fb.reset, fb.thresholdLow]).toEqual(['zero', -3]);
  });
});

describe('non-finite numbers', () => {
  it('refuses NaN and infinite parameters of a NIR file, naming the node, the field and the index', async () => {
    const nanWeight = await write(
      'nan-w.nir',
      [input, affine('a', [1, 0, Number.NaN, 1]), neuron('b', [1, 1])],
      ['input', 'a', 'a', 'b'],
    );
    const w = await rejectionOf(readNir(nanWeight));
    expect([w.code, w.message]).toEqual([
      'NIR_FORMAT',
      `${nanWeight}: node "a" (Affine): "weight"[1, 0] is NaN`,
    ]);
    expect(w.hint).toMatch(/must be a finite number/);
    const infBias = await write(
      'inf-b.nir',
      [input, affine('a', [1, 0, 0, 1], [0, Number.POSITIVE_INFINITY]), neuron('b', [1, 1])],
      ['input', 'a', 'a', 'b'],
    );
    expect((await rejectionOf(readNir(infBias))).message).toBe(
      `${infBias}: node "a" (Affine): "bias"[1] is Infinity`,
    );
    // A NaN threshold is that, not a missing one.
    const nanThreshold = await write(
      'nan-th.nir',
      [input, affine('a'), neuron('b', [Number.NaN, Number.NaN])],
      ['input', 'a', 'a', 'b'],
    );
    expect((await rejectionOf(readNir(nanThreshold))).message).toBe(
      `${nanThreshold}: node "b" (IF): "v_threshold"[0] is NaN`,
    );
  });

  it('refuses them in a JSON network (base64 tensors) and in a network built in code', () => {
    const b64 = Buffer.from(Float32Array.of(1, Number.NEGATIVE_INFINITY).buffer).toString('base64');
    const json = JSON.stringify({
      format: 'spikeforge.network',
      version: 1,
      input: { shape: [2, 1, 1] },
      layers: [
        { type: 'linear', name: 'fc', weight: { dtype: 'float32', shape: [1, 2], base64: b64 } },
        { type: 'if', name: 's', threshold: 1 },
      ],
    });
    const e = errorOf(() => parseNetworkJson(json, 'n.json'));
    expect(e.code).toBe('SCHEMA');
    expect(e.message).toMatch(
      /^n\.json: .*layers\[0\]\.weight.*element \[0, 1\] is -Infinity, expected a finite number/,
    );
    const n = tinyConvNet();
    const c1 = n.layers[0];
    if (c1.type !== 'conv2d') throw new Error('fixture');
    c1.weight.data[21] = Number.NaN; // 21 = 1 * 18 + 0 * 9 + 1 * 3 + 0 in a [4, 2, 3, 3] kernel
    const q = errorOf(() => quantize(n, dynapcnn9));
    expect([q.code, q.message]).toEqual(['SCHEMA', 'layer "c1": weight[1, 0, 1, 0] is NaN']);
    const s = tinyConvNet();
    const s1 = s.layers[1];
    if (s1.type !== 'if') throw new Error('fixture');
    s1.threshold = Number.NaN;
    expect(errorOf(() => quantize(s, dynapcnn9)).message).toBe('layer "s1": threshold is NaN');
  });
});

describe('NIR nested graphs', () => {
  it('inlines a NIRGraph node under "<graph>.<node>" names, through the graph name or "G.B" edges', async () => {
    const group = (entries: [string, unknown][]) => ({ kind: 'group' as const, entries }) as never;
    const edges = (list: string[]) => ({ kind: 'strings' as const, shape: [list.length / 2, 2], data: list });
    const inner = group([
      ['type', str('NIRGraph')],
      ['edges', edges(['input', 'lin', 'lin', 'spk', 'spk', 'output'])],
      [
        'nodes',
        group([
          [
            'input',
            group([
              ['type', str('Input')],
              ['shape', i64([2])],
            ]),
          ],
          [
            'lin',
            group([
              ['type', str('Affine')],
              ['weight', f32([2, 2], [1, 2, 3, 4])],
              ['bias', f32([2], [0.5, 0])],
            ]),
          ],
          [
            'spk',
            group([
              ['type', str('IF')],
              ['r', f32([2], [1, 1])],
              ['v_threshold', f32([2], [2, 2])],
            ]),
          ],
          [
            'output',
            group([
              ['type', str('Output')],
              ['shape', i64([2])],
            ]),
          ],
        ]),
      ],
    ]);
    const file = join(dir, 'nested.nir');
    await writeHdf5Tree(file, [
      ['version', str('1.0.0')],
      [
        'node',
        group([
          ['type', str('NIRGraph')],
          ['edges', edges(['input', 'G', 'G', 'head', 'head', 'out_spk', 'out_spk', 'output'])],
          [
            'nodes',
            group([
              [
                'input',
                group([
                  ['type', str('Input')],
                  ['shape', i64([2])],
                ]),
              ],
              ['G', inner],
              [
                'head',
                group([
                  ['type', str('Linear')],
                  ['weight', f32([1, 2], [1, 1])],
                ]),
              ],
              [
                'out_spk',
                group([
                  ['type', str('IF')],
                  ['r', f32([1], [1])],
                  ['v_threshold', f32([1], [1])],
                ]),
              ],
              [
                'output',
                group([
                  ['type', str('Output')],
                  ['shape', i64([1])],
                ]),
              ],
            ]),
          ],
        ]),
      ],
    ]);
    const n = await readNir(file);
    expect(n.layers.map((l) => [l.name, l.type, l.inputs])).toEqual([
      ['G.lin', 'linear', ['input']],
      ['G.spk', 'if', ['G.lin']],
      ['head', 'linear', ['G.spk']],
      ['out_spk', 'if', ['head']],
    ]);
    const bias = n.layers[0].type === 'linear' ? n.layers[0].bias : null;
    expect(Array.from(bias?.data ?? [])).toEqual([0.5, 0]);
  });
});

describe('describeNir (inspect of graphs the IR cannot hold)', () => {
  it('lists the nodes of a Rockpool LIF export with inputs and parameters', async () => {
    const s = await describeNir(readFileSync(nirFixture('lif_rockpool.nir')), 'lif.nir');
    expect(s.nodes.map((n) => [n.name, n.type, n.inputs, n.params])).toEqual([
      ['input', 'Input', [], ['shape 1']],
      ['0_LinearTorch', 'Linear', ['input'], ['weight 0.04']],
      [
        '1_LIFNeuronTorch',
        'LIF',
        ['0_LinearTorch'],
        ['r 24.019737', 'tau 0.0025', 'v_leak 0', 'v_threshold 0.1'],
      ],
      ['output', 'Output', ['1_LIFNeuronTorch'], ['shape [1, 1, 1]']],
    ]);
    expect(s.types).toEqual({ Input: 1, Linear: 1, LIF: 1, Output: 1 });
    expect(formatNirSummary(s)).toMatch(/\n\n4 nodes \(1 Input, 1 Linear, 1 LIF, 1 Output\)\n$/);
  });
});

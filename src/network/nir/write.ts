/** NIR export: the IR as a NIR 1.0 file (the layout of Python's `nir.write`), Output nodes re-added. */
import type { H5Write } from '../hdf5.ts';
import { writeHdf5Tree } from '../hdf5.ts';
import type { Layer, Network, Shape3, Tensor } from '../schema.ts';
import { flatOutputs, inferShapes, sizeOf } from '../shapes.ts';

/** The NIR version written by `writeNir`. */
export const NIR_WRITE_VERSION = '1.0.0';

const f32 = (t: Tensor): H5Write => ({ kind: 'float32', shape: [...t.shape], data: t.data });
const i64 = (values: number[]): H5Write => ({ kind: 'int64', shape: [values.length], data: values });
const i64Scalar = (v: number): H5Write => ({ kind: 'int64', shape: [], data: [v] });
const str = (value: string): H5Write => ({ kind: 'string', value });
const filled = (shape: number[], value: number): H5Write => ({
  kind: 'float32',
  shape,
  data: new Float32Array(sizeOf(shape)).fill(value),
});

/** NIR writes flat vectors as [n], maps as [C, H, W]. */
const nirShape = (s: Shape3, flat: boolean): number[] => (flat ? [s[0]] : [...s]);

function exportNode(layer: Layer, input: Shape3, output: Shape3, flat: boolean): [string, H5Write][] {
  switch (layer.type) {
    case 'conv2d': {
      const f = layer.weight.shape[0];
      return [
        ['type', str('Conv2d')],
        ['weight', f32(layer.weight)],
        ['bias', layer.bias ? f32(layer.bias) : filled([f], 0)],
        ['stride', i64(layer.stride)],
        ['padding', i64(layer.padding)],
        ['dilation', i64([1, 1])],
        ['groups', i64Scalar(1)],
        ['input_shape', i64([input[1], input[2]])],
      ];
    }
    case 'linear':
      return layer.bias
        ? [
            ['type', str('Affine')],
            ['weight', f32(layer.weight)],
            ['bias', f32(layer.bias)],
          ]
        : [
            ['type', str('Linear')],
            ['weight', f32(layer.weight)],
          ];
    case 'sumpool2d':
    case 'avgpool2d':
      return [
        ['type', str(layer.type === 'sumpool2d' ? 'SumPool2d' : 'AvgPool2d')],
        ['kernel_size', i64(layer.kernel)],
        ['stride', i64(layer.stride)],
        ['padding', i64(layer.padding)],
      ];
    case 'flatten':
      return [
        ['type', str('Flatten')],
        ['input_type', i64([...input])],
        ['start_dim', i64Scalar(0)],
        ['end_dim', i64Scalar(-1)],
      ];
    case 'if': {
      const shape = nirShape(output, flat);
      const meta: [string, H5Write][] = [];
      if (layer.thresholdLow !== -layer.threshold) {
        meta.push([
          'spikeforge_threshold_low',
          { kind: 'float32', shape: [], data: Float32Array.of(layer.thresholdLow) },
        ]);
      }
      if (layer.reset !== 'subtract') meta.push(['spikeforge_reset', str(layer.reset)]);
      const entries: [string, H5Write][] = [
        ['type', str('IF')],
        ['r', filled(shape, 1)],
        ['v_threshold', filled(shape, layer.threshold)],
        ['v_reset', filled(shape, 0)],
      ];
      if (meta.length > 0) entries.push(['metadata', { kind: 'group', entries: meta }]);
      return entries;
    }
  }
}

/**
 * Writes the IR as a NIR 1.0 file in the layout of Python's `nir.write` (`/version`, `/node/type`,
 * `/node/edges`, `/node/nodes/<name>/...`), with an Input node and one Output node per sink layer.
 */
export async function writeNir(network: Network, path: string): Promise<void> {
  const shapes = inferShapes(network);
  const flatSet = flatOutputs(network);
  const flat = new Map<string, boolean>(network.layers.map((l) => [l.name, flatSet.has(l.name)]));
  const nodes: [string, H5Write][] = [];
  const edges: string[] = [];
  nodes.push([
    network.input.name,
    {
      kind: 'group',
      entries: [
        ['type', str('Input')],
        ['shape', i64([...network.input.shape])],
      ],
    },
  ]);
  const consumed = new Set<string>();
  for (const layer of network.layers) {
    for (const from of layer.inputs) {
      edges.push(from, layer.name);
      consumed.add(from);
    }
    const entries = exportNode(
      layer,
      shapes.get(layer.inputs[0])!,
      shapes.get(layer.name)!,
      flat.get(layer.name)!,
    );
    nodes.push([layer.name, { kind: 'group', entries }]);
  }
  const sinks = network.layers.filter((l) => !consumed.has(l.name));
  const taken = new Set([network.input.name, ...network.layers.map((l) => l.name)]);
  sinks.forEach((sink, k) => {
    let name = k === 0 ? 'output' : `output_${sink.name}`;
    while (taken.has(name)) name = `_${name}`;
    taken.add(name);
    edges.push(sink.name, name);
    nodes.push([
      name,
      {
        kind: 'group',
        entries: [
          ['type', str('Output')],
          ['shape', i64(nirShape(shapes.get(sink.name)!, flat.get(sink.name)!))],
        ],
      },
    ]);
  });
  await writeHdf5Tree(path, [
    ['version', str(NIR_WRITE_VERSION)],
    [
      'node',
      {
        kind: 'group',
        entries: [
          ['type', str('NIRGraph')],
          ['edges', { kind: 'strings', shape: [edges.length / 2, 2], data: edges }],
          ['nodes', { kind: 'group', entries: nodes }],
        ],
      },
    ],
  ]);
}

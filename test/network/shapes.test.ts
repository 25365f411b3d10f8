import { describe, expect, it } from 'vitest';
import { flatOutputs, inferShapes, parseNetworkJson } from '../../src/network/index.ts';
import { errorOf } from '../helpers.ts';
import { net, tinyConvNet, weights } from './build.ts';

describe('inferShapes', () => {
  it('gives the output shape of the input and every layer; flat vectors are [n, 1, 1]', () => {
    const shapes = inferShapes(tinyConvNet());
    expect(Object.fromEntries(shapes)).toEqual({
      input: [2, 8, 8],
      c1: [4, 8, 8],
      s1: [4, 8, 8],
      p1: [4, 4, 4],
      f: [64, 1, 1],
      fc: [3, 1, 1],
      s2: [3, 1, 1],
    });
    expect([...flatOutputs(tinyConvNet())]).toEqual(['f', 'fc', 's2']);
  });

  it('applies stride and padding like PyTorch', () => {
    const n = net({
      input: { shape: [1, 34, 34] },
      layers: [
        { type: 'conv2d', name: 'c', weight: weights([3, 1, 5, 5], 4), stride: 2, padding: 1 },
        { type: 'if', name: 's', threshold: 1 },
      ],
    });
    expect(inferShapes(n).get('s')).toEqual([3, 16, 16]);
  });

  it('names the layer and field of a weight of the wrong rank (JSON path)', () => {
    const text = JSON.stringify({
      input: { shape: [16, 8, 8] },
      layers: [
        { type: 'conv2d', name: 'a', weight: weights([16, 16, 3, 3], 1), padding: 1 },
        { type: 'if', name: 'b', threshold: 1 },
        { type: 'conv2d', name: 'c', weight: weights([16, 16, 3, 3], 1), padding: 1 },
        { type: 'conv2d', name: 'd', weight: weights([8, 16, 3], 1) },
      ],
    });
    const e = errorOf(() => parseNetworkJson(text, 'net.json'));
    expect(e.code).toBe('SHAPE');
    expect(e.message).toBe('net.json: layers[3].weight: expected shape [8, 16, 3, 3], got [8, 16, 3]');
  });

  it('rejects in_channels that do not match the map, and linear features that do not match C*H*W', () => {
    const conv = net({
      input: { shape: [2, 8, 8] },
      layers: [{ type: 'conv2d', name: 'c', weight: weights([4, 3, 3, 3], 1) }],
    });
    expect(errorOf(() => inferShapes(conv)).message).toBe(
      'layers[0].weight: expected shape [4, 2, 3, 3], got [4, 3, 3, 3]',
    );
    const lin = net({
      input: { shape: [2, 4, 4] },
      layers: [{ type: 'linear', name: 'l', weight: weights([5, 30], 1) }],
    });
    expect(errorOf(() => inferShapes(lin)).message).toBe(
      'layers[0].weight: expected shape [5, 32], got [5, 30]',
    );
  });

  it('rejects duplicate names, unknown and later inputs, and merges of different shapes', () => {
    const dup = net({
      input: { shape: [1, 4, 4] },
      layers: [
        { type: 'sumpool2d', name: 'p', kernel: 2 },
        { type: 'sumpool2d', name: 'p', kernel: 1 },
      ],
    });
    expect(errorOf(() => inferShapes(dup)).message).toMatch(
      /layers\[1\]\.name: "p" is already the name of an earlier layer/,
    );
    const later = net({
      input: { shape: [1, 4, 4] },
      layers: [
        { type: 'sumpool2d', name: 'p', kernel: 2, inputs: ['q'] },
        { type: 'sumpool2d', name: 'q', kernel: 1 },
      ],
    });
    expect(errorOf(() => inferShapes(later)).message).toMatch(/layers\[0\]\.inputs: "q" comes later/);
    const unknown = net({
      input: { shape: [1, 4, 4] },
      layers: [{ type: 'flatten', name: 'f', inputs: ['zz'] }],
    });
    expect(errorOf(() => inferShapes(unknown)).code).toBe('GRAPH');
    const merge = net({
      input: { shape: [1, 4, 4] },
      layers: [
        { type: 'sumpool2d', name: 'p', kernel: 2 },
        { type: 'flatten', name: 'f', inputs: ['p', 'input'] },
      ],
    });
    expect(errorOf(() => inferShapes(merge)).message).toBe(
      'layers[1].inputs: a merge sums inputs of the same shape, but "p" is [1, 2, 2] and "input" is [1, 4, 4]',
    );
  });

  it('rejects a kernel larger than the padded map', () => {
    const n = net({
      input: { shape: [1, 2, 2] },
      layers: [{ type: 'conv2d', name: 'c', weight: weights([1, 1, 5, 5], 1) }],
    });
    expect(errorOf(() => inferShapes(n)).message).toMatch(
      /^layers\[0\]: kernel 5x5 .* does not fit the 2x2 input map/,
    );
  });
});

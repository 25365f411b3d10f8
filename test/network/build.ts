/** Small hand-built networks for tests (through the schema, like a JSON file). */
import { type Network, type NetworkJson, NetworkSchema } from '../../src/network/schema.ts';

export function net(json: Omit<NetworkJson, 'format' | 'version'>): Network {
  return NetworkSchema.parse(json);
}

/** A deterministic pseudo-random weight tensor as nested arrays. */
export function weights(shape: number[], seed: number, scale = 1): number[] | number[][] | number[][][][] {
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround(((s / 2 ** 32) * 2 - 1) * scale);
  };
  const build = (dims: number[]): unknown =>
    dims.length === 0 ? next() : Array.from({ length: dims[0] }, () => build(dims.slice(1)));
  return build(shape) as number[];
}

export const tinyConvNet = (): Network =>
  net({
    name: 'tiny',
    input: { shape: [2, 8, 8] },
    layers: [
      {
        type: 'conv2d',
        name: 'c1',
        weight: weights([4, 2, 3, 3], 1),
        bias: weights([4], 2, 0.1),
        padding: 1,
      },
      { type: 'if', name: 's1', threshold: 1 },
      { type: 'sumpool2d', name: 'p1', kernel: 2 },
      { type: 'flatten', name: 'f' },
      { type: 'linear', name: 'fc', weight: weights([3, 64], 3) },
      { type: 'if', name: 's2', threshold: 0.5, reset: 'zero' },
    ],
  });

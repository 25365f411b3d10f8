/**
 * Shape inference and graph validation of the network IR: every layer's output shape from the input,
 * and every structural mistake (unknown or later inputs, duplicate names, merges of different shapes,
 * weights that do not fit the map they read) as a SpikeforgeError naming the layer and field.
 */
import { SpikeforgeError } from '../errors.ts';
import type { Layer, Network, Shape3, Tensor } from './schema.ts';

export interface ShapeOptions {
  /**
   * How to name layer `index` in messages; default `layers[<index>]` (the JSON path). The NIR reader
   * passes `node "<name>" (<Type>)` so errors point at the node of the file.
   */
  describe?: (index: number, layer: Layer) => string;
}

const jsonPath = (index: number): string => `layers[${index}]`;

export const fmtShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** floor((n + 2p - k) / s) + 1, the PyTorch output size of a conv or pooling window. */
export function windowOutput(n: number, k: number, s: number, p: number): number {
  return Math.floor((n + 2 * p - k) / s) + 1;
}

function shapeError(where: string, message: string, hint?: string): SpikeforgeError {
  return new SpikeforgeError('SHAPE', `${where}: ${message}`, { hint });
}

function checkTensorShape(where: string, tensor: Tensor, expected: number[], hint?: string): void {
  const got = tensor.shape;
  if (got.length !== expected.length || got.some((d, i) => d !== expected[i])) {
    throw shapeError(where, `expected shape ${fmtShape(expected)}, got ${fmtShape(got)}`, hint);
  }
}

function windowed(
  where: string,
  input: Shape3,
  kernel: [number, number],
  stride: [number, number],
  padding: [number, number],
): Shape3 {
  const h = windowOutput(input[1], kernel[0], stride[0], padding[0]);
  const w = windowOutput(input[2], kernel[1], stride[1], padding[1]);
  if (h < 1 || w < 1) {
    throw shapeError(
      where,
      `kernel ${kernel[0]}x${kernel[1]} (padding ${padding[0]}x${padding[1]}) does not fit the ${input[1]}x${input[2]} input map`,
      'use a smaller kernel or more padding, or check the input shape',
    );
  }
  return [input[0], h, w];
}

function layerOutput(where: string, layer: Layer, input: Shape3): Shape3 {
  switch (layer.type) {
    case 'conv2d': {
      const w = layer.weight.shape;
      const kh = w[2] ?? w[3] ?? 1;
      const kw = w[3] ?? kh;
      checkTensorShape(
        `${where}.weight`,
        layer.weight,
        [w[0] ?? 1, input[0], kh, kw],
        'conv2d weights are [out_channels, in_channels, kernel_h, kernel_w]; in_channels must match the map the layer reads',
      );
      if (layer.bias) checkTensorShape(`${where}.bias`, layer.bias, [w[0]]);
      const out = windowed(where, input, [kh, kw], layer.stride, layer.padding);
      return [w[0], out[1], out[2]];
    }
    case 'linear': {
      const w = layer.weight.shape;
      const features = sizeOf(input);
      checkTensorShape(
        `${where}.weight`,
        layer.weight,
        [w[0] ?? 1, features],
        `linear weights are [out_features, in_features]; the input ${fmtShape(input)} has ${features} features (C*H*W)`,
      );
      if (layer.bias) checkTensorShape(`${where}.bias`, layer.bias, [w[0]]);
      return [w[0], 1, 1];
    }
    case 'sumpool2d':
    case 'avgpool2d':
      return windowed(where, input, layer.kernel, layer.stride, layer.padding);
    case 'flatten':
      return [sizeOf(input), 1, 1];
    case 'if': {
      if (layer.threshold <= 0) throw shapeError(`${where}.threshold`, 'must be > 0');
      if (layer.thresholdLow > 0) {
        throw shapeError(`${where}.thresholdLow`, `is ${layer.thresholdLow}, must be <= 0`);
      }
      const init = layer.initialState;
      if (init && sizeOf(init.shape) !== sizeOf(input)) {
        throw shapeError(
          `${where}.initialState`,
          `expected shape ${fmtShape(input)}, got ${fmtShape(init.shape)}`,
          'the initial membrane has one value per neuron of the layer',
        );
      }
      return input;
    }
  }
}

/**
 * The output shape of the input and of every layer (flat vectors are [n, 1, 1]). Validates the graph
 * on the way: unique names, inputs that name the input or an earlier layer, merges of same-shape
 * inputs, weight and bias shapes against the map each layer reads.
 */
export function inferShapes(network: Network, options: ShapeOptions = {}): Map<string, Shape3> {
  const describe = options.describe ?? jsonPath;
  const shapes = new Map<string, Shape3>();
  shapes.set(network.input.name, [...network.input.shape]);
  network.layers.forEach((layer, i) => {
    const where = describe(i, layer);
    if (shapes.has(layer.name)) {
      const what = layer.name === network.input.name ? 'the input' : 'an earlier layer';
      throw new SpikeforgeError('GRAPH', `${where}.name: "${layer.name}" is already the name of ${what}`, {
        hint: 'layer names must be unique (spikes are reported by name)',
      });
    }
    const inputs = layer.inputs.map((name) => {
      const shape = shapes.get(name);
      if (!shape) {
        const later = network.layers.some((l) => l.name === name);
        throw new SpikeforgeError(
          'GRAPH',
          later
            ? `${where}.inputs: "${name}" comes later in the list (layers must be in topological order; recurrent connections are not supported)`
            : `${where}.inputs: "${name}" is neither the input nor a layer`,
          { hint: `known names: ${[...shapes.keys()].join(', ')}` },
        );
      }
      return shape;
    });
    if (inputs.length === 2) {
      const [a, b] = inputs;
      if (a.some((d, k) => d !== b[k])) {
        throw shapeError(
          `${where}.inputs`,
          `a merge sums inputs of the same shape, but "${layer.inputs[0]}" is ${fmtShape(a)} and "${layer.inputs[1]}" is ${fmtShape(b)}`,
        );
      }
    }
    shapes.set(layer.name, layerOutput(where, layer, inputs[0]));
  });
  return shapes;
}

/** Names of the layers whose output is a flat vector (after a flatten or a linear layer); NIR writes [n]. */
export function flatOutputs(network: Network): Set<string> {
  const flat = new Set<string>();
  for (const layer of network.layers) {
    const fromFlat = layer.inputs.every((i) => flat.has(i));
    if (layer.type === 'flatten' || layer.type === 'linear' || (layer.type !== 'conv2d' && fromFlat)) {
      flat.add(layer.name);
    }
  }
  return flat;
}

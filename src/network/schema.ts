/**
 * The network IR and spikeforge's own JSON format, defined once: the zod schema below is the single
 * source of truth. `NetworkJson` (z.input) is what a file holds; `Network` (z.output) is the plain
 * typed IR the pipeline works on (tensors as Float32Array, defaults filled in, `inputs` explicit).
 */
import { z } from 'zod';
import { nonFiniteAt } from './finite.ts';

/** A dense float tensor, row-major (PyTorch order). */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

type Nested = number | Nested[];

/** Walks nested arrays, checking they are rectangular; returns shape and flat data, or an error text. */
export function tensorFromNested(value: Nested): Tensor | string {
  const shape: number[] = [];
  let probe: Nested = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  let k = 0;
  const walk = (v: Nested, depth: number, path: string): string | undefined => {
    if (depth === shape.length) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${path}: expected a finite number`;
      data[k++] = v;
      return undefined;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      return `${path}: ragged array (expected ${shape[depth]} elements at depth ${depth})`;
    }
    for (let i = 0; i < v.length; i++) {
      const err = walk(v[i], depth + 1, `${path}[${i}]`);
      if (err) return err;
    }
    return undefined;
  };
  const err = walk(value, 0, '');
  return err ?? { shape, data };
}

export function tensorFromBase64(shape: number[], base64: string): Tensor | string {
  const bytes = Buffer.from(base64, 'base64');
  const size = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== size * 4) {
    return `base64 data holds ${bytes.length} bytes, shape [${shape.join(', ')}] needs ${size * 4}`;
  }
  const data = new Float32Array(size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < size; i++) data[i] = view.getFloat32(i * 4, true);
  const bad = nonFiniteAt(data, shape);
  if (bad !== undefined) return `element ${bad}, expected a finite number`;
  return { shape: [...shape], data };
}

const NestedSchema: z.ZodType<Nested> = z.lazy(() => z.union([z.number(), z.array(NestedSchema)]));

const Base64TensorSchema = z
  .object({
    dtype: z.literal('float32'),
    shape: z.array(z.number().int().nonnegative()),
    base64: z.string().describe('little-endian float32 values, row-major'),
  })
  .strict();

/** A tensor: nested arrays of numbers, or base64 little-endian float32 with a shape (for large tensors). */
export const TensorSchema = z.union([NestedSchema, Base64TensorSchema]).transform((v, ctx): Tensor => {
  const t =
    typeof v === 'object' && !Array.isArray(v) ? tensorFromBase64(v.shape, v.base64) : tensorFromNested(v);
  if (typeof t === 'string') {
    ctx.addIssue({ code: 'custom', message: t });
    return z.NEVER;
  }
  return t;
});

const Int = z.number().int();
const PairSchema = z
  .union([Int.nonnegative(), z.tuple([Int.nonnegative(), Int.nonnegative()])])
  .transform((v): [number, number] => (typeof v === 'number' ? [v, v] : v));
const PositivePairSchema = z
  .union([Int.positive(), z.tuple([Int.positive(), Int.positive()])])
  .transform((v): [number, number] => (typeof v === 'number' ? [v, v] : v));

const common = {
  name: z.string().min(1).describe('unique layer name; spikes of an IF layer carry it'),
  inputs: z
    .array(z.string())
    .min(1)
    .max(2)
    .optional()
    .describe(
      'names of the layers (or the input) feeding this one; default: the layer before. Two inputs are summed.',
    ),
};

export const Conv2dSchema = z
  .object({
    type: z.literal('conv2d'),
    ...common,
    weight: TensorSchema.describe('shape [out_channels, in_channels, kernel_h, kernel_w]'),
    bias: TensorSchema.nullable().optional().describe('shape [out_channels]'),
    stride: PositivePairSchema.default([1, 1]),
    padding: PairSchema.default([0, 0]),
  })
  .strict();

export const LinearSchema = z
  .object({
    type: z.literal('linear'),
    ...common,
    weight: TensorSchema.describe('shape [out_features, in_features]; input flattened in C,H,W order'),
    bias: TensorSchema.nullable().optional().describe('shape [out_features]'),
  })
  .strict();

const poolFields = {
  ...common,
  kernel: PositivePairSchema,
  stride: PositivePairSchema.optional().describe('default: the kernel size'),
  padding: PairSchema.default([0, 0]),
};
export const SumPool2dSchema = z.object({ type: z.literal('sumpool2d'), ...poolFields }).strict();
export const AvgPool2dSchema = z.object({ type: z.literal('avgpool2d'), ...poolFields }).strict();

export const FlattenSchema = z.object({ type: z.literal('flatten'), ...common }).strict();

export const IFSchema = z
  .object({
    type: z.literal('if'),
    ...common,
    threshold: z.number().positive().describe('threshold_high: spikes when v >= threshold'),
    thresholdLow: z
      .number()
      .optional()
      .describe('floor of the membrane; default -threshold (sinabs convention)'),
    reset: z.enum(['subtract', 'zero']).default('subtract'),
    initialState: TensorSchema.nullable()
      .optional()
      .describe('initial membrane, the shape of the layer output'),
  })
  .strict();

export const LayerSchema = z.discriminatedUnion('type', [
  Conv2dSchema,
  LinearSchema,
  SumPool2dSchema,
  AvgPool2dSchema,
  FlattenSchema,
  IFSchema,
]);

export const InputSchema = z
  .object({
    name: z.string().min(1).default('input'),
    shape: z.tuple([Int.positive(), Int.positive(), Int.positive()]).describe('[channels, height, width]'),
  })
  .strict();

export const NETWORK_FORMAT = 'spikeforge.network';
export const NETWORK_FORMAT_VERSION = 1;

export const NetworkSchema = z
  .object({
    format: z.literal(NETWORK_FORMAT).default(NETWORK_FORMAT),
    version: z.literal(NETWORK_FORMAT_VERSION).default(NETWORK_FORMAT_VERSION),
    name: z.string().optional(),
    description: z.string().optional(),
    notes: z
      .array(z.string())
      .optional()
      .describe('notes made while importing (e.g. per-neuron thresholds collapsed to one value)'),
    input: InputSchema,
    layers: z.array(LayerSchema).min(1),
  })
  .strict()
  .transform((net) => ({
    ...net,
    layers: net.layers.map((layer, i) => {
      const inputs = layer.inputs ?? [i === 0 ? net.input.name : net.layers[i - 1].name];
      if (layer.type === 'if')
        return { ...layer, inputs, thresholdLow: layer.thresholdLow ?? -layer.threshold };
      if (layer.type === 'sumpool2d' || layer.type === 'avgpool2d') {
        return { ...layer, inputs, stride: layer.stride ?? layer.kernel };
      }
      return { ...layer, inputs };
    }),
  }));

/** What a JSON network file holds. */
export type NetworkJson = z.input<typeof NetworkSchema>;
/** The network IR: plain typed data, layers in topological order, every `inputs` explicit. */
export type Network = z.output<typeof NetworkSchema>;
export type Layer = Network['layers'][number];
export type LayerType = Layer['type'];
export type LayerOf<T extends LayerType> = Extract<Layer, { type: T }>;
/** [channels, height, width]; a flat vector of n features is [n, 1, 1]. */
export type Shape3 = [number, number, number];

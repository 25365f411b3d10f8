/**
 * spikeforge's own JSON network format: parse (schema + graph validation, errors with the JSON path),
 * format (small tensors as nested arrays, large ones as base64 float32), and its JSON Schema.
 */
import { z } from 'zod';
import { SpikeforgeError } from '../errors.ts';
import type { Tensor } from './schema.ts';
import { type Layer, NETWORK_FORMAT, NETWORK_FORMAT_VERSION, type Network, NetworkSchema } from './schema.ts';
import { inferShapes } from './shapes.ts';

/** `layers[3].weight` from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // A tensor (nested arrays | base64 object) or a layer type mismatch: report the most specific branch.
    const deepest = issue.errors
      .flat()
      .sort((a, b) => b.path.length - a.path.length)
      .find((e) => e.code !== 'invalid_type' || e.path.length > 0);
    if (deepest) {
      return describeIssue({ ...deepest, path: [...issue.path, ...deepest.path] } as z.core.$ZodIssue);
    }
  }
  const path = formatIssuePath(issue.path);
  const field = issue.path[issue.path.length - 1];
  if (
    issue.code === 'invalid_union' &&
    (field === 'weight' || field === 'bias' || field === 'initialState')
  ) {
    return `${path}: expected a tensor: nested arrays of numbers, or {"dtype": "float32", "shape": [...], "base64": "..."}`;
  }
  // Tensor checks report their position inside the tensor as "[i][j]: ...": append it to the path.
  const inner = /^((?:\[\d+\])+): (.*)$/s.exec(issue.message);
  if (inner) return `${path}${inner[1]}: ${inner[2]}`;
  return `${path}: ${issue.message}`;
}

/** JSON.parse's message with its character offset given as a line and column an editor can jump to. */
function jsonErrorAt(e: Error, text: string): string {
  const m = /\s*at position (\d+)/.exec(e.message);
  // Some messages quote the text instead, newlines and all: keep them on one line.
  if (!m) return e.message.replace(/\s+/g, ' ');
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${e.message.slice(0, m.index)} at line ${line}, column ${column}`;
}

/** Parses and validates a JSON network (schema, then graph and shapes). Errors name `file` and the path. */
export function parseNetworkJson(text: string, file = '<json>'): Network {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SpikeforgeError('FILE_FORMAT', `${file}: not valid JSON (${jsonErrorAt(e as Error, text)})`, {
      hint: 'network files are JSON (spikeforge.network) or NIR (HDF5); run `spikeforge schema` for the format',
    });
  }
  const parsed = NetworkSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(describeIssue);
    throw new SpikeforgeError('SCHEMA', `${file}: ${lines[0]}`, {
      details: lines.slice(1, 6),
      hint: 'run `spikeforge schema` for the JSON Schema, or see examples/ for complete networks',
    });
  }
  try {
    inferShapes(parsed.data);
  } catch (e) {
    if (e instanceof SpikeforgeError) {
      throw new SpikeforgeError(e.code, `${file}: ${e.message}`, { hint: e.hint, details: e.details });
    }
    throw e;
  }
  return parsed.data;
}

/** Marks a tensor in the object tree so the formatter can write it compactly after JSON.stringify. */
const PLACEHOLDER = '\u0000tensor:';

/** The shortest decimal that reads back as the same float32 (0.1f prints as 0.1, not 0.10000000149011612). */
function float32Text(v: number): string {
  if (Number.isInteger(v)) return String(v + 0);
  for (let p = 1; p < 9; p++) {
    const n = Number(v.toPrecision(p));
    if (Math.fround(n) === v) return String(n);
  }
  return String(v);
}

function nestedText(t: Tensor): string {
  if (t.shape.length === 0) return float32Text(t.data[0]);
  const rec = (dim: number, offset: number, indent: string): string => {
    const n = t.shape[dim];
    if (dim === t.shape.length - 1) {
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(float32Text(t.data[offset + i]));
      return `[${parts.join(', ')}]`;
    }
    const stride = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    const inner: string[] = [];
    for (let i = 0; i < n; i++) inner.push(rec(dim + 1, offset + i * stride, `${indent}  `));
    if (inner.length === 0) return '[]';
    return `[\n${indent}  ${inner.join(`,\n${indent}  `)}\n${indent}]`;
  };
  return rec(0, 0, '');
}

function base64Of(t: Tensor): string {
  const bytes = Buffer.alloc(t.data.length * 4);
  for (let i = 0; i < t.data.length; i++) bytes.writeFloatLE(t.data[i], i * 4);
  return bytes.toString('base64');
}

function pair(p: [number, number]): number | [number, number] {
  return p[0] === p[1] ? p[0] : p;
}

/**
 * The IR as a JSON network file. Tensors with more than `base64Above` values (default 256) are
 * written as base64 little-endian float32; smaller ones as nested arrays. Defaults are omitted.
 */
export function formatNetworkJson(network: Network, options: { base64Above?: number } = {}): string {
  const base64Above = options.base64Above ?? 256;
  const tensors: string[] = [];
  const tensor = (t: Tensor): string | object => {
    if (t.data.length > base64Above) return { dtype: 'float32', shape: t.shape, base64: base64Of(t) };
    tensors.push(nestedText(t));
    return `${PLACEHOLDER}${tensors.length - 1}`;
  };
  const layers = network.layers.map((layer: Layer, i) => {
    const previous = i === 0 ? network.input.name : network.layers[i - 1].name;
    const out: Record<string, unknown> = { type: layer.type, name: layer.name };
    if (!(layer.inputs.length === 1 && layer.inputs[0] === previous)) out.inputs = layer.inputs;
    switch (layer.type) {
      case 'conv2d':
        out.weight = tensor(layer.weight);
        if (layer.bias) out.bias = tensor(layer.bias);
        out.stride = pair(layer.stride);
        out.padding = pair(layer.padding);
        break;
      case 'linear':
        out.weight = tensor(layer.weight);
        if (layer.bias) out.bias = tensor(layer.bias);
        break;
      case 'sumpool2d':
      case 'avgpool2d':
        out.kernel = pair(layer.kernel);
        if (layer.stride[0] !== layer.kernel[0] || layer.stride[1] !== layer.kernel[1]) {
          out.stride = pair(layer.stride);
        }
        if (layer.padding[0] !== 0 || layer.padding[1] !== 0) out.padding = pair(layer.padding);
        break;
      case 'flatten':
        break;
      case 'if':
        out.threshold = layer.threshold;
        if (layer.thresholdLow !== -layer.threshold) out.thresholdLow = layer.thresholdLow;
        out.reset = layer.reset;
        if (layer.initialState) out.initialState = tensor(layer.initialState);
        break;
    }
    return out;
  });
  const doc: Record<string, unknown> = { format: NETWORK_FORMAT, version: NETWORK_FORMAT_VERSION };
  if (network.name !== undefined) doc.name = network.name;
  if (network.description !== undefined) doc.description = network.description;
  if (network.notes !== undefined && network.notes.length > 0) doc.notes = network.notes;
  doc.input = { name: network.input.name, shape: network.input.shape };
  doc.layers = layers;
  // Short arrays of numbers or names (shapes, strides, inputs) on one line.
  const text = JSON.stringify(doc, null, 2).replace(
    /\[\n\s*((?:-?[\d.e+-]+|"[^"\n]*")(?:,\n\s*(?:-?[\d.e+-]+|"[^"\n]*"))*)\n\s*\]/g,
    (_m, items: string) => `[${items.split(/,\n\s*/).join(', ')}]`,
  );
  // Re-indent each nested tensor to the depth of the key that holds it.
  return `${text.replace(/^( *)(.*)"\\u0000tensor:(\d+)"/gm, (_m, indent: string, key: string, k: string) => {
    return `${indent}${key}${tensors[Number(k)].replace(/\n/g, `\n${indent}`)}`;
  })}\n`;
}

/** The JSON Schema (draft 2020-12) of the network file format, generated from the zod schema. */
export function networkJsonSchema(): object {
  const schema = z.toJSONSchema(NetworkSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://spikeforge.dev/schema/network-v1.json',
    title: 'spikeforge network',
    description:
      'A spiking CNN for spikeforge: an input map and a list of layers in topological order. Tensors are nested arrays (row-major) or {dtype: "float32", shape, base64} (little-endian).',
  };
}

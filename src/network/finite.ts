/**
 * Non-finite numbers (NaN, ±Infinity) have no meaning on a chip: found anywhere in a network they are
 * refused, naming the layer, the field and the index (a NaN weight would otherwise quantize to 0).
 */
import { SpikeforgeError } from '../errors.ts';
import type { Network } from './schema.ts';

/** `[i, j, ...] is NaN` for the first non-finite value of a row-major tensor, or undefined. */
export function nonFiniteAt(
  data: ArrayLike<number>,
  shape: readonly number[],
  options: { allowInfinite?: boolean } = {},
): string | undefined {
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (Number.isFinite(v) || (options.allowInfinite && !Number.isNaN(v))) continue;
    const index: number[] = [];
    let rest = k;
    for (let d = shape.length - 1; d >= 0; d--) {
      index.unshift(rest % shape[d]);
      rest = Math.floor(rest / shape[d]);
    }
    return `[${(shape.length > 0 ? index : [k]).join(', ')}] is ${v}`;
  }
  return undefined;
}

export const FINITE_HINT =
  'every weight, bias and threshold must be a finite number; check the export (a diverged training gives NaN)';

/** Throws for the first NaN or infinite weight, bias, threshold or initial state of the network. */
export function checkFinite(network: Network): void {
  for (const layer of network.layers) {
    const fields: [string, ArrayLike<number>, readonly number[]][] = [];
    if (layer.type === 'conv2d' || layer.type === 'linear') {
      fields.push(['weight', layer.weight.data, layer.weight.shape]);
      if (layer.bias) fields.push(['bias', layer.bias.data, layer.bias.shape]);
    } else if (layer.type === 'if') {
      fields.push(['threshold', [layer.threshold], []]);
      if (layer.thresholdLow !== undefined) fields.push(['thresholdLow', [layer.thresholdLow], []]);
      if (layer.initialState)
        fields.push(['initialState', layer.initialState.data, layer.initialState.shape]);
    }
    for (const [field, data, shape] of fields) {
      const bad = nonFiniteAt(data, shape);
      if (bad === undefined) continue;
      const where = shape.length === 0 ? ` is ${data[0]}` : bad;
      throw new SpikeforgeError('SCHEMA', `layer "${layer.name}": ${field}${where}`, { hint: FINITE_HINT });
    }
  }
}

/**
 * Lowering: a quantized layer becomes what one core computes, a square-kernel convolution. A linear
 * layer becomes a convolution whose kernel covers its whole input map (C,H,W order); where that map or
 * a conv kernel is not square, the kernel is zero-padded to a square and the padding (and, for a linear
 * layer, the stride) chosen so that the output map and the weights' alignment stay exactly the same.
 */
import type { ChipProfile } from '../chip/profile.ts';
import type { CoreConfig } from '../image/config.ts';
import { kernelSizeError } from '../image/limits.ts';
import { fmtShape } from '../network/shapes.ts';
import type { QuantizedLayer } from '../quantize/types.ts';
import { convOutputSize } from './memory.ts';

/** What one core computes: the geometry and kernel fields of its CoreConfig, in the same layout. */
export interface LoweredLayer
  extends Pick<CoreConfig, 'inputShape' | 'outputShape' | 'kernelSize' | 'stride' | 'padding' | 'weights'> {
  name: string;
  /** How messages name the layer: `layer "if3" (weights "conv3")` when the two names differ. */
  label: string;
  kind: 'conv2d' | 'linear';
  /** What lowering changed, for the fit report. */
  notes: string[];
}

/** Why a layer could not be lowered (one line, names the layer), with a hint. */
export interface LoweringProblem {
  layer: string;
  message: string;
  /** What to change, when the message does not say it already. */
  hint?: string;
}

interface AxisPlan {
  offset: number;
  stride: number;
  padding: number;
}

/**
 * One axis of the square-kernel trick: the original kernel (size `size`) sits at `offset` inside the
 * k-wide kernel, so padding grows by `offset` and every real tap reads the same input pixel as before.
 * Searches offsets nearest the middle first, then the given strides in order, for the same output size.
 */
function planAxis(
  n: number,
  size: number,
  k: number,
  padding: number,
  strides: number[],
  out: number,
  paddingMax: number,
): AxisPlan | null {
  const d = k - size;
  const offsets = Array.from({ length: d + 1 }, (_, a) => a).sort(
    (a, b) => Math.abs(2 * a - d) - Math.abs(2 * b - d) || a - b,
  );
  for (const stride of strides) {
    for (const offset of offsets) {
      const p = padding + offset;
      if (p > paddingMax) continue;
      if (convOutputSize(n, k, stride, p) === out) return { offset, stride, padding: p };
    }
  }
  return null;
}

/** Copies an (F, C, kh, kw) kernel into the middle of an (F, C, k, k) one at (ay, ax). */
function padKernel(
  src: Int8Array,
  f: number,
  c: number,
  kh: number,
  kw: number,
  k: number,
  ay: number,
  ax: number,
): Int8Array {
  if (kh === k && kw === k) return src;
  const dst = new Int8Array(f * c * k * k);
  for (let fc = 0; fc < f * c; fc++) {
    for (let y = 0; y < kh; y++) {
      const from = (fc * kh + y) * kw;
      dst.set(src.subarray(from, from + kw), (fc * k + y + ay) * k + ax);
    }
  }
  return dst;
}

/** `layer "if3" (weights "conv3")`: the IF name (what spikes carry) and, when different, the weighted node's. */
export function layerLabel(layer: Pick<QuantizedLayer, 'name' | 'weightName'>): string {
  return layer.weightName && layer.weightName !== layer.name
    ? `layer "${layer.name}" (weights "${layer.weightName}")`
    : `layer "${layer.name}"`;
}

export function lowerLayer(layer: QuantizedLayer, profile: ChipProfile): LoweredLayer | LoweringProblem {
  const label = layerLabel(layer);
  const [c, h, w] = layer.inputShape;
  const [f, outH, outW] = layer.outputShape;
  const linear = layer.kind === 'linear';
  const [kh, kw] = linear ? [h, w] : [layer.weightShape[2], layer.weightShape[3]];
  const expected = linear ? [f, c * h * w] : [f, c, kh, kw];
  if (
    layer.weightShape.length !== expected.length ||
    layer.weightShape.some((v, i) => v !== expected[i]) ||
    layer.weight.length !== f * c * kh * kw
  ) {
    return {
      layer: layer.name,
      message: `${label}: weight shape ${fmtShape(layer.weightShape)} (${layer.weight.length} values) does not match input ${fmtShape(layer.inputShape)} and output ${fmtShape(layer.outputShape)}`,
      hint: 'the quantized network is inconsistent; re-run quantize on the source network',
    };
  }
  const k = Math.max(kh, kw);
  const strides = (s: number): number[] => (linear ? [s, ...profile.strides.filter((x) => x !== s)] : [s]);
  // A square conv kernel is kept as it is: its stride / padding / output are checked against the limits.
  const keep = !linear && kh === kw;
  const y = keep
    ? { offset: 0, stride: layer.stride[0], padding: layer.padding[0] }
    : planAxis(h, kh, k, layer.padding[0], strides(layer.stride[0]), outH, profile.paddingMax);
  const x = keep
    ? { offset: 0, stride: layer.stride[1], padding: layer.padding[1] }
    : planAxis(w, kw, k, layer.padding[1], strides(layer.stride[1]), outW, profile.paddingMax);
  if (!y || !x) {
    // A map wider than the largest kernel is that, whatever padding could do (a square map says the same).
    const tooLarge = kernelSizeError(label, layer.kind, h, w, k, profile);
    if (tooLarge) return { layer: layer.name, message: tooLarge };
    return {
      layer: layer.name,
      message: linear
        ? `${label}: linear layer on a ${h}x${w} map cannot become a square ${k}x${k} kernel with an output of 1x1 within padding ${profile.paddingMax}`
        : `${label}: kernel ${kh}x${kw} is not square and cannot be padded to ${k}x${k} with the same output map ${outH}x${outW}`,
      hint: linear
        ? 'pool or crop the map before the linear layer so that it is (nearly) square'
        : `use a square kernel (the chip supports 1x1 .. ${profile.kernelSizeMax}x${profile.kernelSizeMax})`,
    };
  }
  const notes: string[] = [];
  if (linear) {
    notes.push(
      kh === kw
        ? `linear layer "${layer.name}" runs as a ${k}x${k} convolution covering its ${h}x${w} input map`
        : `linear layer "${layer.name}" on a non-square ${h}x${w} map runs as a zero-padded ${k}x${k} convolution (padding ${y.padding},${x.padding}, stride ${y.stride},${x.stride}; weights in kernel rows ${y.offset}..${y.offset + kh - 1}, columns ${x.offset}..${x.offset + kw - 1}) with a 1x1 output`,
    );
  } else if (kh !== kw) {
    notes.push(
      `${label}: ${kh}x${kw} kernel zero-padded to ${k}x${k} (padding ${y.padding},${x.padding}), same output map`,
    );
  }
  return {
    name: layer.name,
    label,
    kind: layer.kind,
    inputShape: [...layer.inputShape],
    outputShape: [...layer.outputShape],
    kernelSize: k,
    stride: [y.stride, x.stride],
    padding: [y.padding, x.padding],
    weights: padKernel(layer.weight, f, c, kh, kw, k, y.offset, x.offset),
    notes,
  };
}

export function isProblem(x: LoweredLayer | LoweringProblem): x is LoweringProblem {
  return 'message' in x;
}

/**
 * sinabs' DYNAP-CNN discretization (backend/dynapcnn/discretize.py), in float32 like the PyTorch
 * tensors it runs on: every product and quotient is rounded to float32 (Math.fround), and rounding to
 * integers is half to even (torch.round).
 */

/** Round half to even (torch.round / numpy.round), for any finite double. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  // `+ 0` turns -0 into 0: integers have one zero.
  if (d < 0.5) return f + 0;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f + 0 : f + 1;
}

/**
 * sinabs' `determine_discretization_scale(obj, bits)`: the largest scale that maps `values` into the
 * signed `bits` range, checking the side (negative or positive) that limits. Infinity for an all-zero
 * (or empty) tensor, so it drops out of the `min` over weights, bias and thresholds.
 */
export function determineScale(values: ArrayLike<number>, bits: number): number {
  if (values.length === 0) return Number.POSITIVE_INFINITY;
  const maxDisc = 2 ** (bits - 1) - 1;
  const minDisc = -(2 ** (bits - 1));
  let min = Math.fround(values[0]);
  let max = min;
  for (let i = 1; i < values.length; i++) {
    const v = Math.fround(values[i]);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // A Python double: abs(min_val_disc / max_val_disc).
  const ratio = Math.abs(minDisc / maxDisc);
  // torch.abs(max) * ratio: a float32 tensor times a Python scalar, computed in float32.
  if (Math.abs(min) <= Math.fround(Math.abs(max) * Math.fround(ratio))) {
    return Math.abs(scalarOver(maxDisc, max));
  }
  return Math.abs(scalarOver(minDisc, min));
}

/**
 * `maxd / max x` of chip-spec.md's `s(x, bits)` as sinabs evaluates it: a Python number divided by a
 * float32 tensor, which PyTorch computes as `tensor.reciprocal() * number` — two float32 roundings,
 * `fround(fround(1 / x) * d)`, not one (`fround(d / x)` differs by one ulp for about a quarter of
 * maxima with d = 127 or 32767; for d = -128 or -32768, powers of two, the two forms agree).
 */
function scalarOver(d: number, x: number): number {
  return Math.fround(Math.fround(1 / x) * d);
}

/** torch.round(value * scale) in float32, element by element. */
export function quantizeValues(values: ArrayLike<number>, scale: number): Float64Array {
  const out = new Float64Array(values.length);
  const s = Math.fround(scale);
  for (let i = 0; i < values.length; i++) out[i] = roundHalfEven(Math.fround(Math.fround(values[i]) * s));
  return out;
}

/** round(value * scale) for one float32 value (a threshold). */
export function quantizeValue(value: number, scale: number): number {
  return roundHalfEven(Math.fround(Math.fround(value) * Math.fround(scale)));
}

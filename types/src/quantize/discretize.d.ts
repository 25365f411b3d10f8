/**
 * sinabs' DYNAP-CNN discretization (backend/dynapcnn/discretize.py), in float32 like the PyTorch
 * tensors it runs on: every product and quotient is rounded to float32 (Math.fround), and rounding to
 * integers is half to even (torch.round).
 */
/** Round half to even (torch.round / numpy.round), for any finite double. */
export declare function roundHalfEven(x: number): number;
/**
 * sinabs' `determine_discretization_scale(obj, bits)`: the largest scale that maps `values` into the
 * signed `bits` range, checking the side (negative or positive) that limits. Infinity for an all-zero
 * (or empty) tensor, so it drops out of the `min` over weights, bias and thresholds.
 */
export declare function determineScale(values: ArrayLike<number>, bits: number): number;
/** torch.round(value * scale) in float32, element by element. */
export declare function quantizeValues(values: ArrayLike<number>, scale: number): Float64Array;
/** round(value * scale) for one float32 value (a threshold). */
export declare function quantizeValue(value: number, scale: number): number;

/**
 * Lowering: a quantized layer becomes what one core computes, a square-kernel convolution. A linear
 * layer becomes a convolution whose kernel covers its whole input map (C,H,W order); where that map or
 * a conv kernel is not square, the kernel is zero-padded to a square and the padding (and, for a linear
 * layer, the stride) chosen so that the output map and the weights' alignment stay exactly the same.
 */
import type { ChipProfile } from '../chip/profile.ts';
import type { CoreConfig } from '../image/config.ts';
import type { QuantizedLayer } from '../quantize/types.ts';
/** What one core computes: the geometry and kernel fields of its CoreConfig, in the same layout. */
export interface LoweredLayer extends Pick<CoreConfig, 'inputShape' | 'outputShape' | 'kernelSize' | 'stride' | 'padding' | 'weights'> {
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
    hint: string;
}
/** `layer "if3" (weights "conv3")`: the IF name (what spikes carry) and, when different, the weighted node's. */
export declare function layerLabel(layer: Pick<QuantizedLayer, 'name' | 'weightName'>): string;
export declare function lowerLayer(layer: QuantizedLayer, profile: ChipProfile): LoweredLayer | LoweringProblem;
export declare function isProblem(x: LoweredLayer | LoweringProblem): x is LoweringProblem;

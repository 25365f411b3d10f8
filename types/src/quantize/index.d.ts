/** Quantization (sinabs-compatible) and the float reference simulation that shows what it changes. */
export { determineScale, quantizeValue, quantizeValues, roundHalfEven } from './discretize.ts';
export { compareSpikeCounts, integerNetwork, type LayerSpikeComparison, spikeCounts } from './integer.ts';
export { effectiveWeights, type QuantizeOptions, quantize, quantizeGroup } from './quantize.ts';
export { type SimulateFloatOptions, simulateFloat } from './reference.ts';
export { formatQuantizationReport, formatSpikeComparison, type QuantizedLayerSummary, summarizeQuantization, } from './report.ts';
export type * from './types.ts';

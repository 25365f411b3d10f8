/** The per-layer quantization report, for people (the numbers are in `QuantizedLayer.stats`). */
import type { LayerSpikeComparison } from './integer.ts';
import type { QuantizationStats, QuantizedLayer, QuantizedNetwork } from './types.ts';
/** A quantized layer without its tensors: what `inspect --json` prints per layer. */
export type QuantizedLayerSummary = Pick<QuantizedLayer, 'name' | 'weightName' | 'kind' | 'sources' | 'inputShape' | 'outputShape' | 'thresholdHigh' | 'thresholdLow' | 'reset'> & QuantizationStats;
export declare function summarizeQuantization(q: QuantizedNetwork): QuantizedLayerSummary[];
export declare function formatQuantizationReport(q: QuantizedNetwork): string;
/** Spike counts per layer, float vs quantized (from `compareSpikeCounts`), for people. */
export declare function formatSpikeComparison(rows: readonly LayerSpikeComparison[]): string;

/** Events: file formats, diff, plots, synthetic input and the float-vs-quantized comparison. */
export { type AedatOptions, type AedatVersion, aedatVersion, parseAedat } from './aedat.ts';
export {
  isSfev,
  readSfevBlocks,
  SFEV_BLOCK_EVENTS,
  SFEV_MAGIC,
  SFEV_VERSION,
  type SfevBlock,
  type SfevHeader,
  SfevWriter,
} from './binary.ts';
export {
  formatInputCsv,
  formatSpikesCsv,
  parseInputCsv,
  parseSpikesCsv,
  readInputCsv,
  readSpikesCsv,
} from './csv.ts';
export {
  type Divergence,
  diffSpikes,
  diffSpikesWithin,
  formatSpikeDiff,
  formatWindowDiff,
  type LayerDiff,
  type NeuronDiff,
  pearsonOfCounts,
  type SpikeDiff,
  type WindowDiff,
  type WindowDivergence,
  type WindowLayerDiff,
} from './diff.ts';
export { type EventLayerSummary, type EventSummary, formatEventSummary, summarizeEvents } from './info.ts';
export {
  detectFormat,
  EVENT_FORMATS,
  type EventFormat,
  type EventRecording,
  type ReadEventsOptions,
  readEvents,
  readInputEvents,
  readSpikes,
  type WriteEventsOptions,
  writeEvents,
} from './io.ts';
export { eventsToNpy, isNpy, type NpyArray, npyRasterShape, parseNpy, rasterToEvents } from './npy.ts';
export {
  concatInputEvents,
  concatSpikes,
  type EventStats,
  eventStats,
  inputAsSpikes,
  selectLayers,
  sortByStep,
  spikesAsInput,
} from './ops.ts';
export { niceTicks, type PlotOptions, plotSpikes } from './plot.ts';
export { type MovingBarsOptions, movingBars } from './synthetic.ts';
export {
  parseNeuronRef,
  parseTraceCsv,
  readTraceCsv,
  type Traces,
  tracedNeurons,
} from './trace.ts';
export type { InputEvents, NeuronRef, Spikes } from './types.ts';
export { makeInputEvents, makeSpikes } from './types.ts';

/** The emulator of a configured chip: event-driven engine, dense reference, traces and batch runs. */
export type {
  BatchOptions,
  BatchPoolOptions,
  BatchResult,
  BatchRunOptions,
  BatchSample,
  BatchSampleResult,
} from './batch.ts';
export { BatchPool, formatBatchCsv, runBatch } from './batch.ts';
export { inputOutOfMap, type OutOfMap, OutOfMapCounter } from './bounds.ts';
export { denseReference } from './dense.ts';
export type {
  BandwidthWarning,
  CoreStats,
  EmulatorOptions,
  EmulatorStats,
  RunOptions,
} from './emulator.ts';
export { Emulator, runEmulator } from './emulator.ts';
export type { EngineName } from './engine.ts';
export { defaultEngine, engineNames, parseEngine } from './engine.ts';
export { loadBatchSamples } from './samples.ts';
export type { TracePoint } from './trace.ts';
export { parseTracePoints } from './trace.ts';

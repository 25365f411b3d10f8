/** The compiler for dynapcnn9-class chips: quantized network -> chip configuration, image, register writes. */
export { CompileError, type CompileOptions, type CompileResult, compile, type InputOptions, } from './compile.ts';
export { inspectImage } from './inspect.ts';
export { type LoweredLayer, lowerLayer } from './lower.ts';
export { kernelMemory, type MemoryDemand, memoryDemand, neuronMemory, synopsPerEvent } from './memory.ts';
export { parseCrop, parseMonitor, parsePlacement, parseSize } from './options.ts';
export { type CompileNetworkOptions, compileNetwork, type LoadConfigOptions, loadConfig, readNetwork, } from './pipeline.ts';
export { candidateCores, fitsCore, type PlacementDemand, type PlacementResult, place, tryPlace, } from './place.ts';
export { FIT_REPORT_VERSION, type FitReport, formatFitReport, type LayerFit, type MemoryUse, } from './report.ts';

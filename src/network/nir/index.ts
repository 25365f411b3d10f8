/** NIR at the edge of the network stage: reading (graph.ts, convert.ts) and writing (write.ts). */
export { type NirImportOptions, readNir } from './convert.ts';
export { describeNir, formatNirSummary, type NirGraphSummary, type NirNodeSummary } from './describe.ts';
export { compareNodeNames } from './graph.ts';
export { NIR_WRITE_VERSION, writeNir } from './write.ts';

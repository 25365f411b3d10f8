/** The network model: the IR (schema.ts), its JSON and NIR adapters, shapes, grouping into chip layers. */
export { type GroupSource, groupLayers, type LayerGroup } from './group.ts';
export { hashNetwork } from './hash.ts';
export { formatIssuePath, formatNetworkJson, networkJsonSchema, parseNetworkJson } from './json.ts';
export { loadNetwork, parseNetworkFile, readNetworkFile, saveNetwork } from './load.ts';
export { compareNodeNames, NIR_WRITE_VERSION, type NirImportOptions, readNir, writeNir } from './nir.ts';
export * from './schema.ts';
export { flatOutputs, fmtShape, inferShapes, type ShapeOptions, sizeOf, windowOutput } from './shapes.ts';
export { formatNetworkSummary, formatShape, type LayerSummary, type NetworkSummary, summarizeNetwork, } from './summary.ts';

/**
 * spikeforge's public API, stage by stage, data flowing one way:
 * network (IR, JSON, NIR) -> quantize -> compiler (validate, place, image) -> emulator;
 * events (files, diff, plots); transport (links, framing) -> device (flash, run, stream).
 *
 * ```ts
 * import { loadNetwork, compileNetwork, encodeImage, Emulator, openDevice, dynapcnn9 } from 'spikeforge';
 * const { config, report } = compileNetwork(await loadNetwork('net.nir'), dynapcnn9);
 * const spikes = new Emulator(config, { monitor: 'all' }).run(events);
 * const dev = await openDevice('sim');
 * await dev.flash(encodeImage(config));
 * for await (const batch of dev.run(events, { monitor: 'all' })) { ... }
 * await dev.close();
 * ```
 */
export * from './chip/index.ts';
export * from './compiler/index.ts';
export type { RunOptions as DeviceRunOptions } from './device/index.ts';
export * from './device/index.ts';
export type { RunOptions } from './emulator/index.ts';
export * from './emulator/index.ts';
export type { ErrorCode } from './errors.ts';
export { isSpikeforgeError, SpikeforgeError } from './errors.ts';
export type { LayerSummary as EventLayerSummary } from './events/index.ts';
export * from './events/index.ts';
export * from './image/index.ts';
export type { LayerSummary } from './network/index.ts';
export * from './network/index.ts';
export * from './quantize/index.ts';
export * from './transport/index.ts';
export { crc32 } from './util/crc32.ts';
export * from './workflows/compare.ts';
export * from './workflows/demo.ts';

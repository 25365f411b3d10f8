/** The device client: open a board by URI, flash, run, read state. */

export { Device } from './device.ts';
export type { DeviceApi, OpenDeviceOptions } from './open.ts';
export { openDevice } from './open.ts';
export {
  type RunFileOptions,
  type RunOnDeviceOptions,
  runFileOnDevice,
  runOnDevice,
} from './run.ts';
export type { RequestBody, SessionOptions, SessionStats } from './session.ts';
export { Session } from './session.ts';
export type {
  DeviceInfo,
  DeviceOptions,
  DeviceRunOptions,
  DeviceStatus,
  FlashOptions,
  FlashResult,
} from './types.ts';

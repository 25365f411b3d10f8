/** The device client: open a board by URI, flash, run, read state. */
export type { DeviceInfo, DeviceOptions, DeviceStatus, FlashOptions, FlashResult, MonitorSelection, RunOptions, } from './device.ts';
export { Device } from './device.ts';
export { type ImageFileOptions, loadImageFile } from './image.ts';
export type { OpenDeviceOptions } from './open.ts';
export { openDevice } from './open.ts';
export { type RunFileOptions, type RunOnDeviceOptions, runFileOnDevice, runOnDevice, } from './run.ts';
export type { RequestBody, SessionOptions, SessionStats } from './session.ts';
export { Session } from './session.ts';

import type { InputEvents, Spikes } from '../events/types.ts';
import type { FlashOptions, MonitorSelection } from './device.ts';
import type { OpenDeviceOptions } from './open.ts';
export interface RunOnDeviceOptions {
    /** Flashed first unless the board already runs exactly this image (same CRC32 and size). */
    image?: Uint8Array;
    monitor?: MonitorSelection;
    steps?: number;
    realtime?: boolean;
    flash?: Omit<FlashOptions, 'resume'>;
    open?: OpenDeviceOptions;
}
/** Opens the device, flashes the image if needed, runs the events, returns every spike read back. */
export declare function runOnDevice(uri: string, events: InputEvents, options?: RunOnDeviceOptions): Promise<Spikes>;
export interface RunFileOptions extends RunOnDeviceOptions {
    /** Input events file (t,c,y,x CSV, .sfev, .npy, .aedat). */
    input: string;
    /** Output spikes CSV `t,layer,c,y,x`, written whole or not at all. */
    output: string;
}
/** `spikeforge run <image> --device <uri>`: events from a file, spikes to a CSV; returns a one-line summary. */
export declare function runFileOnDevice(uri: string, options: RunFileOptions): Promise<string>;

/**
 * `openDevice(uri)`: the link for a device URI from the link registry (exclusive access: an advisory
 * lock file for serial ports, the board's own one-session rule for everything), then the session
 * handshake.
 */
import { type LinkOpenOptions } from '../transport/links.ts';
import type { DeviceOptions } from './device.ts';
import { Device } from './device.ts';
export interface OpenDeviceOptions extends DeviceOptions, LinkOpenOptions {
}
/**
 * Opens a device: `serial:/dev/ttyACM0?baud=921600`, `usb:VID:PID[/serial]`, `tcp:127.0.0.1:7000`, or any
 * scheme registered with `registerLink` (the CLI registers `sim`, the in-process simulated board). The
 * device is held exclusively until `close()`.
 */
export declare function openDevice(uri: string, options?: OpenDeviceOptions): Promise<Device>;

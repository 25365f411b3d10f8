/**
 * Finding boards: serial ports (with VID/PID and serial number when the system tells), USB devices with
 * a known VID:PID, and what registered links list (the simulated board, samna boards). Never fails because a source is missing (no udevadm, no
 * USB bus): that source is skipped and a note says why.
 */
import { EventEmitter } from 'node:events';
import { type UsbBackend } from './usb.ts';
export interface DeviceListing {
    /** What to pass to `openDevice` / `--device`. */
    uri: string;
    /** The link scheme: serial, usb, or a registered one (sim, samna). */
    kind: string;
    description: string;
    vid?: number;
    pid?: number;
    serialNumber?: string;
    manufacturer?: string;
    /** Set when the VID:PID is a board spikeforge knows. */
    board?: string;
}
export interface Discovery {
    devices: DeviceListing[];
    /** Why a source gave nothing (e.g. "no USB bus"), one line each. */
    notes: string[];
}
/** A serial port as SerialPort.list() reports it. */
export interface SerialPortInfo {
    path: string;
    manufacturer?: string;
    serialNumber?: string;
    vendorId?: string;
    productId?: string;
}
export interface DiscoverySources {
    listSerial?: () => Promise<SerialPortInfo[]>;
    usb?: UsbBackend;
    /** Where USB devices appear on Linux; its absence means there is no USB bus to scan. */
    usbSysfs?: string;
}
/**
 * USB serial ports from sysfs, for systems without udevadm (containers): /dev/ttyACM* and /dev/ttyUSB*
 * with the VID/PID and serial number of the USB device above them.
 */
export declare function listSerialFromSysfs(devDir?: string, sysTty?: string): SerialPortInfo[];
/** Every board found, with notes on the sources that could not be searched. */
export declare function discoverDevices(sources?: DiscoverySources): Promise<Discovery>;
export declare function listDevices(sources?: DiscoverySources): Promise<DeviceListing[]>;
/**
 * Emits 'attach' and 'detach' (with a DeviceListing) as boards come and go: USB through libusb's
 * hot-plug events, serial ports by polling the port list. `close()` stops watching.
 */
export declare class DeviceWatcher extends EventEmitter<{
    attach: [DeviceListing];
    detach: [DeviceListing];
}> {
    private readonly sources;
    private readonly timer;
    private readonly unwatch;
    private known;
    private primed;
    private usbKnown;
    constructor(sources?: DiscoverySources, intervalMs?: number);
    /** Resolves once the first serial scan is done (ports present then are not reported as attached). */
    ready(): Promise<void>;
    close(): void;
    private poll;
    private pollSerial;
}
export declare function watchDevices(options?: {
    intervalMs?: number;
    sources?: DiscoverySources;
}): DeviceWatcher;
/** The human-readable list `spikeforge devices` prints. */
export declare function formatDiscovery(d: Discovery): string;

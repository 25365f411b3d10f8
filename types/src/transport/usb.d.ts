import { BaseTransport } from './base.ts';
/** Boards spikeforge recognises by VID:PID (listed by `spikeforge devices`, opened by `usb:` URIs). */
export declare const KNOWN_USB_BOARDS: readonly {
    vid: number;
    pid: number;
    board: string;
    chip: string;
}[];
export declare const USB_CLASS_VENDOR = 255;
/** Vendor request, host to device, recipient interface: reset the board (wIndex = interface number). */
export declare const USB_RESET_REQUEST: {
    readonly bmRequestType: 65;
    readonly bRequest: 1;
};
type UsbError = Error & {
    errno?: number;
};
/** What every endpoint has; node-usb's InEndpoint / OutEndpoint add the methods below. */
export interface UsbEndpointLike {
    direction: 'in' | 'out';
    transferType: number;
    address: number;
}
export interface UsbInEndpointLike extends UsbEndpointLike {
    startPoll(nTransfers?: number, transferSize?: number): unknown;
    stopPoll(callback?: () => void): void;
    on(event: 'data', listener: (data: Buffer) => void): unknown;
    on(event: 'error', listener: (error: UsbError) => void): unknown;
}
export interface UsbOutEndpointLike extends UsbEndpointLike {
    transfer(buffer: Buffer, callback: (error: UsbError | undefined, actual: number) => void): unknown;
}
export interface UsbInterfaceLike {
    interfaceNumber: number;
    descriptor: {
        bInterfaceClass: number;
    };
    endpoints: UsbEndpointLike[];
    claim(): void;
    release(closeEndpoints: boolean, callback?: (error?: UsbError) => void): void;
    isKernelDriverActive(): boolean;
    detachKernelDriver(): void;
}
export interface UsbDeviceLike {
    busNumber: number;
    deviceAddress: number;
    deviceDescriptor: {
        idVendor: number;
        idProduct: number;
        iSerialNumber: number;
    };
    interfaces: UsbInterfaceLike[] | undefined;
    open(defaultConfig?: boolean): void;
    close(): void;
    controlTransfer(bmRequestType: number, bRequest: number, wValue: number, wIndex: number, dataOrLength: number | Buffer, callback?: (error: UsbError | undefined, buffer: Buffer | number | undefined) => void): unknown;
    getStringDescriptor(index: number, callback: (error?: UsbError, value?: string) => void): void;
}
/** What the USB code needs from libusb: the device list and hot-plug events. */
export interface UsbBackend {
    getDeviceList(): UsbDeviceLike[];
    /** Registers a hot-plug listener; returns a function that removes it. */
    on(event: 'attach' | 'detach', listener: (device: UsbDeviceLike) => void): () => void;
}
/** node-usb itself. */
export declare const nodeUsbBackend: UsbBackend;
export interface UsbSelector {
    vid: number;
    pid: number;
    /** The board's serial number (string descriptor); any board with the VID:PID if absent. */
    serial?: string;
}
export declare function usbUri(sel: UsbSelector): string;
export declare function knownUsbBoard(vid: number, pid: number): (typeof KNOWN_USB_BOARDS)[number] | undefined;
/** Reads the serial number string of an opened device ('' when it has none). */
export declare function readUsbSerial(device: UsbDeviceLike): Promise<string>;
export declare class UsbTransport extends BaseTransport {
    readonly uri: string;
    readonly device: UsbDeviceLike;
    private readonly iface;
    private readonly inEndpoint;
    private readonly outEndpoint;
    private readonly unwatch;
    constructor(uri: string, device: UsbDeviceLike, iface: UsbInterfaceLike, inEndpoint: UsbInEndpointLike, outEndpoint: UsbOutEndpointLike, backend: UsbBackend);
    write(data: Uint8Array): Promise<void>;
    /** Vendor control request: the board resets (drops its session; the configuration survives). */
    reset(): Promise<void>;
    close(): Promise<void>;
    private closeDevice;
    private lost;
}
/** Opens the board `sel` selects: claims its vendor interface and starts reading. */
export declare function openUsb(sel: UsbSelector, backend?: UsbBackend): Promise<UsbTransport>;
export {};

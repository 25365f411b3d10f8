/**
 * USB links (`usb:VID:PID[/serial]`) over usb 2.18 (libusb): the board exposes a vendor-class
 * interface (class 0xFF) with one bulk IN and one bulk OUT endpoint; the byte stream on them is framed
 * exactly as on a serial line. A vendor control request resets the board.
 *
 * The code talks to node-usb through the small structural types below (what it uses of `Device`,
 * `Interface` and the endpoints), so tests can stand in at the libusb boundary with plain objects.
 */
import { createRequire } from 'node:module';
import type * as NodeUsb from 'usb';
import { SpikeforgeError } from '../errors.ts';
import { BaseTransport } from './base.ts';

/** Boards spikeforge recognises by VID:PID (listed by `spikeforge devices`, opened by `usb:` URIs). */
export const KNOWN_USB_BOARDS: readonly { vid: number; pid: number; board: string; chip: string }[] = [
  // pid.codes open-source vendor id; product id of the spikeforge dev kit.
  { vid: 0x1209, pid: 0x5346, board: 'spikeforge devkit', chip: 'dynapcnn9' },
];

export const USB_CLASS_VENDOR = 0xff;
const LIBUSB_TRANSFER_TYPE_BULK = 2;
/** Vendor request, host to device, recipient interface: reset the board (wIndex = interface number). */
export const USB_RESET_REQUEST = { bmRequestType: 0x41, bRequest: 0x01 } as const;
/** Bytes per bulk OUT transfer, and per IN transfer while polling. */
const TRANSFER_SIZE = 16 * 1024;
const IN_TRANSFERS = 3;

type UsbError = Error & { errno?: number };

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
  descriptor: { bInterfaceClass: number };
  endpoints: UsbEndpointLike[];
  claim(): void;
  release(closeEndpoints: boolean, callback?: (error?: UsbError) => void): void;
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
}

export interface UsbDeviceLike {
  busNumber: number;
  deviceAddress: number;
  deviceDescriptor: { idVendor: number; idProduct: number; iSerialNumber: number };
  interfaces: UsbInterfaceLike[] | undefined;
  open(defaultConfig?: boolean): void;
  close(): void;
  controlTransfer(
    bmRequestType: number,
    bRequest: number,
    wValue: number,
    wIndex: number,
    dataOrLength: number | Buffer,
    callback?: (error: UsbError | undefined, buffer: Buffer | number | undefined) => void,
  ): unknown;
  getStringDescriptor(index: number, callback: (error?: UsbError, value?: string) => void): void;
}

/** What the USB code needs from libusb: the device list and hot-plug events. */
export interface UsbBackend {
  getDeviceList(): UsbDeviceLike[];
  /** Registers a hot-plug listener; returns a function that removes it. */
  on(event: 'attach' | 'detach', listener: (device: UsbDeviceLike) => void): () => void;
}

let nodeUsb: typeof NodeUsb | undefined;
/** node-usb (a native addon), loaded on first use: only commands that reach USB pay for it. */
function loadUsb(): typeof NodeUsb {
  nodeUsb ??= createRequire(import.meta.url)('usb') as typeof NodeUsb;
  return nodeUsb;
}

/** node-usb itself. */
export const nodeUsbBackend: UsbBackend = {
  getDeviceList: () => loadUsb().getDeviceList(),
  on: (event, listener) => {
    const { usb } = loadUsb();
    usb.on(event, listener);
    return () => {
      usb.off(event, listener);
    };
  },
};

export interface UsbSelector {
  vid: number;
  pid: number;
  /** The board's serial number (string descriptor); any board with the VID:PID if absent. */
  serial?: string;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function usbUri(sel: UsbSelector): string {
  return `usb:${hex4(sel.vid)}:${hex4(sel.pid)}${sel.serial ? `/${sel.serial}` : ''}`;
}

export function knownUsbBoard(vid: number, pid: number): (typeof KNOWN_USB_BOARDS)[number] | undefined {
  return KNOWN_USB_BOARDS.find((b) => b.vid === vid && b.pid === pid);
}

// node-usb builds an InEndpoint for direction 'in' and an OutEndpoint for 'out'.
const isIn = (e: UsbEndpointLike): e is UsbInEndpointLike => e.direction === 'in' && 'startPoll' in e;
const isOut = (e: UsbEndpointLike): e is UsbOutEndpointLike => e.direction === 'out' && 'transfer' in e;

/** Reads the serial number string of an opened device ('' when it has none). */
export function readUsbSerial(device: UsbDeviceLike): Promise<string> {
  const index = device.deviceDescriptor.iSerialNumber;
  if (index === 0) return Promise.resolve('');
  return new Promise((resolve, reject) =>
    device.getStringDescriptor(index, (e, value) => (e ? reject(e) : resolve(value ?? ''))),
  );
}

export class UsbTransport extends BaseTransport {
  private readonly unwatch: () => void;

  constructor(
    readonly uri: string,
    readonly device: UsbDeviceLike,
    private readonly iface: UsbInterfaceLike,
    private readonly inEndpoint: UsbInEndpointLike,
    private readonly outEndpoint: UsbOutEndpointLike,
    backend: UsbBackend,
  ) {
    super();
    inEndpoint.on('data', (data: Buffer) => {
      if (data.length > 0) this.received(data);
    });
    inEndpoint.on('error', (e: UsbError) => this.lost(e));
    this.unwatch = backend.on('detach', (d) => {
      if (d === device) this.lost(new Error('device detached'));
    });
    inEndpoint.startPoll(IN_TRANSFERS, TRANSFER_SIZE);
  }

  async write(data: Uint8Array): Promise<void> {
    for (let at = 0; at < data.length; at += TRANSFER_SIZE) {
      if (!this.isOpen) throw new SpikeforgeError('DISCONNECTED', `${this.uri}: the link is closed`);
      const part = data.subarray(at, Math.min(data.length, at + TRANSFER_SIZE));
      await new Promise<void>((resolve, reject) =>
        this.outEndpoint.transfer(Buffer.from(part.buffer, part.byteOffset, part.byteLength), (e) => {
          if (!e) {
            resolve();
            return;
          }
          reject(
            new SpikeforgeError('TRANSPORT', `${this.uri}: bulk OUT transfer failed: ${e.message}`, {
              hint: 'check the cable; reset the board if it keeps failing',
              cause: e,
            }),
          );
        }),
      );
    }
  }

  /** Vendor control request: the board resets (drops its session; the configuration survives). */
  reset(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.device.controlTransfer(
        USB_RESET_REQUEST.bmRequestType,
        USB_RESET_REQUEST.bRequest,
        0,
        this.iface.interfaceNumber,
        Buffer.alloc(0),
        (e) =>
          e
            ? reject(
                new SpikeforgeError('DEVICE_ERROR', `${this.uri}: reset request failed: ${e.message}`, {
                  cause: e,
                }),
              )
            : resolve(),
      ),
    );
  }

  async close(): Promise<void> {
    if (!this.beginClose()) return;
    this.unwatch();
    await new Promise<void>((resolve) => this.inEndpoint.stopPoll(() => resolve()));
    await new Promise<void>((resolve) => this.iface.release(true, () => resolve()));
    this.closeDevice();
    this.ended(undefined);
  }

  private closeDevice(): void {
    try {
      this.device.close();
    } catch {
      // Already gone with the cable: nothing left to close.
    }
  }

  private lost(cause: Error): void {
    if (!this.isOpen) return;
    this.unwatch();
    this.closeDevice();
    this.ended(
      new SpikeforgeError('DISCONNECTED', `${this.uri}: USB link lost (${cause.message})`, {
        hint: 'check the cable and that the board is powered',
        cause,
      }),
    );
  }
}

/** The vendor interface with a bulk IN and a bulk OUT endpoint, or undefined. */
function findLink(
  device: UsbDeviceLike,
): { iface: UsbInterfaceLike; inEp: UsbInEndpointLike; outEp: UsbOutEndpointLike } | undefined {
  for (const iface of device.interfaces ?? []) {
    if (iface.descriptor.bInterfaceClass !== USB_CLASS_VENDOR) continue;
    const bulk = iface.endpoints.filter((e) => e.transferType === LIBUSB_TRANSFER_TYPE_BULK);
    const inEp = bulk.find(isIn);
    const outEp = bulk.find(isOut);
    if (inEp && outEp) return { iface, inEp, outEp };
  }
  return undefined;
}

/** LIBUSB_ERROR_BUSY / LIBUSB_ERROR_ACCESS. */
const LIBUSB_ERROR_BUSY = -6;
const LIBUSB_ERROR_ACCESS = -3;

/** Opens the board `sel` selects: claims its vendor interface and starts reading. */
export async function openUsb(sel: UsbSelector, backend: UsbBackend = nodeUsbBackend): Promise<UsbTransport> {
  const uri = usbUri(sel);
  const candidates = backend
    .getDeviceList()
    .filter((d) => d.deviceDescriptor.idVendor === sel.vid && d.deviceDescriptor.idProduct === sel.pid);
  const notFound = (why: string) =>
    new SpikeforgeError('DEVICE_NOT_FOUND', `${uri}: ${why}`, {
      hint: 'run `spikeforge devices` to list boards; check the cable and (Linux) the udev rule for the VID:PID',
    });
  if (candidates.length === 0) throw notFound(`no USB device ${hex4(sel.vid)}:${hex4(sel.pid)} is connected`);
  const seen: string[] = [];
  for (const device of candidates) {
    try {
      device.open();
    } catch (e) {
      const err = e as UsbError;
      if (err.errno === LIBUSB_ERROR_ACCESS) {
        throw new SpikeforgeError('DEVICE_NOT_FOUND', `${uri}: permission denied opening the device`, {
          hint: 'add a udev rule granting your user access to this VID:PID, or run as a user in the plugdev group',
          cause: e,
        });
      }
      throw new SpikeforgeError('DEVICE_ERROR', `${uri}: cannot open the device: ${err.message}`, {
        cause: e,
      });
    }
    if (sel.serial !== undefined) {
      const serial = await readUsbSerial(device).catch(() => '');
      if (serial !== sel.serial) {
        seen.push(serial || '(none)');
        device.close();
        continue;
      }
    }
    const link = findLink(device);
    if (!link) {
      device.close();
      throw new SpikeforgeError(
        'DEVICE_ERROR',
        `${uri}: the device has no vendor-class interface with bulk IN and OUT endpoints`,
        { hint: 'the board runs other firmware (e.g. a bootloader): flash the spikeforge firmware' },
      );
    }
    try {
      if (link.iface.isKernelDriverActive()) link.iface.detachKernelDriver();
      link.iface.claim();
    } catch (e) {
      device.close();
      const err = e as UsbError;
      if (err.errno === LIBUSB_ERROR_BUSY) {
        throw new SpikeforgeError('DEVICE_BUSY', `${uri}: the board is in use by another program`, {
          hint: 'close the other spikeforge session (or program) holding the board',
          cause: e,
        });
      }
      throw new SpikeforgeError('DEVICE_ERROR', `${uri}: cannot claim the interface: ${err.message}`, {
        cause: e,
      });
    }
    return new UsbTransport(uri, device, link.iface, link.inEp, link.outEp, backend);
  }
  throw notFound(`no board with serial number "${sel.serial}" (found: ${seen.join(', ')})`);
}

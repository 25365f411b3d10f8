// There is no USB bus on the CI machines: these tests stand in for libusb with plain objects shaped
// like node-usb's Device / Interface / InEndpoint / OutEndpoint (the boundary src/transport/usb.ts
// talks to). What runs for real is everything above it: device selection, claiming, bulk transfers,
// framing over them, the reset control request and hot-unplug handling.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isSpikeforgeError } from '../../src/errors.ts';
import { FramedLink } from '../../src/transport/framing.ts';
import {
  KNOWN_USB_BOARDS,
  openUsb,
  USB_RESET_REQUEST,
  type UsbBackend,
  type UsbDeviceLike,
  type UsbInEndpointLike,
  type UsbInterfaceLike,
  type UsbOutEndpointLike,
} from '../../src/transport/usb.ts';

const BULK = 2;
const board = KNOWN_USB_BOARDS[0];

class StubIn extends EventEmitter implements UsbInEndpointLike {
  direction = 'in' as const;
  transferType = BULK;
  address = 0x81;
  polling = false;
  startPoll(): unknown {
    this.polling = true;
    return [];
  }
  stopPoll(callback?: () => void): void {
    this.polling = false;
    setImmediate(() => callback?.());
  }
}

class StubOut implements UsbOutEndpointLike {
  direction = 'out' as const;
  transferType = BULK;
  address = 0x01;
  transfers: number[] = [];
  constructor(private readonly onBytes: (b: Buffer) => void) {}
  transfer(buffer: Buffer, callback: (error: undefined, actual: number) => void): unknown {
    this.transfers.push(buffer.length);
    const copy = Buffer.from(buffer);
    setImmediate(() => {
      callback(undefined, copy.length);
      this.onBytes(copy);
    });
    return this;
  }
}

interface StubBoard {
  device: UsbDeviceLike;
  inEp: StubIn;
  outEp: StubOut;
  iface: UsbInterfaceLike & { claimed: boolean; detached: boolean };
  controls: number[][];
  opened: () => boolean;
}

/** A board whose firmware echoes every byte back on bulk IN (after one extra hop, like a real loop). */
function stubBoard(
  opts: { vid?: number; pid?: number; serial?: string; claimErrno?: number; vendorClass?: number } = {},
): StubBoard {
  const inEp = new StubIn();
  const outEp = new StubOut((b) => inEp.emit('data', b));
  let open = false;
  const controls: number[][] = [];
  const iface = {
    interfaceNumber: 2,
    descriptor: { bInterfaceClass: opts.vendorClass ?? 0xff },
    endpoints: [outEp, inEp],
    claimed: false,
    detached: false,
    claim() {
      if (opts.claimErrno !== undefined)
        throw Object.assign(new Error('LIBUSB_ERROR_BUSY'), { errno: opts.claimErrno });
      this.claimed = true;
    },
    release(_closeEndpoints: boolean, callback?: () => void) {
      this.claimed = false;
      setImmediate(() => callback?.());
    },
    isKernelDriverActive: () => true,
    detachKernelDriver() {
      iface.detached = true;
    },
  };
  const device: UsbDeviceLike = {
    busNumber: 1,
    deviceAddress: 7,
    deviceDescriptor: { idVendor: opts.vid ?? board.vid, idProduct: opts.pid ?? board.pid, iSerialNumber: 3 },
    get interfaces() {
      return open ? [iface] : undefined;
    },
    open() {
      open = true;
    },
    close() {
      open = false;
    },
    controlTransfer(bmRequestType, bRequest, wValue, wIndex, data, callback) {
      controls.push([bmRequestType, bRequest, wValue, wIndex, typeof data === 'number' ? data : data.length]);
      setImmediate(() => callback?.(undefined, 0));
      return this;
    },
    getStringDescriptor(index, callback) {
      setImmediate(() => callback(undefined, index === 3 ? (opts.serial ?? 'SF-0001') : ''));
    },
  };
  return { device, inEp, outEp, iface, controls, opened: () => open };
}

function backendOf(devices: UsbDeviceLike[]): UsbBackend & { detach: (d: UsbDeviceLike) => void } {
  const events = new EventEmitter();
  return {
    getDeviceList: () => devices,
    on: (event, listener) => {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
    detach: (d) => events.emit('detach', d),
  };
}

describe('USB transport (libusb stubbed: no USB bus here)', () => {
  it('picks the board by VID:PID and serial, claims its vendor interface and carries frames over bulk', async () => {
    const other = stubBoard({ vid: 0x0403, pid: 0x6001 });
    const wrongSerial = stubBoard({ serial: 'SF-0002' });
    const ours = stubBoard({ serial: 'SF-0001' });
    const backend = backendOf([other.device, wrongSerial.device, ours.device]);
    const t = await openUsb({ vid: board.vid, pid: board.pid, serial: 'SF-0001' }, backend);
    expect(t.uri).toBe('usb:1209:5346/SF-0001');
    expect(other.opened()).toBe(false);
    expect(wrongSerial.opened()).toBe(false); // opened to read its serial, then closed again
    expect(ours.iface.detached).toBe(true);
    expect(ours.iface.claimed).toBe(true);
    expect(ours.inEp.polling).toBe(true);

    const link = new FramedLink(t);
    const got: Uint8Array[] = [];
    const done = new Promise<void>((r) =>
      link.onFrame((p) => {
        got.push(p);
        if (got.length === 2) r();
      }),
    );
    const big = new Uint8Array(4000).map((_, i) => (i * 13) & 0xff);
    await link.send(new Uint8Array([5, 0, 5]));
    await link.sendMany([big, big, big, big, big]); // 20 kB: more than one bulk transfer
    await done;
    expect(Array.from(got[0])).toEqual([5, 0, 5]);
    expect(got[1].every((v, i) => v === big[i])).toBe(true);
    expect(Math.max(...ours.outEp.transfers)).toBeLessThanOrEqual(16 * 1024);
    expect(ours.outEp.transfers.length).toBeGreaterThan(2);

    await t.reset();
    expect(ours.controls).toEqual([[USB_RESET_REQUEST.bmRequestType, USB_RESET_REQUEST.bRequest, 0, 2, 0]]);

    await t.close();
    expect(ours.iface.claimed).toBe(false);
    expect(ours.inEp.polling).toBe(false);
    expect(ours.opened()).toBe(false);
  });

  it('reports an unplugged board as DISCONNECTED', async () => {
    const ours = stubBoard();
    const backend = backendOf([ours.device]);
    const t = await openUsb({ vid: board.vid, pid: board.pid }, backend);
    const closed = new Promise<Error | undefined>((r) => t.onClose(r));
    backend.detach(ours.device);
    const e = await closed;
    expect(isSpikeforgeError(e) && e.code).toBe('DISCONNECTED');
    expect(t.isOpen).toBe(false);
    await expect(t.write(new Uint8Array([1]))).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('explains what is wrong: absent, busy, wrong firmware, unknown serial', async () => {
    const code = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => undefined,
        (x: unknown) => x,
      );
      return isSpikeforgeError(e) ? `${e.code}: ${e.message}` : String(e);
    };
    expect(await code(openUsb({ vid: board.vid, pid: board.pid }, backendOf([])))).toMatch(
      /DEVICE_NOT_FOUND: usb:1209:5346: no USB device 1209:5346/,
    );
    expect(
      await code(
        openUsb({ vid: board.vid, pid: board.pid }, backendOf([stubBoard({ claimErrno: -6 }).device])),
      ),
    ).toMatch(/DEVICE_BUSY/);
    expect(
      await code(
        openUsb({ vid: board.vid, pid: board.pid }, backendOf([stubBoard({ vendorClass: 0x02 }).device])),
      ),
    ).toMatch(/DEVICE_ERROR: .*no vendor-class interface/);
    expect(
      await code(
        openUsb(
          { vid: board.vid, pid: board.pid, serial: 'X' },
          backendOf([stubBoard({ serial: 'Y' }).device]),
        ),
      ),
    ).toMatch(/no board with serial number "X" \(found: Y\)/);
  });
});

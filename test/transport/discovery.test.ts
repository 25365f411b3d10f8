import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerSimLink } from '../../firmware-sim/link.ts';
import { registerSamnaLink } from '../../src/device/samna/link.ts';
import {
  discoverDevices,
  formatDiscovery,
  listDevices,
  listSerialFromSysfs,
  type SerialPortInfo,
  watchDevices,
} from '../../src/transport/discovery.ts';
import type { UsbBackend, UsbDeviceLike } from '../../src/transport/usb.ts';
import { cli } from '../helpers.ts';

// `sim` URIs are the in-process simulated board, which the CLI registers; so do these tests. The samna
// link lists through Python (test/samna tests it): out of the way here, where notes are counted.
registerSimLink();
registerSamnaLink()();

const noUsb: UsbBackend = { getDeviceList: () => [], on: () => () => {} };

describe('discovery', () => {
  it('on this machine (no udevadm, no USB bus) lists only sim, with notes, and does not throw', async () => {
    const d = await discoverDevices({ usbSysfs: '/nonexistent/usb' });
    expect(d.devices.at(-1)?.uri).toBe('sim');
    expect(d.notes.some((n) => n.startsWith('USB: no USB bus'))).toBe(true);
    expect((await listDevices({ usbSysfs: '/nonexistent/usb' })).map((l) => l.kind)).toContain('sim');
  });

  it('lists serial ports with VID/PID and serial number, and marks known boards', async () => {
    const ports: SerialPortInfo[] = [
      {
        path: '/dev/ttyACM0',
        vendorId: '1209',
        productId: '5346',
        serialNumber: 'SF-0001',
        manufacturer: 'spikeforge',
      },
      { path: '/dev/ttyS0' },
    ];
    const d = await discoverDevices({ listSerial: async () => ports, usb: noUsb, usbSysfs: '/' });
    expect(d.devices.map((l) => l.uri)).toEqual([
      'serial:/dev/ttyACM0?baud=921600',
      'serial:/dev/ttyS0?baud=921600',
      'sim',
    ]);
    expect(d.devices[0]).toMatchObject({
      vid: 0x1209,
      pid: 0x5346,
      serialNumber: 'SF-0001',
      board: 'spikeforge devkit',
    });
    expect(d.devices[1].board).toBeUndefined();
    expect(d.notes).toEqual([]);
    const text = formatDiscovery(d);
    expect(text).toContain('[1209:5346 serial SF-0001]');
    expect(text).not.toContain('no boards found');
  });

  it('a failing serial list becomes a note', async () => {
    const d = await discoverDevices({
      listSerial: () => Promise.reject(Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' })),
      usb: noUsb,
      usbSysfs: '/',
    });
    expect(d.notes).toEqual([
      'serial ports: the system list failed (udevadm is not available); no /dev/ttyACM* or /dev/ttyUSB* found',
    ]);
    expect(formatDiscovery(d)).toMatch(/^no boards found on serial or USB\nsim .*\nnote: serial ports/);
  });

  it('reads USB serial ports from sysfs when udevadm is absent', () => {
    const root = mkdtempSync(join(tmpdir(), 'sf-sysfs-'));
    try {
      const dev = join(root, 'dev');
      const usbDev = join(root, 'sys/devices/usb1/1-1');
      const ifaceDir = join(usbDev, '1-1:1.0');
      mkdirSync(join(dev), { recursive: true });
      mkdirSync(join(ifaceDir), { recursive: true });
      mkdirSync(join(root, 'sys/class/tty/ttyACM0'), { recursive: true });
      writeFileSync(join(dev, 'ttyACM0'), '');
      writeFileSync(join(dev, 'ttyS0'), '');
      writeFileSync(join(usbDev, 'idVendor'), '1209\n');
      writeFileSync(join(usbDev, 'idProduct'), '5346\n');
      writeFileSync(join(usbDev, 'serial'), 'SF-0009\n');
      symlinkSync(ifaceDir, join(root, 'sys/class/tty/ttyACM0/device'));
      expect(listSerialFromSysfs(dev, join(root, 'sys/class/tty'))).toEqual([
        { path: join(dev, 'ttyACM0'), vendorId: '1209', productId: '5346', serialNumber: 'SF-0009' },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('emits attach and detach as serial ports come and go', async () => {
    let ports: SerialPortInfo[] = [{ path: '/dev/ttyACM0' }];
    const w = watchDevices({ intervalMs: 10, sources: { listSerial: async () => ports, usb: noUsb } });
    await w.ready();
    const events: string[] = [];
    w.on('attach', (l) => events.push(`attach ${l.uri}`));
    w.on('detach', (l) => events.push(`detach ${l.uri}`));
    ports = [{ path: '/dev/ttyACM1' }];
    await new Promise((r) => setTimeout(r, 60));
    w.close();
    expect(events).toEqual([
      'attach serial:/dev/ttyACM1?baud=921600',
      'detach serial:/dev/ttyACM0?baud=921600',
    ]);
  });

  it('emits attach and detach for known USB boards from libusb hot-plug events, ignoring others', async () => {
    const events = new EventEmitter();
    const backend: UsbBackend = {
      getDeviceList: () => [],
      on: (event, listener) => {
        events.on(event, listener);
        return () => events.off(event, listener);
      },
    };
    const device = (vid: number, pid: number): UsbDeviceLike => ({
      busNumber: 1,
      deviceAddress: 4,
      deviceDescriptor: { idVendor: vid, idProduct: pid, iSerialNumber: 1 },
      interfaces: [],
      open: () => {},
      close: () => {},
      controlTransfer: () => undefined,
      getStringDescriptor: (_i, cb) => cb(undefined, 'SF-0042'),
    });
    const w = watchDevices({ intervalMs: 1000, sources: { listSerial: async () => [], usb: backend } });
    await w.ready();
    const seen: string[] = [];
    w.on('attach', (l) => seen.push(`attach ${l.uri}`));
    w.on('detach', (l) => seen.push(`detach ${l.uri}`));
    const board = device(0x1209, 0x5346);
    events.emit('attach', device(0x046d, 0xc077)); // a mouse
    events.emit('attach', board);
    await new Promise((r) => setTimeout(r, 10));
    events.emit('detach', board);
    w.close();
    expect(events.listenerCount('attach') + events.listenerCount('detach')).toBe(0);
    expect(seen).toEqual(['attach usb:1209:5346/SF-0042', 'detach usb:1209:5346/SF-0042']);
  });

  it('`spikeforge devices --json` prints a list and notes here, exit 0', async () => {
    const { code, stdout } = await cli(['devices', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { devices: { uri: string }[]; notes: string[] };
    expect(out.devices.map((d) => d.uri)).toContain('sim');
    expect(Array.isArray(out.notes)).toBe(true);
  });
});

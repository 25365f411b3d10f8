/**
 * Finding boards: serial ports (with VID/PID and serial number when the system tells), USB devices with
 * a known VID:PID, and what registered links list (the simulated board, samna boards). Never fails because a source is missing (no udevadm, no
 * USB bus): that source is skipped and a note says why.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { linkOpeners } from './links.ts';
import { DEFAULT_BAUD_RATE } from './serial.ts';
import {
  knownUsbBoard,
  nodeUsbBackend,
  readUsbSerial,
  type UsbBackend,
  type UsbDeviceLike,
  usbUri,
} from './usb.ts';

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

function readSysfs(dir: string, file: string): string | undefined {
  try {
    return readFileSync(join(dir, file), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * USB serial ports from sysfs, for systems without udevadm (containers): /dev/ttyACM* and /dev/ttyUSB*
 * with the VID/PID and serial number of the USB device above them.
 */
export function listSerialFromSysfs(devDir = '/dev', sysTty = '/sys/class/tty'): SerialPortInfo[] {
  let names: string[];
  try {
    names = readdirSync(devDir).filter((n) => /^tty(ACM|USB)\d+$/.test(n));
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const info: SerialPortInfo = { path: join(devDir, name) };
    try {
      let dir = realpathSync(join(sysTty, name, 'device'));
      for (let up = 0; up < 4 && dir !== '/'; up++, dir = dirname(dir)) {
        const vid = readSysfs(dir, 'idVendor');
        if (vid === undefined) continue;
        info.vendorId = vid;
        info.productId = readSysfs(dir, 'idProduct');
        info.serialNumber = readSysfs(dir, 'serial');
        info.manufacturer = readSysfs(dir, 'manufacturer');
        break;
      }
    } catch {
      // No sysfs entry: the port is listed without USB details.
    }
    return info;
  });
}

/** The system's serial ports (serialport, a native addon, loads only when ports are listed). */
async function systemSerialList(): Promise<SerialPortInfo[]> {
  const { SerialPort } = await import('serialport');
  return SerialPort.list();
}

async function serialListings(sources: DiscoverySources, notes: string[]): Promise<DeviceListing[]> {
  let ports: SerialPortInfo[];
  try {
    ports = await (sources.listSerial ?? systemSerialList)();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'udevadm is not available' : err.message;
    ports = sources.listSerial ? [] : listSerialFromSysfs();
    notes.push(
      `serial ports: the system list failed (${why}); ${ports.length === 0 ? 'no /dev/ttyACM* or /dev/ttyUSB* found' : 'listed /dev/ttyACM* and /dev/ttyUSB* from sysfs'}`,
    );
  }
  return ports.map((p) => {
    const vid = p.vendorId ? Number.parseInt(p.vendorId, 16) : undefined;
    const pid = p.productId ? Number.parseInt(p.productId, 16) : undefined;
    const board = vid !== undefined && pid !== undefined ? knownUsbBoard(vid, pid) : undefined;
    const listing: DeviceListing = {
      uri: `serial:${p.path}?baud=${DEFAULT_BAUD_RATE}`,
      kind: 'serial',
      description: board
        ? `${board.board} (${board.chip}) on ${p.path}`
        : `serial port ${p.path}${p.manufacturer ? ` (${p.manufacturer})` : ''}`,
    };
    if (vid !== undefined) listing.vid = vid;
    if (pid !== undefined) listing.pid = pid;
    if (p.serialNumber) listing.serialNumber = p.serialNumber;
    if (p.manufacturer) listing.manufacturer = p.manufacturer;
    if (board) listing.board = board.board;
    return listing;
  });
}

async function usbListing(device: UsbDeviceLike): Promise<DeviceListing | undefined> {
  const { idVendor: vid, idProduct: pid } = device.deviceDescriptor;
  const board = knownUsbBoard(vid, pid);
  if (!board) return undefined;
  let serialNumber: string | undefined;
  try {
    device.open();
    serialNumber = (await readUsbSerial(device)) || undefined;
    device.close();
  } catch {
    // Held by another program or no permission: listed without its serial number.
  }
  const listing: DeviceListing = {
    uri: usbUri({ vid, pid, serial: serialNumber }),
    kind: 'usb',
    description: `${board.board} (${board.chip}), USB bus ${device.busNumber} address ${device.deviceAddress}`,
    vid,
    pid,
    board: board.board,
  };
  if (serialNumber) listing.serialNumber = serialNumber;
  return listing;
}

async function usbListings(sources: DiscoverySources, notes: string[]): Promise<DeviceListing[]> {
  const sysfs = sources.usbSysfs ?? '/sys/bus/usb/devices';
  let devices: UsbDeviceLike[];
  try {
    devices = (sources.usb ?? nodeUsbBackend).getDeviceList();
  } catch (e) {
    notes.push(`USB: cannot list devices (${(e as Error).message})`);
    return [];
  }
  if (devices.length === 0 && !existsSync(sysfs))
    notes.push(`USB: no USB bus on this machine (${sysfs} is missing)`);
  const out: DeviceListing[] = [];
  for (const d of devices) {
    const l = await usbListing(d);
    if (l) out.push(l);
  }
  return out;
}

/** Every board found, with notes on the sources that could not be searched. */
export async function discoverDevices(sources: DiscoverySources = {}): Promise<Discovery> {
  const notes: string[] = [];
  const serial = await serialListings(sources, notes);
  const usbDevices = await usbListings(sources, notes);
  const devices = [...serial, ...usbDevices];
  // Links registered beside the built-in ones (sim, samna) list their own boards; one failing is a note.
  for (const opener of linkOpeners()) {
    if (!opener.list) continue;
    try {
      const found = await opener.list();
      devices.push(...found.devices);
      notes.push(...found.notes);
    } catch (e) {
      notes.push(`${opener.scheme}: cannot list devices (${(e as Error).message})`);
    }
  }
  return { devices, notes };
}

export async function listDevices(sources: DiscoverySources = {}): Promise<DeviceListing[]> {
  return (await discoverDevices(sources)).devices;
}

/**
 * Emits 'attach' and 'detach' (with a DeviceListing) as boards come and go: USB through libusb's
 * hot-plug events, serial ports by polling the port list. `close()` stops watching.
 */
export class DeviceWatcher extends EventEmitter<{ attach: [DeviceListing]; detach: [DeviceListing] }> {
  private readonly timer: NodeJS.Timeout;
  private readonly unwatch: (() => void)[] = [];
  private known = new Map<string, DeviceListing>();
  private primed: Promise<void>;
  private usbKnown = new Map<UsbDeviceLike, DeviceListing>();

  constructor(
    private readonly sources: DiscoverySources = {},
    intervalMs = 1000,
  ) {
    super();
    const usbBackend = sources.usb ?? nodeUsbBackend;
    try {
      this.unwatch.push(
        usbBackend.on('attach', (d) => {
          void usbListing(d).then((l) => {
            if (!l) return;
            this.usbKnown.set(d, l);
            this.emit('attach', l);
          });
        }),
        usbBackend.on('detach', (d) => {
          const l = this.usbKnown.get(d);
          if (!l) return;
          this.usbKnown.delete(d);
          this.emit('detach', l);
        }),
      );
    } catch {
      // No hot-plug support (no USB bus): serial polling still works.
    }
    this.primed = this.pollSerial(false);
    this.timer = setInterval(() => void this.poll(), intervalMs);
    this.timer.unref();
  }

  /** Resolves once the first serial scan is done (ports present then are not reported as attached). */
  ready(): Promise<void> {
    return this.primed;
  }

  close(): void {
    clearInterval(this.timer);
    for (const u of this.unwatch) u();
    this.unwatch.length = 0;
  }

  private async poll(): Promise<void> {
    await this.primed;
    this.primed = this.pollSerial(true);
  }

  private async pollSerial(report: boolean): Promise<void> {
    const now = new Map((await serialListings(this.sources, [])).map((l) => [l.uri, l]));
    if (report) {
      for (const [uri, l] of now) if (!this.known.has(uri)) this.emit('attach', l);
      for (const [uri, l] of this.known) if (!now.has(uri)) this.emit('detach', l);
    }
    this.known = now;
  }
}

export function watchDevices(
  options: { intervalMs?: number; sources?: DiscoverySources } = {},
): DeviceWatcher {
  return new DeviceWatcher(options.sources, options.intervalMs);
}

/** The human-readable list `spikeforge devices` prints. */
export function formatDiscovery(d: Discovery): string {
  const lines: string[] = [];
  const width = Math.max(...d.devices.map((l) => l.uri.length), 3);
  const real = d.devices.filter((l) => l.kind !== 'sim');
  if (real.length === 0) lines.push('no boards found on serial or USB');
  for (const l of d.devices) {
    const ids =
      l.vid !== undefined && l.pid !== undefined
        ? `  [${l.vid.toString(16).padStart(4, '0')}:${l.pid.toString(16).padStart(4, '0')}${l.serialNumber ? ` serial ${l.serialNumber}` : ''}]`
        : '';
    lines.push(`${l.uri.padEnd(width)}  ${l.description}${ids}`);
  }
  for (const n of d.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

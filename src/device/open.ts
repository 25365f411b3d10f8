/**
 * `openDevice(uri)`: the link for a device URI from the link registry (exclusive access: an advisory
 * lock file for serial ports, the board's own one-session rule for everything), then the session
 * handshake.
 */
import { SpikeforgeError } from '../errors.ts';
import { FAST_LINK_FRAME_SIZE, type LinkOpenOptions, openLink } from '../transport/links.ts';
import { Device } from './device.ts';
import { registerSamnaLink } from './samna/link.ts';
import type { DeviceOptions } from './types.ts';

export interface OpenDeviceOptions extends DeviceOptions, LinkOpenOptions {}

/** What every opened device offers: the public interface of `Device`, whatever carries it. */
export type DeviceApi = { [K in keyof Device]: Device[K] };

// Real Speck dev kits through samna: the library registers that link itself (it starts nothing until
// a samna: URI is opened or devices are listed).
registerSamnaLink();

/**
 * Opens a device: `serial:/dev/ttyACM0?baud=921600`, `usb:VID:PID[/serial]`, `tcp:127.0.0.1:7000`, or any
 * scheme registered with `registerLink` (the CLI registers `sim`, the in-process simulated board;
 * `samna:<board>` reaches a Speck dev kit through samna). The device is held exclusively until `close()`.
 */
export async function openDevice(uri: string, options: OpenDeviceOptions = {}): Promise<DeviceApi> {
  const link = await openLink(uri, options);
  // A link that is its own device (see DeviceLink) implements DeviceApi.
  if ('device' in link) return link.device as DeviceApi;
  // After a failure the device may open the same URI again, to learn what the board runs.
  const reopen = async () => {
    const again = await openLink(uri, { ...options, lockHeld: true });
    if ('device' in again) {
      throw new SpikeforgeError('INTERNAL', `${uri} cannot be reopened as a wire-protocol link`);
    }
    return again;
  };
  return Device.connect(
    link.transport,
    { maxFrameSize: link.maxFrameSize ?? FAST_LINK_FRAME_SIZE, ...options },
    link.release,
    reopen,
  );
}

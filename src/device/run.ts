/** One-call helpers over a Device, for the CLI's `--device` branches and scripts. */
import type { InputEvents, Spikes } from '../events/types.ts';
import { makeSpikes } from '../events/types.ts';
import { crc32 } from '../util/crc32.ts';
import type { FlashOptions, MonitorSelection } from './device.ts';
import type { OpenDeviceOptions } from './open.ts';
import { openDevice } from './open.ts';

export interface RunOnDeviceOptions {
  /** Flashed first unless the board already runs exactly this image (same CRC32 and size). */
  image?: Uint8Array;
  monitor?: MonitorSelection;
  steps?: number;
  realtime?: boolean;
  flash?: Omit<FlashOptions, 'resume'>;
  open?: OpenDeviceOptions;
}

/** Concatenates batches of spikes (same layer table) into one. */
export function concatSpikes(batches: Spikes[], layers: string[]): Spikes {
  const n = batches.reduce((s, b) => s + b.count, 0);
  const out = makeSpikes(layers, n);
  let at = 0;
  for (const b of batches) {
    out.t.set(b.t.subarray(0, b.count), at);
    out.layer.set(b.layer.subarray(0, b.count), at);
    out.c.set(b.c.subarray(0, b.count), at);
    out.y.set(b.y.subarray(0, b.count), at);
    out.x.set(b.x.subarray(0, b.count), at);
    at += b.count;
  }
  out.count = n;
  return out;
}

/** Opens the device, flashes the image if needed, runs the events, returns every spike read back. */
export async function runOnDevice(
  uri: string,
  events: InputEvents,
  options: RunOnDeviceOptions = {},
): Promise<Spikes> {
  const dev = await openDevice(uri, options.open);
  try {
    const info = await dev.info();
    const image = options.image;
    if (image && (info.activeImage?.crc !== crc32(image) || info.activeImage.size !== image.length)) {
      await dev.flash(image, options.flash);
    }
    const layers = (await dev.activeConfig()).cores.map((c) => c.layer);
    const batches: Spikes[] = [];
    for await (const b of dev.run(events, {
      monitor: options.monitor,
      steps: options.steps,
      realtime: options.realtime,
    })) {
      batches.push(b);
    }
    return concatSpikes(batches, layers);
  } finally {
    await dev.close();
  }
}

import { readInputEvents, writeEvents } from '../events/io.ts';
import { concatSpikes, eventStats } from '../events/ops.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import { imageCrc } from '../image/image.ts';
import type { Monitor } from '../image/monitor.ts';
import type { OpenDeviceOptions } from './open.ts';
import { openDevice } from './open.ts';
import type { FlashOptions } from './types.ts';

export interface RunOnDeviceOptions {
  /** Flashed first unless the board already runs exactly this image (same CRC32 and size). */
  image?: Uint8Array;
  monitor?: Monitor;
  steps?: number;
  realtime?: boolean;
  flash?: Omit<FlashOptions, 'resume'>;
  open?: OpenDeviceOptions;
  /** Called as spikes come back: the steps the board has reported up to, of `steps` in all. */
  onProgress?: (step: number, steps: number) => void;
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
    if (image && (info.activeImage?.crc !== imageCrc(image) || info.activeImage.size !== image.length)) {
      await dev.flash(image, options.flash);
    }
    const layers = (await dev.activeConfig()).cores.map((c) => c.layer);
    const batches: Spikes[] = [];
    const total = options.steps ?? eventStats(events).steps;
    let reached = 0;
    for await (const b of dev.run(events, {
      monitor: options.monitor,
      steps: options.steps,
      realtime: options.realtime,
    })) {
      batches.push(b);
      if (b.count > 0) reached = Math.max(reached, b.t[b.count - 1] + 1);
      options.onProgress?.(Math.min(reached, total), total);
    }
    options.onProgress?.(total, total);
    return concatSpikes(batches, layers);
  } finally {
    await dev.close();
  }
}

export interface RunFileOptions extends RunOnDeviceOptions {
  /** Input events file (t,c,y,x CSV, .sfev, .npy, .aedat). */
  input: string;
  /** Output spikes CSV `t,layer,c,y,x`, written whole or not at all. */
  output: string;
}

/** `spikeforge run <image> --device <uri>`: events from a file, spikes to a CSV; returns a one-line summary. */
export async function runFileOnDevice(uri: string, options: RunFileOptions): Promise<string> {
  const events = readInputEvents(options.input);
  const t0 = performance.now();
  const spikes = await runOnDevice(uri, events, options);
  const ms = performance.now() - t0;
  writeEvents(options.output, spikes, { format: 'csv' });
  const perLayer = new Map<string, number>();
  for (let i = 0; i < spikes.count; i++) {
    const name = spikes.layers[spikes.layer[i]];
    perLayer.set(name, (perLayer.get(name) ?? 0) + 1);
  }
  const layers = [...perLayer].map(([l, n]) => `${l}: ${n}`).join(', ');
  return `${events.count} events in, ${spikes.count} spikes out (${layers}) on ${uri} in ${(ms / 1000).toFixed(2)} s`;
}

/**
 * The per-sample work of batch mode, shared by the in-thread path and the worker threads. It imports
 * only the engine: a worker's start-up time is mostly module loading, and event files are read through
 * `../events/io.ts` (loaded on first use).
 */
import type { ChipConfig } from '../compiler/config.ts';
import type { InputEvents } from '../events/types.ts';
import { Emulator } from './emulator.ts';

export interface SampleRunner {
  emulator: Emulator;
  layerIndex: number;
  size: number;
  H: number;
  W: number;
  steps?: number;
}

export function makeSampleRunner(config: ChipConfig, outputLayer: string, steps?: number): SampleRunner {
  const emulator = new Emulator(config, { monitor: [outputLayer] });
  const layerIndex = config.cores.findIndex((c) => c.layer === outputLayer);
  const [F, H, W] = config.cores[layerIndex].outputShape;
  return { emulator, layerIndex, size: F * H * W, H, W, steps };
}

/** Reads a sample's events when given as a path (the reader is loaded on first use). */
export async function sampleEvents(events: InputEvents | string): Promise<InputEvents> {
  if (typeof events !== 'string') return events;
  const { readInputEvents } = await import('../events/io.ts');
  return readInputEvents(events);
}

/** Output spike count per neuron of the runner's layer (written into `counts`), and their total. */
export function countSample(runner: SampleRunner, events: InputEvents, counts: Int32Array): number {
  let spikes = 0;
  const { H, W, layerIndex } = runner;
  runner.emulator.run(events, {
    steps: runner.steps,
    onSpikes: (b) => {
      for (let i = 0; i < b.count; i++) {
        if (b.layer[i] !== layerIndex) continue;
        counts[(b.c[i] * H + b.y[i]) * W + b.x[i]]++;
        spikes++;
      }
    },
  });
  return spikes;
}

/** The per-sample work of batch mode, shared by the in-thread path and the worker threads. */

import type { ErrorCode } from '../errors.ts';
import { isSpikeforgeError } from '../errors.ts';
import { readInputEvents } from '../events/io.ts';
import type { InputEvents } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
import { Emulator } from './emulator.ts';
import type { EngineName } from './engine.ts';

export interface SampleRunner {
  emulator: Emulator;
  layerIndex: number;
  size: number;
  H: number;
  W: number;
  steps?: number;
}

export function makeSampleRunner(
  config: ChipConfig,
  outputLayer: string,
  steps?: number,
  engine?: EngineName,
): SampleRunner {
  const emulator = new Emulator(config, { monitor: [outputLayer], engine });
  const layerIndex = config.cores.findIndex((c) => c.layer === outputLayer);
  const [F, H, W] = config.cores[layerIndex].outputShape;
  return { emulator, layerIndex, size: F * H * W, H, W, steps };
}

/** A sample's events, read from its file when given as a path. */
export function sampleEvents(events: InputEvents | string): InputEvents {
  return typeof events === 'string' ? readInputEvents(events) : events;
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

/** An error as it crosses from a worker to the calling thread (a structured clone keeps no class). */
export interface WorkerError {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export function errorOf(e: unknown): WorkerError {
  return {
    code: isSpikeforgeError(e) ? e.code : 'INTERNAL',
    message: e instanceof Error ? e.message : String(e),
    hint: isSpikeforgeError(e) ? e.hint : undefined,
  };
}

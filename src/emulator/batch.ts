/**
 * Batch mode: many samples through the emulator on worker threads, per-sample output spike counts, the
 * argmax prediction and, with labels, the accuracy.
 *
 * Workers run the TypeScript sources through tsx (resolved from this package, so it works under
 * vitest, under `node bin/spikeforge.js` and from any working directory).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChipConfig } from '../compiler/config.ts';
import { evaluationOrder } from '../compiler/config.ts';
import type { ErrorCode } from '../errors.ts';
import { SpikeforgeError } from '../errors.ts';
import type { InputEvents } from '../events/types.ts';
import { countSample, makeSampleRunner, sampleEvents } from './runner.ts';

export interface BatchSample {
  /** Events, or the path of a `t,c,y,x` CSV file (read by the worker). */
  events: InputEvents | string;
  label?: number;
}

export interface BatchOptions {
  /** Worker threads (default: 2, at most the machine's parallelism); 0 runs in this thread. */
  workers?: number;
  /** Steps per sample; default: each sample's last event step + 1. */
  steps?: number;
  /** The layer whose spikes are counted; default: the network's output (the last core without destinations). */
  outputLayer?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface BatchSampleResult {
  index: number;
  /** The sample's file, when given as a path. */
  file?: string;
  label?: number;
  /** Spike count per neuron of the output layer, index (c*H + y)*W + x. */
  counts: Int32Array;
  /** Argmax of `counts` (lowest index on ties; -1 when the layer did not spike). */
  prediction: number;
  spikes: number;
}

export interface BatchResult {
  outputLayer: string;
  samples: BatchSampleResult[];
  /** Share of labelled samples whose prediction equals the label (undefined without labels). */
  accuracy?: number;
  correct: number;
  labelled: number;
  workers: number;
  elapsedMs: number;
}

export interface WorkerData {
  config: ChipConfig;
  outputLayer: string;
  steps?: number;
}

/** A chunk of consecutive samples, from index `first`. */
export interface WorkerTask {
  first: number;
  samples: (InputEvents | string)[];
}

/** Counts of the chunk's samples one after another (`size` each), and each sample's total. */
export type WorkerReply =
  | { first: number; counts: Int32Array; spikes: Int32Array }
  | { first: number; failed: number; error: { code: ErrorCode; message: string; hint?: string } };

/** The layer counted by default: the output core (no destinations) evaluated last. */
export function defaultOutputLayer(config: ChipConfig): string {
  const byId = new Map(config.cores.map((c) => [c.coreId, c]));
  const sinks = evaluationOrder(config)
    .map((id) => byId.get(id)!)
    .filter((c) => c.destinations.length === 0);
  if (sinks.length === 0) throw new SpikeforgeError('IMAGE_FORMAT', 'the configuration has no cores');
  return sinks[sinks.length - 1].layer;
}

function argmax(counts: Int32Array): number {
  let best = -1;
  let max = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > max) {
      max = counts[i];
      best = i;
    }
  }
  return best;
}

/**
 * The worker's bootstrap: tsx's require hook (in-thread; its ESM hooks would start a loader thread per
 * worker, about 70 ms), then worker.ts. Should a module of the worker's graph be ESM-only (which the
 * require hook cannot load), the ESM hooks instead. (Passing `--import tsx` in execArgv does not reach a
 * worker's own entry on Node 20.)
 */
function workerBootstrap(): string {
  const require = createRequire(import.meta.url);
  const cjs = JSON.stringify(require.resolve('tsx/cjs/api'));
  const pkg = dirname(require.resolve('tsx/package.json'));
  const esm = JSON.stringify(pathToFileURL(join(pkg, 'dist', 'esm', 'api', 'index.mjs')).href);
  const url = new URL('./worker.ts', import.meta.url);
  const file = JSON.stringify(fileURLToPath(url));
  return `try { require(${cjs}).register(); require(${file}); } catch {
  import(${esm}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });
}`;
}

export async function runBatch(
  config: ChipConfig,
  samples: BatchSample[],
  options: BatchOptions = {},
): Promise<BatchResult> {
  const started = performance.now();
  const outputLayer = options.outputLayer ?? defaultOutputLayer(config);
  if (!config.cores.some((c) => c.layer === outputLayer)) {
    throw new SpikeforgeError('USAGE', `batch: no layer named "${outputLayer}" on the chip`, {
      hint: `layers: ${config.cores.map((c) => c.layer).join(', ')}`,
    });
  }
  const total = samples.length;
  const results: BatchSampleResult[] = new Array(total);
  let done = 0;
  const record = (index: number, counts: Int32Array, spikes: number) => {
    const s = samples[index];
    results[index] = {
      index,
      file: typeof s.events === 'string' ? s.events : undefined,
      label: s.label,
      counts,
      prediction: argmax(counts),
      spikes,
    };
    done++;
    options.onProgress?.(done, total);
  };

  const workers = Math.max(0, Math.min(options.workers ?? Math.min(2, availableParallelism()), total));
  if (workers === 0) {
    const runner = makeSampleRunner(config, outputLayer, options.steps);
    for (let i = 0; i < total; i++) {
      const counts = new Int32Array(runner.size);
      const spikes = countSample(runner, sampleEvents(samples[i].events), counts);
      record(i, counts, spikes);
    }
  } else {
    const size = config.cores.find((c) => c.layer === outputLayer)!.outputShape.reduce((a, b) => a * b, 1);
    await runOnWorkers(workers, { config, outputLayer, steps: options.steps }, samples, size, record);
  }

  let correct = 0;
  let labelled = 0;
  for (const r of results) {
    if (r.label === undefined) continue;
    labelled++;
    if (r.prediction === r.label) correct++;
  }
  return {
    outputLayer,
    samples: results,
    accuracy: labelled > 0 ? correct / labelled : undefined,
    correct,
    labelled,
    workers,
    elapsedMs: performance.now() - started,
  };
}

/**
 * Samples in the next task: up to 8 per message, fewer as the batch runs out (guided scheduling), so the
 * workers finish together instead of one waiting on the other's last large chunk.
 */
function chunkSize(remaining: number, workers: number): number {
  return Math.max(1, Math.min(8, Math.floor(remaining / (workers * 4))));
}

function runOnWorkers(
  count: number,
  data: WorkerData,
  samples: BatchSample[],
  size: number,
  record: (index: number, counts: Int32Array, spikes: number) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const bootstrap = workerBootstrap();
    const pool: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const stop = (err?: unknown) => {
      if (failed) return;
      if (err !== undefined) failed = true;
      for (const w of pool) void w.terminate();
      if (err !== undefined) reject(err);
      else resolve();
    };
    const give = (w: Worker) => {
      if (next >= samples.length) return;
      const first = next;
      next = Math.min(samples.length, first + chunkSize(samples.length - first, count));
      const task: WorkerTask = { first, samples: samples.slice(first, next).map((s) => s.events) };
      w.postMessage(task);
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(bootstrap, { eval: true, workerData: data });
      pool.push(w);
      w.on('message', (reply: WorkerReply) => {
        if (failed) return;
        if ('error' in reply) {
          const s = samples[reply.failed].events;
          const where = typeof s === 'string' ? s : `sample ${reply.failed}`;
          stop(
            new SpikeforgeError(reply.error.code, `${where}: ${reply.error.message}`, {
              hint: reply.error.hint,
            }),
          );
          return;
        }
        for (let j = 0; j < reply.spikes.length; j++) {
          // Out of the chunk's one buffer: each result owns its (small) counts.
          record(reply.first + j, reply.counts.slice(j * size, (j + 1) * size), reply.spikes[j]);
        }
        finished += reply.spikes.length;
        if (finished === samples.length) stop();
        else give(w);
      });
      w.on('error', (e) =>
        stop(new SpikeforgeError('INTERNAL', `batch worker failed: ${e.message}`, { cause: e })),
      );
      w.on('exit', (code) => {
        if (code !== 0 && finished < samples.length) {
          stop(new SpikeforgeError('INTERNAL', `batch worker exited with code ${code}`));
        }
      });
      // Two tasks in flight per worker, so it never waits for the next one.
      give(w);
      give(w);
    }
  });
}

/** Per-sample results as CSV: file (or index), label, prediction, output spikes, then one count per output neuron. */
export function formatBatchCsv(result: BatchResult): string {
  const n = result.samples[0]?.counts.length ?? 0;
  const head = ['file', 'label', 'prediction', 'spikes', ...Array.from({ length: n }, (_, i) => `count${i}`)];
  const lines = result.samples.map((s) =>
    [s.file ?? s.index, s.label ?? '', s.prediction, s.spikes, ...s.counts].join(','),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}

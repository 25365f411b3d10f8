/**
 * Batch mode: many samples through the emulator on worker threads, per-sample output spike counts, the
 * argmax prediction and, with labels, the accuracy.
 *
 * A `BatchPool` starts its workers once and keeps them across runs: a worker's start-up and the JIT
 * warm-up of the engine (about 120 ms) are then paid once, not per batch. `runBatch` is one run on a
 * pool of its own. Workers run the TypeScript sources through tsx (resolved from this package, so it
 * works under vitest, under `node bin/spikeforge.js` and from any working directory).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SpikeforgeError } from '../errors.ts';
import type { InputEvents } from '../events/types.ts';
import type { ChipConfig } from '../image/config.ts';
import { evaluationOrder } from '../image/config.ts';
import { layersInOrder } from '../image/monitor.ts';
import type { EngineName } from './engine.ts';
import { countSample, errorOf, makeSampleRunner, sampleEvents } from './runner.ts';

export interface BatchSample {
  /** Events, or the path of a `t,c,y,x` CSV file (read by the worker). */
  events: InputEvents | string;
  label?: number;
}

/** What one run of a batch needs; the configuration is given per run, so one pool serves any network. */
export interface BatchRunOptions {
  /** Steps per sample; default: each sample's last event step + 1. */
  steps?: number;
  /** The emulator engine in every worker (default: WebAssembly where it loads; see `EmulatorOptions`). */
  engine?: EngineName;
  /** The layer whose spikes are counted; default: the network's output (the last core without destinations). */
  outputLayer?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface BatchPoolOptions {
  /** Worker threads (default: 2, at most the machine's parallelism); 0 runs in the calling thread. */
  workers?: number;
}

export interface BatchOptions extends BatchRunOptions, BatchPoolOptions {}

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
  /** Worker threads that ran samples (0: the calling thread). */
  workers: number;
  elapsedMs: number;
}

import type { WorkerError } from './runner.ts';

/**
 * To a worker, in order: a run's configuration, then chunks of its consecutive samples (from index
 * `first`). Every message names its run, so replies of a run that already failed are told apart.
 */
export type WorkerMessage =
  | {
      kind: 'configure';
      run: number;
      config: ChipConfig;
      outputLayer: string;
      steps?: number;
      engine?: EngineName;
    }
  | { kind: 'task'; run: number; first: number; samples: (InputEvents | string)[] };

/**
 * A chunk's counts one sample after another (`size` each) and each sample's total; or why it failed:
 * at sample `failed`, or (without `failed`) because the run's configuration could not be built.
 */
export type WorkerReply =
  | { run: number; first: number; counts: Int32Array; spikes: Int32Array }
  | { run: number; first: number; failed?: number; error: WorkerError };

/** The layer counted by default: the output core (no destinations) evaluated last. */
export function defaultOutputLayer(config: ChipConfig): string {
  const byId = new Map(config.cores.map((c) => [c.coreId, c]));
  const sinks = evaluationOrder(config)
    .map((id) => byId.get(id)!)
    .filter((c) => c.destinations.length === 0);
  if (sinks.length === 0) throw new SpikeforgeError('IMAGE_FORMAT', 'the configuration has no cores');
  return sinks[sinks.length - 1].layer;
}

function outputLayerOf(config: ChipConfig, wanted: string | undefined): string {
  const outputLayer = wanted ?? defaultOutputLayer(config);
  if (!config.cores.some((c) => c.layer === outputLayer)) {
    throw new SpikeforgeError('USAGE', `batch: no layer named "${outputLayer}" on the chip`, {
      hint: `layers: ${layersInOrder(config).join(', ')}`,
    });
  }
  return outputLayer;
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

/** A sample's failure, naming its file (or index) unless the message already starts with it. */
function sampleError(sample: BatchSample, index: number, error: WorkerError): SpikeforgeError {
  const where = typeof sample.events === 'string' ? sample.events : `sample ${index}`;
  const message = error.message.startsWith(where) ? error.message : `${where}: ${error.message}`;
  return new SpikeforgeError(error.code, message, { hint: error.hint });
}

/**
 * The worker's bootstrap. Compiled (dist/): worker.js as it is. From the TypeScript sources (tests,
 * benchmarks): tsx's require hook (in-thread; its ESM hooks would start a loader thread per
 * worker, about 70 ms), then worker.ts. Should a module of the worker's graph be ESM-only (which the
 * require hook cannot load), the ESM hooks instead. (Passing `--import tsx` in execArgv does not reach a
 * worker's own entry on Node 20.)
 */
function workerBootstrap(): string {
  if (import.meta.url.endsWith('.js')) {
    return `import(${JSON.stringify(new URL('./worker.js', import.meta.url).href)});`;
  }
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

/**
 * Samples in the next task: up to 8 per message, fewer as the batch runs out (guided scheduling), so the
 * workers finish together instead of one waiting on the other's last large chunk.
 */
function chunkSize(remaining: number, workers: number): number {
  return Math.max(1, Math.min(8, Math.floor(remaining / (workers * 4))));
}

/** The run on the workers now: replies of other (failed) runs are dropped. */
interface ActiveRun {
  id: number;
  threads: Worker[];
  reply: (w: Worker, reply: WorkerReply) => void;
  fail: (error: unknown) => void;
}

/**
 * Worker threads kept across batch runs. Runs are queued and go one at a time; each sends its own
 * configuration. Idle workers are unref()'ed, so a pool never keeps the process alive; `close()` ends
 * them, after which `run` fails. A worker that dies is replaced at the next run.
 */
export class BatchPool {
  /** Worker threads of the pool (0: runs go in the calling thread). */
  readonly workers: number;
  private readonly threads: (Worker | undefined)[];
  private bootstrap?: string;
  private active?: ActiveRun;
  private runs = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private closing?: Promise<void>;

  constructor(options: BatchPoolOptions = {}) {
    const workers = options.workers ?? Math.min(2, availableParallelism());
    if (!Number.isInteger(workers) || workers < 0) {
      throw new SpikeforgeError('USAGE', `batch pool: workers is ${workers}, expected an integer >= 0`, {
        hint: 'give 0 to run in the calling thread, or the number of worker threads',
      });
    }
    this.workers = workers;
    // Started now, so their start-up overlaps whatever the caller prepares before the first run.
    this.threads = Array.from({ length: workers }, () => this.start());
  }

  /** Runs the samples on the pool's workers once the runs queued before this one are done. */
  run(config: ChipConfig, samples: BatchSample[], options: BatchRunOptions = {}): Promise<BatchResult> {
    const result = this.queue.then(() => this.runNow(config, samples, options));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the workers (a run in progress fails); resolves once they have exited. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.active?.fail(
        new SpikeforgeError('USAGE', 'batch pool closed during a run', {
          hint: 'wait for run() to settle before close()',
        }),
      );
      const threads = this.threads.splice(0).filter((w) => w !== undefined);
      await Promise.all(threads.map((w) => w.terminate()));
    })();
    return this.closing;
  }

  private start(): Worker {
    this.bootstrap ??= workerBootstrap();
    const w = new Worker(this.bootstrap, { eval: true });
    w.unref();
    w.on('message', (reply: WorkerReply) => {
      if (this.active?.id === reply.run) this.active.reply(w, reply);
    });
    w.on('error', (e) =>
      this.lost(w, new SpikeforgeError('INTERNAL', `batch worker failed: ${e.message}`, { cause: e })),
    );
    w.on('exit', (code) =>
      this.lost(w, new SpikeforgeError('INTERNAL', `batch worker exited with code ${code}`)),
    );
    return w;
  }

  /** A worker died (not by close): its slot is refilled at the next run; the run it was in fails. */
  private lost(w: Worker, error: SpikeforgeError): void {
    const i = this.threads.indexOf(w);
    if (i < 0) return;
    this.threads[i] = undefined;
    if (this.active?.threads.includes(w)) this.active.fail(error);
  }

  private async runNow(
    config: ChipConfig,
    samples: BatchSample[],
    options: BatchRunOptions,
  ): Promise<BatchResult> {
    if (this.closing !== undefined) {
      throw new SpikeforgeError('USAGE', 'batch pool is closed: it has no workers left to run samples', {
        hint: 'create a new BatchPool (or call runBatch) for further runs',
      });
    }
    const started = performance.now();
    const outputLayer = outputLayerOf(config, options.outputLayer);
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

    const workers = Math.min(this.workers, total);
    if (workers === 0) {
      const runner = makeSampleRunner(config, outputLayer, options.steps, options.engine);
      for (let i = 0; i < total; i++) {
        const counts = new Int32Array(runner.size);
        let spikes: number;
        try {
          spikes = countSample(runner, sampleEvents(samples[i].events), counts);
        } catch (e) {
          throw sampleError(samples[i], i, errorOf(e));
        }
        record(i, counts, spikes);
      }
    } else {
      const size = config.cores.find((c) => c.layer === outputLayer)!.outputShape.reduce((a, b) => a * b, 1);
      const configure: WorkerMessage = {
        kind: 'configure',
        run: 0,
        config,
        outputLayer,
        steps: options.steps,
        engine: options.engine,
      };
      await this.runOnWorkers(workers, configure, samples, size, record);
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

  private runOnWorkers(
    count: number,
    configure: WorkerMessage & { kind: 'configure' },
    samples: BatchSample[],
    size: number,
    record: (index: number, counts: Int32Array, spikes: number) => void,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const id = ++this.runs;
      for (let i = 0; i < count; i++) this.threads[i] ??= this.start();
      const threads = this.threads.slice(0, count) as Worker[];
      let next = 0;
      let finished = 0;
      const settle = (error?: unknown) => {
        if (this.active?.id !== id) return;
        this.active = undefined;
        for (const w of threads) w.unref();
        if (error === undefined) resolve();
        else reject(error);
      };
      const give = (w: Worker) => {
        if (next >= samples.length) return;
        const first = next;
        next = Math.min(samples.length, first + chunkSize(samples.length - first, count));
        const task: WorkerMessage = {
          kind: 'task',
          run: id,
          first,
          samples: samples.slice(first, next).map((s) => s.events),
        };
        w.postMessage(task);
      };
      const reply = (w: Worker, r: WorkerReply) => {
        if ('error' in r) {
          const { error, failed } = r;
          settle(
            failed === undefined
              ? new SpikeforgeError(error.code, error.message, { hint: error.hint })
              : sampleError(samples[failed], failed, error),
          );
          return;
        }
        for (let j = 0; j < r.spikes.length; j++) {
          // Out of the chunk's one buffer: each result owns its (small) counts.
          record(r.first + j, r.counts.slice(j * size, (j + 1) * size), r.spikes[j]);
        }
        finished += r.spikes.length;
        if (finished === samples.length) settle();
        else give(w);
      };
      this.active = {
        id,
        threads,
        // A throwing onProgress (or a failed postMessage) fails the run instead of the process.
        reply: (w, r) => {
          try {
            reply(w, r);
          } catch (e) {
            settle(e);
          }
        },
        fail: settle,
      };
      try {
        for (const w of threads) {
          w.ref();
          w.postMessage({ ...configure, run: id });
          // Two tasks in flight per worker, so it never waits for the next one.
          give(w);
          give(w);
        }
      } catch (e) {
        settle(e);
      }
    });
  }
}

/** One batch on a pool of its own, closed afterwards (see `BatchPool` to keep workers across batches). */
export async function runBatch(
  config: ChipConfig,
  samples: BatchSample[],
  options: BatchOptions = {},
): Promise<BatchResult> {
  const started = performance.now();
  outputLayerOf(config, options.outputLayer);
  const { workers = Math.min(2, availableParallelism()), ...run } = options;
  const pool = new BatchPool({ workers: Math.max(0, Math.min(workers, samples.length)) });
  try {
    // Timed from before the pool, so the workers' start-up counts: this is the cold path.
    const result = await pool.run(config, samples, run);
    return { ...result, elapsedMs: performance.now() - started };
  } finally {
    await pool.close();
  }
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

import type { Command } from 'commander';
import { getProfile } from '../../chip/index.ts';
import { type LoadConfigOptions, loadConfig } from '../../compiler/index.ts';
import {
  Emulator,
  formatBatchCsv,
  type OutOfMap,
  OutOfMapCounter,
  parseEngine,
  parseTracePoints,
  runBatch,
} from '../../emulator/index.ts';
import { loadBatchSamples } from '../../emulator/samples.ts';
import { SpikeforgeError } from '../../errors.ts';
import { SPIKES_CSV_HEADER } from '../../events/csv.ts';
import { SpikesCsvEncoder } from '../../events/csvfast.ts';
import { lastInputStep, readInputEventChunks } from '../../events/io.ts';
import { writeTraceCsv } from '../../events/trace.ts';
import type { InputEvents, Spikes } from '../../events/types.ts';
import type { ChipConfig } from '../../image/config.ts';
import type { Monitor } from '../../image/index.ts';
import { AtomicFile, writeFileAtomic } from '../../util/atomic.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from '../network-options.ts';
import {
  DEVICE_URI_HELP,
  optionalInteger,
  optionalPositive,
  optionalSteps,
  parseMonitor,
} from '../options.ts';
import type { CliIo } from '../output.ts';
import { progressBar } from '../progress.ts';

interface RunCliOptions extends NirCliOptions {
  quiet?: boolean;
  input?: string;
  output?: string;
  monitor?: string;
  steps?: string;
  chip?: string;
  trace?: string;
  traceOutput?: string;
  batch?: string;
  labels?: string;
  workers?: string;
  device?: string;
  stepUs?: string;
  engine?: string;
}

function engineOf(opts: RunCliOptions) {
  return opts.engine === undefined ? undefined : parseEngine(opts.engine, '--engine');
}

function monitorOf(opts: RunCliOptions): Monitor | undefined {
  return opts.monitor === undefined ? undefined : parseMonitor(opts.monitor);
}

/** Checks the options before anything is compiled or run. */
function checkOptions(opts: RunCliOptions): void {
  optionalSteps(opts.steps);
  engineOf(opts);
  if (opts.device && (opts.trace || opts.traceOutput)) {
    // A board reports spikes, not membranes: tracing is the emulator's (bit-accurate, the same values).
    throw new SpikeforgeError('USAGE', 'run --device: --trace records membranes on the emulator only', {
      hint: 'drop --device to trace on the emulator, which computes what the chip computes',
    });
  }
  if (opts.device && opts.batch) {
    throw new SpikeforgeError('USAGE', 'run --device: --batch runs on the emulator only', {
      hint: 'drop --device, or run one input at a time on the board with --input',
    });
  }
  if (opts.batch) return;
  if (!opts.input) {
    throw new SpikeforgeError('USAGE', 'run: --input <events> is required (or --batch)', {
      hint: 'spikeforge run <image|network> -i events.csv -o spikes.csv',
    });
  }
  if (!opts.output) {
    throw new SpikeforgeError('USAGE', 'run: --output <spikes.csv> is required', {
      hint: 'spikeforge run <image|network> -i events.csv -o spikes.csv',
    });
  }
  if (opts.trace && !opts.traceOutput) {
    throw new SpikeforgeError('USAGE', '--trace needs --trace-output <trace.csv>', {
      hint: 'e.g. --trace 1:0:3:4 --trace-output trace.csv',
    });
  }
  if (opts.traceOutput && !opts.trace) {
    throw new SpikeforgeError('USAGE', '--trace-output needs --trace <layer:c:y:x,...>', {
      hint: 'e.g. --trace 1:0:3:4 --trace-output trace.csv',
    });
  }
}

/** Steps simulated between two looks at the event loop (progress, signals). */
const RUN_SLICE = 2048;
/** An input whose last event implies more steps than this is probably mis-timed: warn. */
export const LONG_RUN_STEPS = 10_000_000;

/** Warns when the input's last timestamp implies a very long run, and nothing bounds it. */
function warnLongRun(opts: RunCliOptions, inputSteps: number, io: CliIo): void {
  if (opts.steps !== undefined || inputSteps <= LONG_RUN_STEPS) return;
  io.stderr.write(
    `warning: ${opts.input}: its last event is at step ${inputSteps - 1}, so the run simulates ${inputSteps} steps; ` +
      'if the timestamps are microseconds, give --step-us (AEDAT) or convert them to steps, or bound the run with --steps\n',
  );
}

/** Which bound the dropped input events break, and how to crop or pool the map down to the input. */
function warnOutOfMap(out: OutOfMap, config: ChipConfig, file: string, io: CliIo): void {
  const [C, H, W] = config.input.shape;
  io.stderr.write(`warning: ${file}: ${out.count} events outside the ${C}x${H}x${W} input map:\n`);
  for (const r of out.reasons) io.stderr.write(`  - ${r}\n`);
  io.stderr.write(
    `hint: keep a ${H}x${W} window of a larger sensor map (compile --sensor HxW --crop y0,x0,y1,x1), ` +
      'or pool the map down to the input in the network (a sumpool2d first)\n',
  );
}

async function runOne(config: ChipConfig, opts: RunCliOptions, io: CliIo): Promise<void> {
  const profile = getProfile(opts.chip ?? config.chip);
  const emulator = new Emulator(config, {
    monitor: monitorOf(opts),
    profile,
    trace: opts.trace ? parseTracePoints(opts.trace) : undefined,
    engine: engineOf(opts),
  });
  // The input is read in chunks as the emulator goes and the spikes written as they come: memory holds
  // a chunk of each, however long the recording.
  const steps = optionalSteps(opts.steps);
  const stepUs = optionalPositive('--step-us', opts.stepUs);
  const chunks = readInputEventChunks(opts.input!, { stepUs });
  const first = chunks.next(); // a file that does not read fails before the output is created
  const last = lastInputStep(opts.input!, { stepUs });
  if (last !== undefined) warnLongRun(opts, last + 1, io);
  const outOfMap = new OutOfMapCounter(config.input);
  function* input(): Generator<InputEvents> {
    if (!first.done) yield first.value;
    for (const chunk of chunks) {
      // events past --steps are never simulated: read (and checked) but not queued
      if (steps === undefined || chunk.count === 0 || chunk.t[0] < steps) yield chunk;
    }
  }
  let counts: ArrayLike<number> = [];
  let out: AtomicFile | undefined;
  const expected = steps ?? (last === undefined ? 0 : last + 1);
  const bar = progressBar(io.stderr, { label: 'run', total: expected, unit: 'steps', quiet: opts.quiet });
  try {
    out = new AtomicFile(opts.output!);
    const file = out;
    const csv = new SpikesCsvEncoder((bytes) => file.write(bytes));
    out.write(SPIKES_CSV_HEADER);
    const sink = (b: Spikes): void => csv.rows(b);
    // In slices, yielding to the event loop between them: the bar is drawn and Ctrl-C is heard.
    const advance = async (toStep: number): Promise<void> => {
      while (emulator.step < toStep) {
        emulator.advance(Math.min(toStep, emulator.step + RUN_SLICE), sink);
        bar.update(emulator.step);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    let lastStep = -1;
    for (const chunk of input()) {
      outOfMap.add(chunk);
      emulator.feed(chunk);
      if (chunk.count > 0) lastStep = chunk.t[chunk.count - 1];
      // Events of the last step seen may continue in the next chunk: simulate only the steps before it.
      await advance(steps === undefined ? lastStep : Math.min(steps, lastStep));
    }
    await advance(steps ?? Math.max(emulator.step, lastStep + 1));
    csv.flush();
    counts = csv.rowsPerLayer;
    out.commit();
  } catch (e) {
    out?.abort();
    throw e;
  } finally {
    chunks.return(undefined);
    bar.stop();
  }
  const perLayer = new Map(emulator.layers.map((name, i) => [name, counts[i] ?? 0]));
  if (opts.traceOutput) writeTraceCsv(opts.traceOutput, emulator.traces());

  const stats = emulator.stats();
  const layers = emulator
    .monitored()
    .map((l) => `${l}: ${perLayer.get(l) ?? 0}`)
    .join(', ');
  const total = [...perLayer.values()].reduce((a, b) => a + b, 0);
  const warnings = emulator.bandwidthWarnings();
  const dropped = stats.droppedInputEvents > 0 ? `, ${stats.droppedInputEvents} input events dropped` : '';
  io.stderr.write(
    `run: ${stats.steps} steps, ${total} spikes (${layers})${dropped}, ${warnings.length} bandwidth warnings\n`,
  );
  const outside = outOfMap.result();
  if (outside.count > 0) warnOutOfMap(outside, config, opts.input!, io);
  for (const w of warnings) io.stderr.write(`warning: ${w.message}\n`);
}

async function runMany(config: ChipConfig, opts: RunCliOptions, io: CliIo): Promise<void> {
  const samples = loadBatchSamples(opts.batch!, opts.labels);
  const monitor = monitorOf(opts);
  const bar = progressBar(io.stderr, {
    label: 'run',
    total: samples.length,
    unit: 'samples',
    quiet: opts.quiet,
  });
  let result: Awaited<ReturnType<typeof runBatch>>;
  try {
    result = await runBatch(config, samples, {
      workers: optionalInteger('--workers', opts.workers, 0),
      steps: optionalSteps(opts.steps),
      outputLayer: Array.isArray(monitor) ? monitor[0] : undefined,
      engine: engineOf(opts),
      onProgress: (done) => bar.update(done),
    });
  } finally {
    bar.stop();
  }
  if (opts.output) writeFileAtomic(opts.output, formatBatchCsv(result));
  const acc =
    result.accuracy === undefined
      ? ''
      : `, accuracy ${(result.accuracy * 100).toFixed(2)}% (${result.correct}/${result.labelled})`;
  io.stderr.write(
    `run: ${result.samples.length} samples on ${result.workers} workers in ${(result.elapsedMs / 1000).toFixed(2)} s, output layer ${result.outputLayer}${acc}\n`,
  );
}

export function register(program: Command, io: CliIo): void {
  const cmd = program
    .command('run')
    .description('run a configuration image or a network (compiled first) on the bit-accurate emulator')
    .argument('<image|network>', 'configuration image, or network.nir / network.json')
    .option('-i, --input <events>', 'input events (t,c,y,x CSV, or .sfev / .npy / .aedat)')
    .option('-o, --output <spikes.csv>', 'output spikes t,layer,c,y,x (with --batch: per-sample counts)')
    .option('--monitor <layers>', 'all | last | layer names separated by commas (default: as configured)')
    .option('--steps <n>', 'steps to simulate (default: last input step + 1)')
    .option('--step-us <us>', 'AEDAT input: microseconds per step', '1000')
    .option('--chip <id>', "chip profile (default: the image's chip, or dynapcnn9 for a network)")
    .option('--trace <neurons>', 'record membranes: layer:c:y:x, several separated by commas')
    .option('--trace-output <trace.csv>', 'where --trace writes rows t,layer,c,y,x,v')
    .option(
      '--batch <dir-or-list>',
      'run many samples: a folder of event files, or a list file (path[,label])',
    )
    .option('--labels <labels.csv>', 'labels of the --batch samples (file,label rows, or one per line)')
    .option('--workers <n>', 'worker threads for --batch (default: 2)')
    .option('--engine <js|wasm>', 'emulator engine: wasm (WebAssembly SIMD, the default) or js; same results')
    .option('--quiet', 'no progress bar (there is none when stderr is not a terminal)')
    .option(
      '--device <uri>',
      `run on a board instead of the emulator, flashing the image if needed: ${DEVICE_URI_HELP}`,
    );
  nirImportFlags(cmd).action(async (target: string, opts: RunCliOptions) => {
    checkOptions(opts);
    const load: LoadConfigOptions = { chip: opts.chip, nir: importOptionsOf(opts), monitor: 'last' };
    const { config, image } = await loadConfig(target, load);
    if (opts.device) {
      const steps = optionalSteps(opts.steps);
      let bar: ReturnType<typeof progressBar> | undefined;
      try {
        // the device client (and its protocol code) loads with --device only
        const { runFileOnDevice } = await import('../../device/index.ts');
        const summary = await runFileOnDevice(opts.device, {
          image,
          input: opts.input!,
          output: opts.output!,
          monitor: monitorOf(opts),
          steps,
          onProgress: (step, total) => {
            bar ??= progressBar(io.stderr, { label: 'run', total, unit: 'steps', quiet: opts.quiet });
            bar.update(step);
          },
        });
        bar?.stop();
        io.stderr.write(`run: ${summary}\n`);
      } finally {
        bar?.stop();
      }
      return;
    }
    if (opts.batch) await runMany(config, opts, io);
    else await runOne(config, opts, io);
  });
}

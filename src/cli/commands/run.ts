import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { getProfile } from '../../chip/index.ts';
import type { ChipConfig } from '../../compiler/config.ts';
import { type LoadConfigOptions, loadConfig } from '../../compiler/index.ts';
import { runFileOnDevice } from '../../device/index.ts';
import {
  type BatchSample,
  Emulator,
  type Monitor,
  parseTracePoints,
  runBatch,
} from '../../emulator/index.ts';
import { formatTraceCsv } from '../../emulator/trace.ts';
import { SpikeforgeError } from '../../errors.ts';
import { readInputEvents } from '../../events/io.ts';
import type { Spikes } from '../../events/types.ts';
import { importOptionsOf, type NirCliOptions, nirImportFlags } from './network-options.ts';

interface RunCliOptions extends NirCliOptions {
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
}

function positiveInt(value: string, flag: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new SpikeforgeError('USAGE', `${flag}: "${value}" is not an integer >= ${min}`);
  }
  return n;
}

function parseMonitorFlag(value: string | undefined): Monitor | undefined {
  if (value === undefined) return undefined;
  if (value === 'all' || value === 'last') return value;
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0)
    throw new SpikeforgeError('USAGE', '--monitor: name at least one layer, or all / last');
  return names;
}

/**
 * Writes a file through a temporary sibling renamed at the end, so a reader sees the old file or the
 * whole new one. `write` may be called many times (long runs stream their spikes).
 */
class AtomicFile {
  private readonly tmp: string;
  private fd: number;
  constructor(private readonly path: string) {
    this.tmp = `${path}.${process.pid}.tmp`;
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (e) {
      throw new SpikeforgeError('FILE_READ', `${path}: cannot write (${(e as Error).message})`, {
        hint: 'check that the folder exists and is writable',
      });
    }
  }
  write(text: string): void {
    writeSync(this.fd, text);
  }
  commit(): void {
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
  abort(): void {
    try {
      closeSync(this.fd);
      unlinkSync(this.tmp);
    } catch {
      // already gone
    }
  }
}

function writeAtomically(path: string, text: string): void {
  const f = new AtomicFile(path);
  try {
    f.write(text);
    f.commit();
  } catch (e) {
    f.abort();
    throw e;
  }
}

function spikeRows(b: Spikes): string {
  let s = '';
  for (let i = 0; i < b.count; i++) s += `${b.t[i]},${b.layers[b.layer[i]]},${b.c[i]},${b.y[i]},${b.x[i]}\n`;
  return s;
}

async function runOne(config: ChipConfig, opts: RunCliOptions): Promise<void> {
  if (!opts.input) throw new SpikeforgeError('USAGE', 'run: --input <events> is required (or --batch)');
  if (!opts.output) throw new SpikeforgeError('USAGE', 'run: --output <spikes.csv> is required');
  if (opts.trace && !opts.traceOutput) {
    throw new SpikeforgeError('USAGE', '--trace needs --trace-output <trace.csv>');
  }
  const profile = getProfile(opts.chip ?? config.chip);
  const emulator = new Emulator(config, {
    monitor: parseMonitorFlag(opts.monitor),
    profile,
    trace: opts.trace ? parseTracePoints(opts.trace) : undefined,
  });
  const events = readInputEvents(opts.input);
  const steps = opts.steps === undefined ? undefined : positiveInt(opts.steps, '--steps');
  const perLayer = new Map<string, number>();
  const out = new AtomicFile(opts.output);
  try {
    out.write('t,layer,c,y,x\n');
    emulator.run(events, {
      steps,
      onSpikes: (b) => {
        for (let i = 0; i < b.count; i++) {
          const name = b.layers[b.layer[i]];
          perLayer.set(name, (perLayer.get(name) ?? 0) + 1);
        }
        out.write(spikeRows(b));
      },
    });
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  if (opts.traceOutput) writeAtomically(opts.traceOutput, formatTraceCsv(emulator.traces()));

  const stats = emulator.stats();
  const layers = emulator
    .monitored()
    .map((l) => `${l}: ${perLayer.get(l) ?? 0}`)
    .join(', ');
  const total = [...perLayer.values()].reduce((a, b) => a + b, 0);
  const warnings = emulator.bandwidthWarnings();
  const dropped = stats.droppedInputEvents > 0 ? `, ${stats.droppedInputEvents} input events dropped` : '';
  process.stderr.write(
    `run: ${stats.steps} steps, ${total} spikes (${layers})${dropped}, ${warnings.length} bandwidth warnings\n`,
  );
  for (const w of warnings) process.stderr.write(`warning: ${w.message}\n`);
}

/** Sample files of --batch: the CSV files of a folder, or a list file (one path per line, optional `,label`). */
function batchSamples(source: string): BatchSample[] {
  let isDir: boolean;
  try {
    isDir = statSync(source).isDirectory();
  } catch {
    throw new SpikeforgeError('FILE_NOT_FOUND', `--batch ${source}: no such file or folder`);
  }
  if (isDir) {
    const files = readdirSync(source)
      .filter((f) => /\.(csv|sfev|npy|aedat4?)$/i.test(f) && !/^labels?\.csv$/i.test(f))
      .sort();
    if (files.length === 0) {
      throw new SpikeforgeError('USAGE', `--batch ${source}: the folder holds no event files`, {
        hint: 'put one t,c,y,x CSV file per sample in the folder',
      });
    }
    return files.map((f) => ({ events: join(source, f) }));
  }
  const base = dirname(resolve(source));
  return readFileSync(source, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [path, label] = l.split(',').map((s) => s.trim());
      const sample: BatchSample = { events: resolve(base, path) };
      if (label !== undefined && label !== '') sample.label = positiveInt(label, `${source}: label`, 0);
      return sample;
    });
}

/** --labels: `file,label` rows (matched by file name) or one label per line in sample order. */
function applyLabels(samples: BatchSample[], path: string): void {
  const rows = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const header = rows[0]?.split(',').map((s) => s.trim()) ?? [];
  const labelCol = header.indexOf('label');
  const fileCol = header.findIndex((h) => h === 'file' || h === 'sample');
  const body = labelCol >= 0 ? rows.slice(1) : rows;
  if (fileCol >= 0) {
    const byName = new Map<string, number>();
    for (const r of body) {
      const f = r.split(',');
      byName.set(basename(f[fileCol].trim()), positiveInt(f[labelCol].trim(), `${path}: label`, 0));
    }
    for (const s of samples) {
      const label = byName.get(basename(s.events as string));
      if (label === undefined) {
        throw new SpikeforgeError('USAGE', `${path}: no label for ${basename(s.events as string)}`);
      }
      s.label = label;
    }
    return;
  }
  if (body.length !== samples.length) {
    throw new SpikeforgeError('USAGE', `${path}: ${body.length} labels for ${samples.length} samples`, {
      hint: 'give one label per sample, in the order of the sample files, or file,label rows',
    });
  }
  body.forEach((r, i) => {
    const f = r.split(',');
    samples[i].label = positiveInt(f[Math.max(labelCol, 0)].trim(), `${path}: label`, 0);
  });
}

async function runMany(config: ChipConfig, opts: RunCliOptions): Promise<void> {
  const samples = batchSamples(opts.batch!);
  if (opts.labels) applyLabels(samples, opts.labels);
  const bar = new SingleBar({
    format: 'run {bar} {value}/{total} samples',
    stream: process.stderr,
    noTTYOutput: false,
    hideCursor: true,
  });
  bar.start(samples.length, 0);
  let result: Awaited<ReturnType<typeof runBatch>>;
  try {
    result = await runBatch(config, samples, {
      workers: opts.workers === undefined ? undefined : positiveInt(opts.workers, '--workers', 0),
      steps: opts.steps === undefined ? undefined : positiveInt(opts.steps, '--steps'),
      outputLayer: Array.isArray(parseMonitorFlag(opts.monitor))
        ? (parseMonitorFlag(opts.monitor) as string[])[0]
        : undefined,
      onProgress: (done) => bar.update(done),
    });
  } finally {
    bar.stop();
  }
  if (opts.output) {
    const n = result.samples[0]?.counts.length ?? 0;
    const head = [
      'file',
      'label',
      'prediction',
      'spikes',
      ...Array.from({ length: n }, (_, i) => `count${i}`),
    ];
    const lines = result.samples.map((s) =>
      [s.file ?? s.index, s.label ?? '', s.prediction, s.spikes, ...s.counts].join(','),
    );
    writeAtomically(opts.output, `${[head.join(','), ...lines].join('\n')}\n`);
  }
  const acc =
    result.accuracy === undefined
      ? ''
      : `, accuracy ${(result.accuracy * 100).toFixed(2)}% (${result.correct}/${result.labelled})`;
  process.stderr.write(
    `run: ${result.samples.length} samples on ${result.workers} workers in ${(result.elapsedMs / 1000).toFixed(2)} s, output layer ${result.outputLayer}${acc}\n`,
  );
}

export function register(program: Command): void {
  const cmd = program
    .command('run')
    .description('run a configuration image or a network (compiled first) on the bit-accurate emulator')
    .argument('<image|network>', 'configuration image, or network.nir / network.json')
    .option('-i, --input <events>', 'input events (t,c,y,x CSV, or .sfev / .npy / .aedat)')
    .option('-o, --output <spikes.csv>', 'output spikes t,layer,c,y,x (with --batch: per-sample counts)')
    .option('--monitor <layers>', 'all | last | layer names separated by commas (default: as configured)')
    .option('--steps <n>', 'steps to simulate (default: last input step + 1)')
    .option('--chip <id>', "chip profile (default: the image's chip, or dynapcnn9 for a network)")
    .option('--trace <neurons>', 'record membranes: layer:c:y:x, several separated by commas')
    .option('--trace-output <trace.csv>', 'where --trace writes rows t,layer,c,y,x,v')
    .option(
      '--batch <dir-or-list>',
      'run many samples: a folder of event files, or a list file (path[,label])',
    )
    .option('--labels <labels.csv>', 'labels of the --batch samples (file,label rows, or one per line)')
    .option('--workers <n>', 'worker threads for --batch (default: 2)')
    .option(
      '--device <uri>',
      'run on a board (serial:, usb:, tcp:, sim) instead of the emulator; flashes the image if needed',
    );
  nirImportFlags(cmd).action(async (target: string, opts: RunCliOptions) => {
    const load: LoadConfigOptions = { chip: opts.chip, nir: importOptionsOf(opts), monitor: 'last' };
    const { config, image } = await loadConfig(target, load);
    if (opts.device) {
      if (!opts.input || !opts.output)
        throw new SpikeforgeError('USAGE', 'run --device needs --input <events> and --output <spikes.csv>');
      const steps = opts.steps === undefined ? undefined : positiveInt(opts.steps, '--steps');
      const summary = await runFileOnDevice(opts.device, {
        image,
        input: opts.input,
        output: opts.output,
        monitor: parseMonitorFlag(opts.monitor),
        steps,
      });
      process.stderr.write(`run: ${summary}\n`);
      return;
    }
    if (opts.batch) await runMany(config, opts);
    else await runOne(config, opts);
  });
}

/**
 * The demo a newcomer runs first: the shipped orientation network, bars moving at four known angles,
 * compile, a simulated board (pseudo-terminal, else TCP, else in-process), flash, run, read back,
 * check against the offline emulator, draw the raster, and say which output channel won per angle.
 */

import { join } from 'node:path';
import { dynapcnn9 } from '../chip/index.ts';
import { compileNetwork, type FitReport } from '../compiler/index.ts';
import { openDevice } from '../device/index.ts';
import { runEmulator } from '../emulator/index.ts';
import { isSpikeforgeError } from '../errors.ts';
import type { SpikeDiff } from '../events/diff.ts';
import { diffSpikes } from '../events/diff.ts';
import { writeEvents } from '../events/io.ts';
import { concatInputEvents, concatSpikes } from '../events/ops.ts';
import { plotSpikes } from '../events/plot.ts';
import { movingBars } from '../events/synthetic.ts';
import type { InputEvents, Spikes } from '../events/types.ts';
import { encodeImage } from '../image/index.ts';
import { loadNetwork } from '../network/index.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { packagePath } from '../util/package.ts';

/** The shipped demo network (resolved from this module, not the current directory). */
export const ORIENTATION_NETWORK = packagePath('examples', 'orientation.json');
/** Output channel i of the orientation network stands for bars at ORIENTATION_ANGLES[i] degrees. */
export const ORIENTATION_ANGLES = [0, 45, 90, 135];

export type DemoLink = 'pty' | 'tcp' | 'in-process';

/** A simulated board the demo serves and stops. */
export interface DemoBoard {
  uri: string;
  close(): Promise<void>;
}

/**
 * Where the demo's simulated board comes from: the library ships no board, the caller hands one in (the
 * CLI passes firmware-sim's `simBoards`).
 */
export interface DemoBoards {
  /** Serves a board on a new pseudo-terminal or a free TCP port. */
  serve(link: 'pty' | 'tcp'): Promise<DemoBoard>;
  /** The device URI of an in-process board (its link registered). */
  inProcess(): string;
}

export interface DemoOptions {
  /** The simulated boards to run on. */
  boards: DemoBoards;
  /** Folder for raster.svg and the demo's event files (default: the current directory). */
  outDir?: string;
  /** Links to try, in order (default: pty, tcp, in-process). */
  links?: DemoLink[];
  /** Steps of bars per angle (default 40), followed by `gapSteps` without input (default 8). */
  segmentSteps?: number;
  gapSteps?: number;
  seed?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Called once the network is compiled (before the board starts), e.g. to print the fit report. */
  onCompiled?: (report: FitReport) => void;
  onFlashProgress?: (bytes: number, total: number) => void;
  onFlashStart?: (total: number) => void;
  onFlashEnd?: () => void;
}

export interface DemoSegment {
  angle: number;
  firstStep: number;
  lastStep: number;
  /** Output spikes per channel within the segment (board). */
  counts: number[];
  winner: number;
  expected: number;
  ok: boolean;
}

export interface DemoResult {
  report: FitReport;
  link: DemoLink;
  uri: string;
  /** Why faster links were skipped (e.g. no socat). */
  fallbacks: string[];
  flashBytes: number;
  steps: number;
  inputEvents: number;
  board: Spikes;
  diff: SpikeDiff;
  segments: DemoSegment[];
  files: { raster: string; input: string; spikes: string };
  network: string;
  elapsedMs: number;
}

/** Bars at each angle in turn: `segmentSteps` of motion, then a gap, so the raster reads left to right. */
export function demoStimulus(segmentSteps = 40, gapSteps = 8, seed = 1): InputEvents {
  const parts = ORIENTATION_ANGLES.map((angleDeg, k) => {
    const ev = movingBars({ angleDeg, steps: segmentSteps, seed: seed + k, noise: 2 });
    for (let i = 0; i < ev.count; i++) ev.t[i] += k * (segmentSteps + gapSteps);
    return ev;
  });
  return concatInputEvents(parts);
}

/** Per angle's segment of `length` steps: output spikes per channel, and whether its own channel won. */
function scoreSegments(board: Spikes, length: number): DemoSegment[] {
  const out = board.layers.indexOf('output');
  return ORIENTATION_ANGLES.map((angle, k): DemoSegment => {
    const firstStep = k * length;
    const lastStep = firstStep + length - 1;
    const counts = ORIENTATION_ANGLES.map(() => 0);
    for (let i = 0; i < board.count; i++) {
      if (board.layer[i] === out && board.t[i] >= firstStep && board.t[i] <= lastStep) counts[board.c[i]]++;
    }
    const winner = counts.indexOf(Math.max(...counts));
    return { angle, firstStep, lastStep, counts, winner, expected: k, ok: winner === k && counts[k] > 0 };
  });
}

async function startLink(
  boards: DemoBoards,
  links: DemoLink[],
  fallbacks: string[],
  log: (line: string) => void,
): Promise<{ link: DemoLink; uri: string; sim?: DemoBoard }> {
  for (const link of links) {
    if (link === 'in-process') return { link, uri: boards.inProcess() };
    try {
      const sim = await boards.serve(link);
      return { link, uri: sim.uri, sim };
    } catch (e) {
      const why = `${link}: ${isSpikeforgeError(e) ? e.message : (e as Error).message}`;
      fallbacks.push(why);
      log(`no simulated board over ${why}; trying the next link`);
    }
  }
  return { link: 'in-process', uri: boards.inProcess() };
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const outDir = options.outDir ?? process.cwd();
  const segmentSteps = options.segmentSteps ?? 40;
  const gapSteps = options.gapSteps ?? 8;

  const network = await loadNetwork(ORIENTATION_NETWORK);
  const { config, report } = compileNetwork(network, dynapcnn9, { monitor: 'all' });
  options.onCompiled?.(report);
  const image = encodeImage(config);
  const events = demoStimulus(segmentSteps, gapSteps, options.seed ?? 1);
  const steps = ORIENTATION_ANGLES.length * (segmentSteps + gapSteps);

  const fallbacks: string[] = [];
  const { link, uri, sim } = await startLink(
    options.boards,
    options.links ?? ['pty', 'tcp', 'in-process'],
    fallbacks,
    log,
  );
  log(
    `simulated board on ${link === 'pty' ? 'a pseudo-terminal' : link === 'tcp' ? 'TCP' : 'this process'}: ${uri}`,
  );
  let board: Spikes;
  let flashBytes = 0;
  try {
    const dev = await openDevice(uri);
    try {
      options.onFlashStart?.(image.length);
      const flashed = await dev.flash(image, { onProgress: options.onFlashProgress });
      options.onFlashEnd?.();
      flashBytes = flashed.bytes;
      log(
        `flashed ${flashed.bytes} bytes, CRC32 ${flashed.crc.toString(16).padStart(8, '0')} verified by the board`,
      );
      const layers = config.cores.map((c) => c.layer);
      const batches: Spikes[] = [];
      for await (const b of dev.run(events, { monitor: 'all', steps })) batches.push(b);
      board = concatSpikes(batches, layers);
    } finally {
      await dev.close();
    }
  } finally {
    await sim?.close();
  }
  log(`ran ${events.count} input events over ${steps} steps, read back ${board.count} spikes`);

  const offline = runEmulator(config, events, { steps, monitor: 'all' });
  const diff = diffSpikes(offline, board);

  const segments = scoreSegments(board, segmentSteps + gapSteps);

  const files = {
    raster: join(outDir, 'raster.svg'),
    input: join(outDir, 'demo-input.csv'),
    spikes: join(outDir, 'demo-spikes.csv'),
  };
  const svg = plotSpikes(board, {
    layers: ['orientation', 'output'],
    shapes: Object.fromEntries(config.cores.map((c) => [c.layer, c.outputShape])),
    heatmap: true,
    steps,
    marks: ORIENTATION_ANGLES.map((a, i) => ({ t: (i * steps) / ORIENTATION_ANGLES.length, label: `${a}°` })),
    title: `spikeforge demo: bars at ${ORIENTATION_ANGLES.join(', ')} degrees, ${steps / ORIENTATION_ANGLES.length} steps each`,
  });
  writeFileAtomic(files.raster, svg);
  writeEvents(files.input, events);
  writeEvents(files.spikes, board);

  return {
    report,
    link,
    uri,
    fallbacks,
    flashBytes,
    steps,
    inputEvents: events.count,
    board,
    diff,
    segments,
    files,
    network: ORIENTATION_NETWORK,
    elapsedMs: performance.now() - started,
  };
}

/** The closing summary: the verdict per angle, the comparison, the files, what to try next. */
export function formatDemoSummary(r: DemoResult, relative: (p: string) => string = (p) => p): string {
  const lines = [
    r.diff.identical
      ? `board vs offline emulator: identical (${r.board.count} spikes, every step and neuron)`
      : `board vs offline emulator: DIFFERENT (${r.diff.onlyInA} only offline, ${r.diff.onlyInB} only on the board)`,
    '',
    'angle  output spikes (0°, 45°, 90°, 135°)  winner  expected',
  ];
  for (const s of r.segments) {
    lines.push(
      `${`${s.angle}°`.padStart(5)}  ${s.counts
        .map((n) => String(n).padStart(4))
        .join('  ')
        .padEnd(32)}  ${`${ORIENTATION_ANGLES[s.winner]}°`.padStart(6)}  ${s.ok ? 'yes' : 'NO'}`,
    );
  }
  const good = r.segments.filter((s) => s.ok).length;
  lines.push(
    '',
    `${good} of ${r.segments.length} angles named correctly; wrote ${relative(r.files.raster)}, ${relative(r.files.input)}, ${relative(r.files.spikes)} (${(r.elapsedMs / 1000).toFixed(1)} s)`,
    '',
    'try next:',
    `  spikeforge inspect ${r.network}`,
    `  spikeforge compare ${r.network} --input ${relative(r.files.input)}`,
    `  spikeforge plot ${relative(r.files.spikes)} -o heat.svg --heatmap`,
    `  spikeforge events info ${relative(r.files.spikes)}`,
    `  spikeforge sim --pty   # then: spikeforge flash ${r.network} --device <the uri it prints>`,
  );
  return lines.join('\n');
}

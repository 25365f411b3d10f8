/** Shared CLI plumbing: output streams, error printing and exit codes. Commands stay thin: parse options, call the library. */
import { type ErrorCode, isSpikeforgeError, type SpikeforgeError } from '../errors.ts';

/** A stream a command writes to: process.stdout / process.stderr in the bin, a buffer in the tests. */
export type CliOutput = NodeJS.WritableStream & { isTTY?: boolean };

/** Where a command writes its results (stdout) and its progress, warnings and errors (stderr). */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
}

/**
 * Thrown by a command to end with a given exit code: after it printed its own result (diff: 1 when the
 * recordings differ), or with the error that stopped it (`error`, printed as usual).
 */
export class ExitCode extends Error {
  constructor(
    readonly code: number,
    readonly error?: unknown,
  ) {
    super(`exit ${code}`);
  }
}

/** Flags whose name is not the option's in kebab case. */
const FLAG_OF: Record<string, string> = { sensorShape: '--sensor', swapXY: '--swap-xy' };

/** The flag of a library option: `stepUs` -> `--step-us`. */
export function flagOf(option: string): string {
  return FLAG_OF[option] ?? `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The message as the CLI says it: an option's error begins with its flag (`--monitor: `). */
export function messageOf(e: SpikeforgeError): string {
  if (e.option === undefined || !e.message.startsWith(`${e.option}: `)) return e.message;
  return `${flagOf(e.option)}: ${e.message.slice(e.option.length + 2)}`;
}

/** Commands whose exit 1 means a result (diff: the recordings differ), so that misuse exits 2. */
const USAGE_EXIT: Record<string, number> = { diff: 2 };

/** The exit code of a usage error (a missing argument, an unknown option) of the command in `argv`. */
export function usageExitCode(argv: readonly string[], fallback = 1): number {
  const command = argv.slice(2).find((a) => !a.startsWith('-'));
  return (command !== undefined ? USAGE_EXIT[command] : undefined) ?? fallback;
}

/** Library option names a hint mentions (in parentheses, or as `engine js`), as the CLI's flags. */
const HINT_OPTIONS: [RegExp, string][] = [
  [/\(collapseThresholds\)/g, '(--collapse-thresholds)'],
  [/\(stepUs\)/g, '(--step-us)'],
  [/\(shape\)/g, '(--shape)'],
  [/\(engine js\)/g, '(--engine js)'],
  [/\(place\)/g, '(--place)'],
];

/** The hint as the CLI says it: the flags where the library names its options, a default when none. */
export function hintOf(e: SpikeforgeError): string {
  if (e.hint === undefined) return FALLBACK_HINT[e.code];
  return HINT_OPTIONS.reduce((h, [re, flag]) => h.replace(re, flag), e.hint);
}

/** The hint of an error that brings none: every error line has one, as the README promises. */
const FALLBACK_HINT: Record<ErrorCode, string> = {
  FILE_NOT_FOUND: 'check the path (relative paths start at the current folder)',
  FILE_READ: 'check the path and that the file is readable',
  FILE_WRITE: 'check that the folder exists and is writable',
  FILE_FORMAT: '`spikeforge schema` prints the JSON network format; examples/ holds complete networks',
  SCHEMA: '`spikeforge schema` prints the JSON network format; examples/ holds complete networks',
  NIR_FORMAT: 'NIR files are HDF5 written by nir.write; see "Supported networks" in the README',
  NIR_UNSUPPORTED: 'see "Supported networks" in the README',
  GRAPH: '`spikeforge inspect <network>` shows its layers and how they connect',
  SHAPE: '`spikeforge inspect <network>` shows the shape of every layer',
  QUANTIZE: "`spikeforge inspect <network> --quantize` shows each layer's scale and what limited it",
  CHIP_LIMIT: '`spikeforge compile <network> --check` lists every limit the network breaks',
  PLACEMENT: '`spikeforge compile <network> --check` shows how the layers fit the cores',
  IMAGE_FORMAT: 'compile the network again (`spikeforge compile`)',
  IMAGE_VERSION: 'compile the network again with this version (`spikeforge compile`)',
  IMAGE_CRC: 'the image is damaged: compile the network again (`spikeforge compile`)',
  EVENTS_FORMAT:
    '`spikeforge events info <file>` tells what an event file holds (formats: src/events/FORMAT.md)',
  PROTOCOL: 'check that the other end is a spikeforge board (`spikeforge devices`) and open it again',
  PROTOCOL_VERSION: 'update the board firmware or spikeforge, so that both speak the same protocol',
  FRAME: 'check the cable (or the baud rate) and open the device again',
  TIMEOUT: 'check that the board is powered and connected (`spikeforge devices`), then try again',
  DEVICE_BUSY: 'close the other program using the device first',
  DEVICE_NOT_FOUND: '`spikeforge devices` lists the boards and ports there are',
  DEVICE_ERROR: 'the board refused the request; `spikeforge devices` shows its state, a reset may help',
  DISCONNECTED: 'check the cable / the board and open the device again',
  TRANSPORT: 'check the cable / the board and open the device again',
  USAGE: '`spikeforge <command> --help` lists the options',
  INTERNAL: 'this is an internal error; run again with --debug and report it',
};

export function printError(e: unknown, debug: boolean, stderr: CliOutput): number {
  if (e instanceof ExitCode) {
    if (e.error !== undefined) printError(e.error, debug, stderr);
    return e.code;
  }
  if (isSpikeforgeError(e)) {
    stderr.write(`error: ${messageOf(e)}\n`);
    for (const d of e.details) stderr.write(`  - ${d}\n`);
    stderr.write(`hint: ${hintOf(e)}\n`);
    if (debug && e.stack) stderr.write(`${e.stack}\n`);
    return 1;
  }
  const err = e as { message?: string; stack?: string };
  stderr.write(`error: ${err?.message ?? String(e)}\n`);
  if (debug && err?.stack) stderr.write(`${err.stack}\n`);
  else stderr.write('hint: this is an internal error; run again with --debug and report it\n');
  return 2;
}

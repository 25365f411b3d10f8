/**
 * The one error type of spikeforge. `code` is stable (tools may switch on it), `message` names the
 * file / layer / field and what is wrong, `hint` says what to change. The CLI prints
 * `error: <message>` and `hint: <hint>`, never a stack trace (unless --debug).
 */
export type ErrorCode =
  | 'FILE_NOT_FOUND'
  | 'FILE_READ'
  | 'FILE_WRITE'
  | 'FILE_FORMAT'
  | 'SCHEMA'
  | 'NIR_FORMAT'
  | 'NIR_UNSUPPORTED'
  | 'GRAPH'
  | 'SHAPE'
  | 'QUANTIZE'
  | 'CHIP_LIMIT'
  | 'PLACEMENT'
  | 'IMAGE_FORMAT'
  | 'IMAGE_VERSION'
  | 'IMAGE_CRC'
  | 'EVENTS_FORMAT'
  | 'PROTOCOL'
  | 'PROTOCOL_VERSION'
  | 'FRAME'
  | 'TIMEOUT'
  | 'DEVICE_BUSY'
  | 'DEVICE_NOT_FOUND'
  | 'DEVICE_ERROR'
  | 'DISCONNECTED'
  | 'TRANSPORT'
  | 'USAGE'
  | 'INTERNAL';

export class SpikeforgeError extends Error {
  override readonly name = 'SpikeforgeError';
  readonly code: ErrorCode;
  readonly hint?: string;
  /** Further reasons (e.g. every limit a network breaks), one line each. */
  readonly details: string[];
  /**
   * The option (a property name of the call's options, e.g. `monitor`) the error is about. The message
   * then begins with `<option>: `; the CLI puts its flag there instead (`--monitor: `). The library
   * names no command-line flag.
   */
  readonly option?: string;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; details?: string[]; cause?: unknown; option?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? [];
    if (options.option !== undefined) this.option = options.option;
  }
}

export function isSpikeforgeError(e: unknown): e is SpikeforgeError {
  return e instanceof SpikeforgeError;
}

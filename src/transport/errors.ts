/**
 * The board's error codes (PROTOCOL.md "Error codes"), shared by the host and the simulated board, and
 * their translation into the one SpikeforgeError type on the host.
 */
import type { ErrorCode } from '../errors.ts';
import { SpikeforgeError } from '../errors.ts';

export const BoardError = {
  /** The request is malformed or of a kind the board does not serve. */
  BAD_REQUEST: 1,
  /** Hello: no protocol version in common. */
  PROTOCOL_VERSION: 2,
  /** Another client holds the board. */
  BUSY: 3,
  /** No session: Hello first (also after the board reset and forgot the session). */
  NO_SESSION: 4,
  /** ConfigBegin: an image format version the firmware cannot apply. */
  IMAGE_VERSION: 5,
  /** Image or chunk size / offset out of range, or chunks missing at commit. */
  IMAGE_SIZE: 6,
  /** The staged bytes do not match the announced CRC32. */
  IMAGE_CRC: 7,
  /** The image passed its CRC but is not a valid image for this chip (refused, nothing applied). */
  IMAGE_INVALID: 8,
  /** Run / state requests with no configuration applied. */
  NO_CONFIG: 9,
  /** The request does not fit the board's state (e.g. a chunk without ConfigBegin, Start while running). */
  BAD_STATE: 10,
  /** A core id that the configuration does not use, or a state of the wrong size. */
  BAD_CORE: 11,
  INTERNAL: 12,
} as const;

export type BoardErrorCode = (typeof BoardError)[keyof typeof BoardError];

export function boardErrorName(code: number): string {
  for (const [name, c] of Object.entries(BoardError)) if (c === code) return name;
  return code === 0 ? 'NACK' : `UNKNOWN_${code}`;
}

const hostCode: Partial<Record<number, ErrorCode>> = {
  [BoardError.BUSY]: 'DEVICE_BUSY',
  [BoardError.PROTOCOL_VERSION]: 'PROTOCOL_VERSION',
  [BoardError.IMAGE_VERSION]: 'IMAGE_VERSION',
  [BoardError.IMAGE_CRC]: 'IMAGE_CRC',
};

const hints: Partial<Record<number, string>> = {
  [BoardError.BUSY]: 'another program (or another spikeforge process) has this device open: close it first',
  [BoardError.PROTOCOL_VERSION]:
    'update spikeforge or the board firmware so that both speak one protocol version',
  [BoardError.NO_SESSION]: 'the board reset and forgot the session: open the device again',
  [BoardError.IMAGE_VERSION]:
    'recompile the network with a spikeforge matching the firmware, or update the firmware',
  [BoardError.IMAGE_CRC]:
    'the image was damaged on the way or on disk: flash again (recompile if it repeats)',
  [BoardError.IMAGE_INVALID]:
    'recompile the network for this chip (`spikeforge compile`) and flash the new image',
  [BoardError.NO_CONFIG]: 'flash an image first (`spikeforge flash <image> --device <uri>`)',
};

/** The host-side error for an `Error` answer of the board: the board's code and message, named. */
export function errorFromBoard(code: number, message: string, where: string): SpikeforgeError {
  return new SpikeforgeError(
    hostCode[code] ?? 'DEVICE_ERROR',
    `${where}: board error ${boardErrorName(code)}: ${message}`,
    {
      hint: hints[code],
      details: [`board error code ${code} (${boardErrorName(code)})`],
    },
  );
}

/** True when `e` came from an `Error` answer with this board code. */
export function isBoardError(e: unknown, code: BoardErrorCode): boolean {
  return (
    e instanceof SpikeforgeError && e.details.includes(`board error code ${code} (${boardErrorName(code)})`)
  );
}

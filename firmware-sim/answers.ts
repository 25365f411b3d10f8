/** What the board's parts share: the error answer and 32-bit field reading. */
import type { BoardErrorCode } from '../src/transport/errors.ts';
import type { EnvelopeInit } from '../src/transport/messages.ts';

/** An error answer (logged by the board). */
export type Refuse = (code: BoardErrorCode, message: string) => EnvelopeInit;

export function u32(n: number | undefined | null): number {
  return (n ?? 0) >>> 0;
}

/** Where bytes cross the wire: framing, the message codec, event packing, and every link type. */

export * from './eventpack.ts';
export * from './framing.ts';
export * from './memory.ts';
export * from './messages.ts';
export type { Transport } from './types.ts';

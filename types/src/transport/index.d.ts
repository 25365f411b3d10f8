/** Where bytes cross the wire: framing, the message codec, event packing, and every link type. */
export * from './discovery.ts';
export * from './errors.ts';
export * from './eventpack.ts';
export * from './framing.ts';
export * from './links.ts';
export * from './memory.ts';
export * from './messages.ts';
export * from './serial.ts';
export * from './tcp.ts';
export type { Transport } from './types.ts';
export * from './uri.ts';
export * from './usb.ts';

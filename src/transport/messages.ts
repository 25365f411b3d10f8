/**
 * The message codec: one protobuf `Envelope` per frame (protocol/spikeforge.proto, generated into
 * protocol/gen by `npm install`). Only this file knows the messages are protobuf.
 */

import { spikeforge } from '../../protocol/gen/spikeforge.js';
import { SpikeforgeError } from '../errors.ts';

/** The wire protocol version this SDK speaks (DeviceInfo.protocol_version, Hello.protocol_min/max). */
export const PROTOCOL_VERSION = 1;

export type Envelope = spikeforge.Envelope;
export type EnvelopeInit = spikeforge.Envelope.$Properties;
/** The name of the message an envelope carries (`'hello'`, `'configChunk'`, ...). */
export type MessageKind = NonNullable<spikeforge.Envelope['body']>;

export { spikeforge };

export function encodeMessage(msg: spikeforge.Envelope.$Properties): Uint8Array {
  return spikeforge.Envelope.encode(msg).finish();
}

/** Throws SpikeforgeError 'PROTOCOL' if the bytes are not an Envelope carrying a message we know. */
export function decodeMessage(bytes: Uint8Array): spikeforge.Envelope {
  let env: spikeforge.Envelope;
  try {
    env = spikeforge.Envelope.decode(bytes);
  } catch (e) {
    throw new SpikeforgeError(
      'PROTOCOL',
      `a frame of ${bytes.length} bytes is not a valid Envelope: ${(e as Error).message}`,
      { hint: 'the peer speaks another protocol or a different spikeforge.proto', cause: e },
    );
  }
  if (env.body === undefined) {
    throw new SpikeforgeError(
      'PROTOCOL',
      `a frame of ${bytes.length} bytes (seq ${env.seq}) carries no message this SDK knows`,
      { hint: 'the peer may speak a newer protocol version: update spikeforge or the board firmware' },
    );
  }
  return env;
}

/** The kind of message an envelope carries (its oneof `body`). */
export function messageKind(env: spikeforge.Envelope): MessageKind {
  if (env.body === undefined)
    throw new SpikeforgeError('PROTOCOL', `envelope seq ${env.seq} carries no message`);
  return env.body;
}

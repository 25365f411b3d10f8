/**
 * The message codec: one protobuf `Envelope` per frame (protocol/spikeforge.proto, generated into
 * protocol/gen by `npm install`). Only this file knows the messages are protobuf.
 */
import { spikeforge } from '../../protocol/gen/spikeforge.js';
/** The wire protocol version this SDK speaks (DeviceInfo.protocol_version, Hello.protocol_min/max). */
export declare const PROTOCOL_VERSION = 1;
export type Envelope = spikeforge.Envelope;
export type EnvelopeInit = spikeforge.Envelope.$Properties;
/** The name of the message an envelope carries (`'hello'`, `'configChunk'`, ...). */
export type MessageKind = NonNullable<spikeforge.Envelope['body']>;
export { spikeforge };
export declare function encodeMessage(msg: spikeforge.Envelope.$Properties): Uint8Array;
/** Throws SpikeforgeError 'PROTOCOL' if the bytes are not an Envelope carrying a message we know. */
export declare function decodeMessage(bytes: Uint8Array): spikeforge.Envelope;
/** The kind of message an envelope carries (its oneof `body`). */
export declare function messageKind(env: spikeforge.Envelope): MessageKind;

import { join } from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { isSpikeforgeError } from '../../src/errors.ts';
import { decodeMessage, encodeMessage, messageKind, spikeforge } from '../../src/transport/messages.ts';
import { repoRoot } from '../fixtures.ts';

// The proto file itself is the list of messages: a message added to the oneof is covered here without
// touching this test.
const root = protobuf.loadSync(join(repoRoot, 'protocol', 'spikeforge.proto'));
const envelopeType = root.lookupType('spikeforge.Envelope');
const bodies = envelopeType.oneofs.body.fieldsArray;

function scalar(type: string, i: number): unknown {
  switch (type) {
    case 'uint32':
    case 'fixed32':
      return 4_000_000_000 - i;
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return -123_456 + i;
    case 'bool':
      return true;
    case 'string':
      return `text ${i} ü`;
    case 'bytes':
      return [0, 1, 0, 255, i & 0xff];
    case 'float':
      return 1.5;
    case 'double':
      return -2.25;
    default:
      throw new Error(
        `field type ${type} has no sample here (64-bit fields are avoided on purpose, see deps.md)`,
      );
  }
}

/** A sample with every field set to a non-default value (nested messages included). */
function sample(type: protobuf.Type, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  type.fieldsArray.forEach((field, i) => {
    field.resolve();
    const one = (k: number): unknown => {
      if (field.resolvedType instanceof protobuf.Type) return sample(field.resolvedType, depth + 1);
      if (field.resolvedType instanceof protobuf.Enum) {
        const values = Object.values(field.resolvedType.values);
        return values[values.length - 1];
      }
      return scalar(field.type, i + k);
    };
    out[field.name] = field.repeated ? [one(0), one(1), one(2)] : one(0);
  });
  return out;
}

const asObject = (m: spikeforge.Envelope) =>
  spikeforge.Envelope.toObject(m, { bytes: Array, defaults: false, longs: Number });

describe('message codec', () => {
  it('knows every message of the proto oneof', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(21);
  });

  for (const field of bodies) {
    it(`round-trips ${field.name} with every field set`, () => {
      field.resolve();
      const type = field.resolvedType as protobuf.Type;
      const body = sample(type);
      const input = spikeforge.Envelope.fromObject({ seq: 4_294_967_295, [field.name]: body });
      const bytes = encodeMessage(input);
      const back = decodeMessage(bytes);
      expect(messageKind(back)).toBe(field.name);
      expect(back.seq).toBe(4_294_967_295);
      const got = asObject(back);
      expect(got).toEqual(asObject(input));
      const inner = got[field.name] as Record<string, unknown>;
      expect(Object.keys(inner).length).toBe(type.fieldsArray.length);
    });
  }

  it('rejects garbage with a PROTOCOL error, never anything else', () => {
    const cases = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]),
      new Uint8Array([0x0a]),
      new Uint8Array([0x52, 0x10, 1]),
      new Uint8Array(0),
      new Uint8Array([0x08, 0x01]), // seq only, no message
    ];
    for (const bytes of cases) {
      let err: unknown;
      try {
        decodeMessage(bytes);
      } catch (e) {
        err = e;
      }
      expect(isSpikeforgeError(err) && err.code === 'PROTOCOL').toBe(true);
    }
  });
});

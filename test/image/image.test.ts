import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { compile } from '../../src/compiler/index.ts';
import { isSpikeforgeError } from '../../src/errors.ts';
import {
  type ChipConfig,
  configFromRegisterWrites,
  decodeImage,
  encodeImage,
  IMAGE_FORMAT_VERSION,
  isImage,
  registerWrites,
} from '../../src/image/index.ts';
import { crc32 } from '../../src/util/crc32.ts';
import { conv, int8s, network, nmnistLike } from '../compiler/builder.ts';

function withExtras(): ChipConfig {
  const { config } = compile(nmnistLike(), dynapcnn9, {
    monitor: 'all',
    input: { sensorShape: [40, 36], crop: [3, 1, 37, 35], flipY: true, swapXY: false },
  });
  const c = config.cores[0];
  c.initialState = Int16Array.from(
    { length: c.outputShape[0] * c.outputShape[1] * c.outputShape[2] },
    (_, i) => ((i * 37) % 2001) - 1000,
  );
  c.biases = Int16Array.from({ length: c.outputShape[0] }, (_, i) => i - 6);
  c.thresholdLow = -32768;
  c.thresholdHigh = 32767;
  return config;
}

const small = (): ChipConfig => {
  const { config } = compile(
    network(
      [2, 4, 4],
      [conv({ name: 'c1', from: 'input', inputShape: [2, 4, 4], out: 2, k: 3, padding: 1, bias: true })],
    ),
    dynapcnn9,
  );
  return config;
};

function refreshCrc(bytes: Uint8Array): void {
  new DataView(bytes.buffer).setUint32(bytes.length - 4, crc32(bytes, 0, bytes.length - 4), true);
}

describe('configuration image', () => {
  it('round-trips every field and is deterministic', () => {
    const config = withExtras();
    const bytes = encodeImage(config);
    expect(isImage(bytes)).toBe(true);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('SFIMG');
    expect(bytes[5]).toBe(IMAGE_FORMAT_VERSION);
    expect(decodeImage(bytes)).toEqual(config);
    expect(encodeImage(decodeImage(bytes))).toEqual(bytes);
    expect(encodeImage(withExtras())).toEqual(bytes);
  });

  it('rejects wrong magic, wrong version, wrong length and a bad CRC with the offset', () => {
    const bytes = encodeImage(small());
    expect(isImage(new Uint8Array([1, 2, 3]))).toBe(false);
    const other = new TextEncoder().encode('{"layers": []} and more text than a header holds, surely');
    expect(() => decodeImage(other, 'x.img')).toThrow(
      /x.img: not a spikeforge image \(no "SFIMG" magic at offset 0\)/,
    );
    // A flipped magic byte with the rest of an image's header: said to be a damaged image (#12).
    const magic = bytes.slice();
    magic[0] = 0x58;
    expect(() => decodeImage(magic, 'x.img')).toThrow(
      /x.img: a damaged spikeforge image: the magic at offset 0 is 58 46 49 4d 47, not "SFIMG"/,
    );
    const version = bytes.slice();
    version[5] = 9;
    try {
      decodeImage(version);
      expect.unreachable();
    } catch (e) {
      expect(isSpikeforgeError(e) && e.code).toBe('IMAGE_VERSION');
      expect(String(e)).toMatch(/version 9 \(at offset 5\)/);
    }
    const flipped = bytes.slice();
    flipped[60] ^= 0x10;
    expect(() => decodeImage(flipped)).toThrow(
      new RegExp(`CRC32 mismatch \\(at offset ${bytes.length - 4}\\)`),
    );
    expect(() => decodeImage(bytes.subarray(0, bytes.length - 7))).toThrow(
      /truncated: the header says \d+ bytes/,
    );
  });

  it('truncated at every offset: always a clean SpikeforgeError', () => {
    const bytes = encodeImage(small());
    for (let n = 0; n < bytes.length; n++) {
      let err: unknown;
      try {
        decodeImage(bytes.subarray(0, n));
      } catch (e) {
        err = e;
      }
      expect(isSpikeforgeError(err) && ['IMAGE_FORMAT', 'IMAGE_CRC'].includes(err.code), `cut at ${n}`).toBe(
        true,
      );
    }
  });

  it('any flipped byte is caught (CRC), never a wrong configuration', () => {
    const bytes = encodeImage(small());
    for (let i = 0; i < bytes.length; i++) {
      const bad = bytes.slice();
      bad[i] ^= 0xff;
      let err: unknown;
      try {
        decodeImage(bad);
      } catch (e) {
        err = e;
      }
      expect(
        isSpikeforgeError(err) && ['IMAGE_FORMAT', 'IMAGE_CRC', 'IMAGE_VERSION'].includes(err.code),
        `byte ${i}`,
      ).toBe(true);
    }
  });

  it('corruption behind a valid CRC still gives a SpikeforgeError or a consistent configuration, never a crash', () => {
    const bytes = encodeImage(small());
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 5 }),
        fc.integer({ min: 1, max: 255 }),
        (at, x) => {
          const bad = bytes.slice();
          bad[at] ^= x;
          refreshCrc(bad);
          try {
            const c = decodeImage(bad);
            // it decoded: then it re-encodes to the very same bytes
            expect(encodeImage(c)).toEqual(bad);
          } catch (e) {
            if (!isSpikeforgeError(e)) throw e;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects an image whose destinations form a cycle', () => {
    const c = compile(nmnistLike(), dynapcnn9).config;
    const last = c.cores.find((x) => x.destinations.length === 0)!;
    last.destinations = [{ coreId: c.input.destinations[0].coreId, pooling: 1 }];
    expect(() => decodeImage(encodeImage(c), 'loop.img')).toThrow(
      /loop.img: the chip configuration has a cycle between cores .*: the image cannot be run/,
    );
  });

  it('refuses to encode values that do not fit their fields', () => {
    const c = small();
    c.cores[0].thresholdHigh = 40000;
    expect(() => encodeImage(c)).toThrow(/threshold_high = 40000/);
    const h = small();
    h.sourceHash = 'xyz';
    expect(() => encodeImage(h)).toThrow(/source hash/);
    const w = small();
    w.cores[0].weights = int8s(5);
    expect(() => encodeImage(w)).toThrow(/5 weights, its shapes need 36/);
  });
});

describe('register writes', () => {
  it('rebuild exactly the configuration', () => {
    for (const config of [withExtras(), small(), compile(nmnistLike(), dynapcnn9).config]) {
      const writes = registerWrites(config, dynapcnn9);
      expect(configFromRegisterWrites(writes, dynapcnn9)).toEqual(config);
      for (const w of writes) {
        expect(Number.isInteger(w.value) && w.value >= 0 && w.value <= 0xffffffff).toBe(true);
      }
    }
  });

  it('are ordered: chip registers first, then cores by id; addresses are unique', () => {
    const writes = registerWrites(withExtras(), dynapcnn9);
    const cores = writes.map((w) => w.address >>> 24);
    expect(cores[0]).toBe(0xff);
    const coreOrder = cores.filter((c) => c !== 0xff);
    expect(coreOrder).toEqual([...coreOrder].sort((a, b) => a - b));
    expect(new Set(writes.map((w) => w.address)).size).toBe(writes.length);
  });

  it('missing writes are an error naming the register', () => {
    const config = small();
    const id = config.cores[0].coreId;
    const writes = registerWrites(config, dynapcnn9).filter(
      (w) => w.address !== ((id << 24) | (3 << 20) | 0),
    );
    expect(() => configFromRegisterWrites(writes, dynapcnn9)).toThrow(
      new RegExp(`register 0x0${id}300000 \\(core ${id}, region 3, index 0\\) was never written`),
    );
  });
});

describe('the worked example of protocol/IMAGE.md', () => {
  it('is byte for byte what encodeImage writes', () => {
    const q = network(
      [1, 2, 2],
      [conv({ name: 'c1', from: 'input', inputShape: [1, 2, 2], out: 2, k: 1, bias: true })],
    );
    const { config } = compile(q, dynapcnn9);
    const hex = Array.from(encodeImage(config), (x) => x.toString(16).padStart(2, '0')).join(' ');
    expect(hex).toBe(
      [
        '53 46 49 4d 47 01 01 00 8d 00 00 00 03 00 01 00',
        ...Array(2).fill('ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab'),
        '01 00 00 00 12 00 00 00 01 00 02 00 02 00 00 00',
        '00 00 02 00 02 00 00 01 07 01 02 00 07 00 1e 00',
        '00 00 05 01 01 01 00 00 00 00 01 00 02 00 02 00',
        '02 00 02 00 02 00 2c 01 d4 fe 44 f9 e6 ff b4 ff',
        '03 00 00 00 11 00 00 00 02 00 ff ff 05 00 69 6e',
        '70 75 74 07 00 02 00 63 31 f4 25 e2 35',
      ].join(' '),
    );
    const writes = registerWrites(config, dynapcnn9).map(
      (w) => `${w.address.toString(16).padStart(8, '0')}=${w.value.toString(16)}`,
    );
    expect(writes.slice(-7)).toEqual([
      '07300000=12c',
      '07300001=fed4',
      '07200000=ffe6',
      '07200001=ffb4',
      '07100000=f944',
      '07700000=2',
      '07700001=3163',
    ]);
    expect(writes).toContain('ff500000=80000107');
  });
});

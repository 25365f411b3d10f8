/**
 * Out-of-spec and corrupted images: CRC-valid images that break the chip's limits are refused by
 * `flash` before anything is sent, by the board before commit (the previous configuration keeps
 * running), and `inspect` says what is wrong; corrupted bytes never end in anything but a clear error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { configure } from '../../firmware-sim/chip.ts';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { inspectImage } from '../../src/compiler/inspect.ts';
import { SpikeforgeError } from '../../src/errors.ts';
import type { ChipConfig } from '../../src/image/config.ts';
import { decodeImage, encodeImage, imageCrc } from '../../src/image/image.ts';
import { checkConfig, maxImageSize } from '../../src/image/limits.ts';
import { registerWrites } from '../../src/image/registers.ts';
import { crc32 } from '../../src/util/crc32.ts';
import { oneCoreConfig } from '../configs.ts';
import { compiledCase } from '../device/helpers.ts';
import { cli } from '../helpers.ts';
import { CASE, connect, flashedBoard, rejection } from './helpers.ts';

let golden: ChipConfig;
beforeAll(async () => {
  golden = (await compiledCase(CASE, 'all')).config;
});

const variant = (change: (c: ChipConfig) => void): ChipConfig => {
  const c = structuredClone(golden);
  change(c);
  return c;
};
const core = (c: ChipConfig, id: number) => c.cores.find((x) => x.coreId === id)!;

/** The campaign's out-of-spec images: each with what the check must name. */
const cases: [string, () => ChipConfig, RegExp][] = [
  [
    'a 1024x1024 map',
    () => oneCoreConfig([1, 1024, 1024], { outputShape: [1, 1024, 1024], weights: new Int8Array(1) }),
    /input: map 1024x1024 is outside 1x1\.\.128x128/,
  ],
  [
    '1024 channels over memory',
    () =>
      oneCoreConfig([2, 8, 8], {
        outputShape: [1024, 8, 8],
        kernelSize: 3,
        padding: [1, 1],
        weights: new Int8Array(1024 * 2 * 9),
      }),
    /core 0 \("n"\): kernel memory 32768 words \(32Ki\) exceeds core 0's 16384 words/,
  ],
  [
    'stride 3 and padding 200',
    () =>
      variant((c) => {
        core(c, 3).stride = [3, 3];
        core(c, 3).padding = [200, 200];
      }),
    /core 3 \("6"\): stride 3 \(y, x\) is not supported.*|padding 200/,
  ],
  [
    'input pooling 3',
    () =>
      variant((c) => {
        c.input.destinations[0].pooling = 3;
      }),
    /the input pools 3x3 towards core 7 \(allowed: 1, 2, 4\)/,
  ],
  [
    'a crop outside the input',
    () =>
      variant((c) => {
        c.input.crop = [0, 0, 200, 200];
      }),
    /input: crop \[0, 0, 200, 200\] is not a window of the 34x34 input map/,
  ],
  [
    'three destinations',
    () =>
      variant((c) => {
        core(c, 3).destinations.push({ coreId: 0, pooling: 1 }, { coreId: 0, pooling: 2 });
      }),
    /core 3 \("6"\) sends to 3 cores, at most 2 allowed/,
  ],
  [
    'shapes that disagree between connected cores',
    () =>
      variant((c) => {
        core(c, 3).inputShape = [16, 9, 8];
      }),
    /gives \[16, 8, 8\] after pooling \d, core 3 \("6"\) reads \[16, 9, 8\]/,
  ],
  [
    'kernel 255 with 9 channels (register index past 20 bits)',
    () =>
      oneCoreConfig([9, 16, 16], {
        outputShape: [9, 2, 2],
        kernelSize: 255,
        padding: [120, 120],
        weights: new Int8Array(9 * 9 * 255 * 255),
      }),
    /core 0 \("n"\): its kernel region needs 1316757 register words, the 20-bit register index addresses 1048576/,
  ],
];

describe('images: out of the chip spec', () => {
  it.each(cases)(
    '%s: named by the check, refused by flash before sending and by the board before commit',
    async (_, make, named) => {
      const config = make();
      const image = encodeImage(config);
      const decoded = decodeImage(image);
      const problems = checkConfig(decoded, dynapcnn9);
      expect(problems.join('\n')).toMatch(named);
      expect(inspectImage(image, 'bad.img').text).toMatch(/does not fit dynapcnn9 \(the board refuses it\):/);

      const board = await flashedBoard();
      const crc = board.activeImageCrc;
      const dev = await connect(board);
      const framesIn = board.counters.framesIn;
      const e = await rejection(dev.flash(image));
      expect(e).toBeInstanceOf(SpikeforgeError);
      expect(e.message).toMatch(/image does not fit dynapcnn9/);
      expect(board.counters.framesIn).toBe(framesIn); // nothing sent
      // Sent anyway (no host check): the board refuses it and keeps the running configuration.
      const sent = await rejection(dev.flash(image, { check: false }));
      expect(sent.message).toMatch(
        image.length > maxImageSize(dynapcnn9)
          ? /IMAGE_SIZE: image size \d+ bytes is outside/
          : /IMAGE_INVALID: image refused, the previous configuration keeps running: image does not fit dynapcnn9/,
      );
      expect(board.activeImageCrc).toBe(crc);
      await dev.close();
    },
  );

  it('the register writes refuse an index past 20 bits instead of spilling into the next region', () => {
    const [, make] = cases[cases.length - 1];
    expect(() => registerWrites(make(), dynapcnn9)).toThrow(
      /core 0 region 1 needs 1316757 register words, the 20-bit register index addresses 1048576/,
    );
  });

  it('the CLI: inspect lists what breaks the limits and exits 1; flash refuses the file before opening a device', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikeforge-bad-image-'));
    try {
      const path = join(dir, 'bad.img');
      writeFileSync(path, encodeImage(cases[4][1]()));
      const inspect = await cli(['inspect', path]);
      expect(inspect.code).toBe(1);
      expect(inspect.stdout).toMatch(
        /does not fit dynapcnn9 \(the board refuses it\):\n {2}input: crop \[0, 0, 200, 200\]/,
      );
      expect(inspect.stderr).toMatch(
        /^error: .*bad\.img does not fit dynapcnn9: 2 limits broken \(listed above\)/m,
      );
      const flash = await cli(['flash', path, '--device', 'tcp:127.0.0.1:1']);
      expect(flash.code).toBe(1);
      expect(flash.stderr).toMatch(/^error: .*bad\.img does not fit dynapcnn9: 2 limits broken/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the golden image fits and is not bigger than the largest image of its chip', async () => {
    const { image } = await compiledCase(CASE, 'all');
    expect(checkConfig(golden, dynapcnn9)).toEqual([]);
    expect(image.length).toBeLessThan(maxImageSize(dynapcnn9));
  });
});

describe('images: corrupted bytes', () => {
  it('200 single-byte corruptions with a repaired CRC decode to a clear error or to a configuration the board checks', async () => {
    const { image } = await compiledCase(CASE, 'all');
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed;
    };
    const outcomes = { refused: 0, applied: 0 };
    for (let i = 0; i < 200; i++) {
      const bytes = image.slice();
      // Mostly the header and section heads (where sizes live), sometimes anywhere.
      const at = i % 2 === 0 ? rand() % 160 : rand() % (bytes.length - 4);
      bytes[at] ^= 1 << (rand() % 8);
      new DataView(bytes.buffer).setUint32(bytes.length - 4, crc32(bytes, 0, bytes.length - 4), true);
      try {
        configure(bytes, imageCrc(bytes), dynapcnn9);
        outcomes.applied++;
      } catch (e) {
        expect(e).toBeInstanceOf(SpikeforgeError);
        outcomes.refused++;
      }
    }
    expect(outcomes.refused + outcomes.applied).toBe(200);
    expect(outcomes.refused).toBeGreaterThan(50);
  });
});

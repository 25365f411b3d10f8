import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAedat } from '../../src/events/aedat.ts';
import { readSfevBlocks, SFEV_BLOCK_EVENTS, SfevWriter } from '../../src/events/binary.ts';
import { readInputCsv, readSpikesCsv } from '../../src/events/csv.ts';
import { detectFormat, readEvents, readInputEvents, readSpikes, writeEvents } from '../../src/events/io.ts';
import { eventsToNpy, parseNpy, rasterToEvents } from '../../src/events/npy.ts';
import { sortByStep } from '../../src/events/ops.ts';
import type { Spikes } from '../../src/events/types.ts';
import { makeSpikes } from '../../src/events/types.ts';
import { goldenFile } from '../fixtures.ts';
import { inputOf, rowsOf, spikesOf } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tmp = (name: string): string => join(dir, name);

const eventsArb = fc
  .array(fc.tuple(fc.nat(40), fc.nat(3), fc.nat(20), fc.nat(20)), { maxLength: 300 })
  .map((rows) => sortByStep(inputOf(rows as [number, number, number, number][])));

describe('CSV', () => {
  it('round-trips input events and spikes of the golden fixtures', () => {
    const input = readInputCsv(goldenFile('nmnist_csnn', 'input.csv'));
    writeEvents(tmp('in.csv'), input);
    expect(rowsOf(readInputEvents(tmp('in.csv')))).toEqual(rowsOf(input));
    const spikes = readSpikesCsv(goldenFile('nmnist_csnn', 'expected.csv'));
    writeEvents(tmp('sp.csv'), spikes);
    const back = readEvents(tmp('sp.csv'));
    expect(back.kind).toBe('spikes');
    expect(rowsOf(readSpikes(tmp('sp.csv')))).toEqual(rowsOf(spikes));
  });

  it('shows a binary file read as CSV by a short printable excerpt of its first line', () => {
    writeFileSync(tmp('binary.csv'), Buffer.concat([Buffer.from('SFIMG\x01\x00'), Buffer.alloc(200, 0xff)]));
    expect(() => readEvents(tmp('binary.csv'))).toThrow(
      `${tmp('binary.csv')}: header has no "t" column (found: SFIMG${'?'.repeat(55)}...)`,
    );
  });
});

describe('SFEV binary', () => {
  it('round-trips the golden spikes, smaller than the CSV', () => {
    const spikes = readSpikesCsv(goldenFile('nmnist_csnn', 'expected.csv'));
    writeEvents(tmp('sp.sfev'), spikes);
    expect(detectFormat(tmp('sp.sfev'))).toBe('sfev');
    const back = readSpikes(tmp('sp.sfev'));
    expect(back.layers).toEqual(spikes.layers);
    expect(rowsOf(back)).toEqual(rowsOf(spikes));
    expect(readFileSync(tmp('sp.sfev')).length).toBeLessThan(
      readFileSync(goldenFile('nmnist_csnn', 'expected.csv')).length / 2,
    );
  });

  it('round-trips any sorted input events (property)', () => {
    fc.assert(
      fc.property(eventsArb, (ev) => {
        writeEvents(tmp('p.sfev'), ev);
        const back = readInputEvents(tmp('p.sfev'));
        expect(Array.from(back.t)).toEqual(Array.from(ev.t.subarray(0, ev.count)));
        expect(Array.from(back.c)).toEqual(Array.from(ev.c.subarray(0, ev.count)));
        expect(Array.from(back.y)).toEqual(Array.from(ev.y.subarray(0, ev.count)));
        expect(Array.from(back.x)).toEqual(Array.from(ev.x.subarray(0, ev.count)));
      }),
      { numRuns: 60 },
    );
  });

  it('is written and read incrementally, block by block', () => {
    const w = new SfevWriter(tmp('inc.sfev'), { kind: 'spikes', layers: ['a', 'b'] });
    const n = SFEV_BLOCK_EVENTS + 100;
    for (let chunk = 0; chunk < 3; chunk++) {
      const sp = makeSpikes(['a', 'b'], n);
      for (let i = 0; i < n; i++) {
        sp.t[i] = chunk * 1000 + Math.floor(i / 100);
        sp.layer[i] = i % 2;
        sp.c[i] = i % 7;
        sp.y[i] = 300 + (i % 5);
        sp.x[i] = 100000 + i;
      }
      sp.count = n;
      w.append(sp);
    }
    w.close();
    const items = [...readSfevBlocks(tmp('inc.sfev'))];
    expect(items[0]).toEqual({ kind: 'spikes', layers: ['a', 'b'] });
    const blocks = items.slice(1) as { kind: 'spikes'; spikes: Spikes }[];
    expect(blocks.length).toBe(6);
    expect(blocks.map((b) => b.spikes.count)).toEqual([
      SFEV_BLOCK_EVENTS,
      100,
      SFEV_BLOCK_EVENTS,
      100,
      SFEV_BLOCK_EVENTS,
      100,
    ]);
    const last = blocks[5].spikes;
    expect(last.t[99]).toBe(2000 + Math.floor((n - 1) / 100));
    expect(last.x[99]).toBe(100000 + n - 1);
    expect(last.layer[99]).toBe((n - 1) % 2);
  });

  it('rejects unsorted appends, a cut file and a corrupted block with clear errors', () => {
    const w = new SfevWriter(tmp('bad.sfev'), { kind: 'input', layers: [] });
    w.append(inputOf([[5, 0, 0, 0]]));
    expect(() => w.append(inputOf([[4, 0, 0, 0]]))).toThrow(/step 4 after step 5/);
    w.close();
    writeEvents(
      tmp('ok.sfev'),
      inputOf([
        [0, 1, 2, 3],
        [1, 1, 2, 3],
        [9, 0, 0, 0],
      ]),
    );
    const bytes = readFileSync(tmp('ok.sfev'));
    writeFileSync(tmp('cut.sfev'), bytes.subarray(0, bytes.length - 10));
    expect(() => readEvents(tmp('cut.sfev'))).toThrow(/ends inside/);
    const flipped = Buffer.from(bytes);
    flipped[20] ^= 0xff;
    writeFileSync(tmp('crc.sfev'), flipped);
    expect(() => readEvents(tmp('crc.sfev'))).toThrow(/CRC/);
  });
});

/** A hand-written .npy: header dict + raw data. */
function npyBytes(descr: string, shape: number[], fortran: boolean, data: Buffer): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += `${' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64)}\n`;
  const head = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(head);
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), data]);
}

describe('NumPy .npy rasters', () => {
  it('round-trips the golden input as a (T, C, H, W) uint8 raster', () => {
    const input = readInputCsv(goldenFile('nmnist_csnn', 'input.csv'));
    writeEvents(tmp('in.npy'), input, { shape: [2, 34, 34] });
    const arr = parseNpy(readFileSync(tmp('in.npy')));
    expect(arr.descr).toBe('|u1');
    expect(arr.shape).toEqual([100, 2, 34, 34]);
    expect(rowsOf(readInputEvents(tmp('in.npy')))).toEqual(rowsOf(input));
  });

  it('widens the dtype for large counts and checks the shape', () => {
    const many = inputOf(Array.from({ length: 300 }, () => [1, 0, 1, 2] as [number, number, number, number]));
    const arr = parseNpy(eventsToNpy(many, [1, 2, 3]));
    expect(arr.descr).toBe('<i2');
    expect(arr.shape).toEqual([2, 1, 2, 3]);
    expect(arr.get(((1 * 1 + 0) * 2 + 1) * 3 + 2)).toBe(300);
    expect(() => eventsToNpy(many, [1, 1, 1])).toThrow(/outside the raster/);
  });

  it('reads other dtypes, byte orders and Fortran order', () => {
    // Logical array (T=2, C=1, H=2, W=3) with value at [t,0,y,x] = t*10 + y*3 + x (small counts).
    const T = 2;
    const H = 2;
    const W = 3;
    const val = (t: number, y: number, x: number): number => (t + y + x) % 3;
    const want: string[] = [];
    for (let t = 0; t < T; t++)
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) for (let n = 0; n < val(t, y, x); n++) want.push(`${t},0,${y},${x}`);
    want.sort();
    const cases: [string, number, (b: Buffer, v: number, o: number) => void][] = [
      ['<f4', 4, (b, v, o) => b.writeFloatLE(v, o)],
      ['>i4', 4, (b, v, o) => b.writeInt32BE(v, o)],
      ['<i8', 8, (b, v, o) => b.writeBigInt64LE(BigInt(v), o)],
      ['|b1', 1, (b, v, o) => b.writeUInt8(v > 0 ? 1 : 0, o)],
      ['>f8', 8, (b, v, o) => b.writeDoubleBE(v, o)],
    ];
    for (const fortran of [false, true]) {
      for (const [descr, width, put] of cases) {
        const data = Buffer.alloc(T * H * W * width);
        for (let t = 0; t < T; t++)
          for (let y = 0; y < H; y++)
            for (let x = 0; x < W; x++) {
              const flat = fortran ? t + T * (0 + 1 * (y + H * x)) : ((t * 1 + 0) * H + y) * W + x;
              put(data, val(t, y, x), flat * width);
            }
        const ev = rasterToEvents(parseNpy(npyBytes(descr, [T, 1, H, W], fortran, data)));
        const expected = descr === '|b1' ? [...new Set(want)].sort() : want;
        expect(rowsOf(ev), `${descr} fortran=${fortran}`).toEqual(expected);
      }
    }
  });

  it('reads (T, H, W) as one channel and rejects negative or fractional counts', () => {
    const data = Buffer.from([0, 2, 1, 0]);
    expect(rowsOf(rasterToEvents(parseNpy(npyBytes('|u1', [1, 2, 2], false, data))))).toEqual([
      '0,0,0,1',
      '0,0,0,1',
      '0,0,1,0',
    ]);
    const f = Buffer.alloc(4);
    f.writeFloatLE(0.5, 0);
    expect(() => rasterToEvents(parseNpy(npyBytes('<f4', [1, 1, 1, 1], false, f)))).toThrow(
      /not an event count/,
    );
  });

  it('names a file cut short inside its header instead of failing on a read past the end', () => {
    const whole = npyBytes('|u1', [1, 1, 1, 1], false, Buffer.from([1]));
    expect(() => parseNpy(whole.subarray(0, 8), 'cut.npy')).toThrow(
      'cut.npy: file ends inside the npy header length (8 bytes)',
    );
    expect(() => parseNpy(whole.subarray(0, 20), 'cut.npy')).toThrow(
      'cut.npy: file ends inside the npy header (20 bytes)',
    );
  });
});

/** AEDAT 2.0 (jAER): header lines, then big-endian (address, timestamp) pairs. */
function aedat2(hardware: string, events: [number, number][]): Buffer {
  const head = Buffer.from(
    `#!AER-DAT2.0\r\n# This is a raw AE data file\r\n# HardwareInterface: ${hardware}\r\n`,
    'latin1',
  );
  const body = Buffer.alloc(8 * events.length);
  events.forEach(([addr, ts], i) => {
    body.writeUInt32BE(addr >>> 0, 8 * i);
    body.writeInt32BE(ts, 8 * i + 4);
  });
  return Buffer.concat([head, body]);
}

describe('AEDAT', () => {
  it('reads AEDAT 2 DVS128 events and bins timestamps into steps', () => {
    const dvs = (x: number, y: number, p: number): number => (y << 8) | (x << 1) | p;
    const bytes = aedat2('DVS128', [
      [dvs(5, 7, 1), 1000],
      [dvs(127, 0, 0), 1999],
      [dvs(3, 120, 1), 2000],
      [dvs(64, 64, 0), 7500],
    ]);
    writeFileSync(tmp('rec.aedat'), bytes);
    expect(detectFormat(tmp('rec.aedat'))).toBe('aedat');
    const ev = readInputEvents(tmp('rec.aedat'), { stepUs: 1000 });
    expect(rowsOf(ev)).toEqual(['0,0,0,127', '0,1,7,5', '1,1,120,3', '6,0,64,64']);
    const coarse = parseAedat(bytes, 'rec', { stepUs: 5000 });
    expect(Array.from(coarse.t)).toEqual([0, 0, 0, 1]);
  });

  it('reads AEDAT 2 DAVIS addresses and skips APS samples', () => {
    const davis = (x: number, y: number, p: number): number => (y << 22) | (x << 12) | (p << 11);
    const bytes = aedat2('DAVIS240C', [
      [davis(200, 150, 1), 0],
      [0x80000000 | davis(1, 1, 0), 10],
      [davis(239, 179, 0), 3000],
    ]);
    expect(rowsOf(parseAedat(bytes))).toEqual(['0,1,150,200', '3,0,179,239']);
  });

  it('reads AEDAT 3.1 polarity packets, skipping invalid events and other packets', () => {
    const head = Buffer.from(
      '#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#!END-HEADER\r\n',
      'latin1',
    );
    const packet = (type: number, events: [number, number][]): Buffer => {
      const h = Buffer.alloc(28);
      h.writeInt16LE(type, 0);
      h.writeInt16LE(1, 2);
      h.writeInt32LE(8, 4);
      h.writeInt32LE(4, 8);
      h.writeInt32LE(0, 12);
      h.writeInt32LE(events.length, 16);
      h.writeInt32LE(events.length, 20);
      h.writeInt32LE(events.length, 24);
      const b = Buffer.alloc(8 * events.length);
      events.forEach(([data, ts], i) => {
        b.writeUInt32LE(data >>> 0, 8 * i);
        b.writeInt32LE(ts, 8 * i + 4);
      });
      return Buffer.concat([h, b]);
    };
    const pol = (x: number, y: number, p: number, valid = 1): number =>
      (x << 17) | (y << 2) | (p << 1) | valid;
    const bytes = Buffer.concat([
      head,
      packet(1, [
        [pol(10, 20, 1), 500],
        [pol(11, 21, 0, 0), 600],
      ]),
      packet(0, [[0x1234, 700]]),
      packet(1, [[pol(300, 2, 0), 2600]]),
    ]);
    expect(rowsOf(parseAedat(bytes, 'rec3', { stepUs: 1000 }))).toEqual(['0,1,20,10', '2,0,2,300']);
  });

  it('reads AEDAT 4 event packets from a FlatBuffer file built by hand', () => {
    const info =
      '<dv version="2.0"><node name="outInfo" path="/outInfo/"><node name="0" path="/outInfo/0/">' +
      '<attr key="compression" type="string">NONE</attr><attr key="typeIdentifier" type="string">EVTS</attr>' +
      '<node name="info" path="/outInfo/0/info/"><attr key="sizeX" type="int">32</attr><attr key="sizeY" type="int">32</attr></node>' +
      '</node><node name="1" path="/outInfo/1/"><attr key="typeIdentifier" type="string">IMUS</attr></node></node></dv>';
    // IOHeader table: compression (int32), dataTablePosition (int64), infoNode (string).
    const str = Buffer.from(info, 'utf8');
    const ioh = Buffer.alloc(36 + 4 + str.length + 1);
    ioh.writeUInt32LE(16, 0); // root table at 16
    for (const [i, v] of [10, 20, 4, 8, 16].entries()) ioh.writeUInt16LE(v, 4 + 2 * i); // vtable at 4
    ioh.writeInt32LE(16 - 4, 16);
    ioh.writeInt32LE(0, 20); // no compression
    ioh.writeBigInt64LE(-1n, 24); // no data table
    ioh.writeUInt32LE(36 - 32, 32);
    ioh.writeUInt32LE(str.length, 36);
    str.copy(ioh, 40);
    const eventPacket = (events: [number, number, number, boolean][]): Buffer => {
      const fb = Buffer.alloc(32 + 16 * events.length);
      fb.writeUInt32LE(16, 0); // root table
      fb.write('EVTS', 4, 'latin1');
      for (const [i, v] of [6, 8, 4].entries()) fb.writeUInt16LE(v, 8 + 2 * i);
      fb.writeInt32LE(16 - 8, 16);
      fb.writeUInt32LE(28 - 20, 20); // elements vector at 28
      fb.writeUInt32LE(events.length, 28);
      events.forEach(([t, x, y, on], i) => {
        fb.writeBigInt64LE(BigInt(t), 32 + 16 * i);
        fb.writeInt16LE(x, 40 + 16 * i);
        fb.writeInt16LE(y, 42 + 16 * i);
        fb.writeUInt8(on ? 1 : 0, 44 + 16 * i);
      });
      const prefixed = Buffer.alloc(4 + fb.length);
      prefixed.writeUInt32LE(fb.length, 0);
      fb.copy(prefixed, 4);
      return prefixed;
    };
    const packet = (stream: number, body: Buffer): Buffer => {
      const h = Buffer.alloc(8);
      h.writeInt32LE(stream, 0);
      h.writeInt32LE(body.length, 4);
      return Buffer.concat([h, body]);
    };
    const other = Buffer.alloc(16);
    other.writeUInt32LE(12, 0);
    other.write('IMUS', 8, 'latin1');
    const size = Buffer.alloc(4);
    size.writeUInt32LE(ioh.length, 0);
    const t0 = 1_700_000_000_000_000;
    const file = Buffer.concat([
      Buffer.from('#!AER-DAT4.0\r\n', 'latin1'),
      size,
      ioh,
      packet(
        0,
        eventPacket([
          [t0, 3, 4, true],
          [t0 + 999, 31, 0, false],
        ]),
      ),
      packet(1, other),
      packet(0, eventPacket([[t0 + 1000, 0, 31, true]])),
    ]);
    writeFileSync(tmp('rec.aedat4'), file);
    expect(detectFormat(tmp('rec.aedat4'))).toBe('aedat');
    expect(rowsOf(readInputEvents(tmp('rec.aedat4')))).toEqual(['0,0,0,31', '0,1,4,3', '1,1,31,0']);
    const compressed = Buffer.from(file);
    compressed.writeInt32LE(3, 14 + 4 + 20); // compression: zstd
    expect(() => parseAedat(compressed, 'z.aedat4')).toThrow(/compressed with zstd/);
  });
});

describe('format detection', () => {
  it('trusts magic bytes over the extension', () => {
    writeEvents(tmp('really-sfev.csv'), inputOf([[0, 1, 2, 3]]), { format: 'sfev' });
    expect(detectFormat(tmp('really-sfev.csv'))).toBe('sfev');
    expect(rowsOf(readInputEvents(tmp('really-sfev.csv')))).toEqual(['0,1,2,3']);
  });

  it('names the file when it cannot tell', () => {
    writeFileSync(tmp('mystery.bin'), Buffer.from([1, 2, 3, 4]));
    expect(() => readEvents(tmp('mystery.bin'))).toThrow(/mystery\.bin: cannot tell the event format/);
    expect(() => readEvents(tmp('missing.csv'))).toThrow(/no such file/);
  });

  it('says why it cannot tell: empty, JSON (a network?) or no known signature', () => {
    writeFileSync(tmp('empty.bin'), '');
    writeFileSync(tmp('net.json'), '{"layers": []}');
    writeFileSync(tmp('mystery.bin'), Buffer.from([1, 2, 3, 4]));
    writeFileSync(tmp('net.nir'), Buffer.from([0x89, 0x48, 0x44, 0x46]));
    expect(() => detectFormat(tmp('net.nir'))).toThrow(
      /net\.nir: cannot tell the event format \(it is named like a NIR network file\)$/,
    );
    expect(() => detectFormat(tmp('empty.bin'))).toThrow(
      /empty\.bin: cannot tell the event format \(the file is empty\)$/,
    );
    expect(() => detectFormat(tmp('net.json'))).toThrow(
      /net\.json: cannot tell the event format \(it is JSON, like a network file\)$/,
    );
    expect(() => detectFormat(tmp('mystery.bin'))).toThrow(
      /no SFEV \/ NumPy \/ AEDAT signature, extension "\.bin"\)$/,
    );
  });

  it('writes one layer of spikes as a raster', () => {
    const sp = spikesOf(
      ['a', 'b'],
      [
        [0, 0, 1, 0, 0],
        [1, 1, 0, 2, 2],
      ],
    );
    expect(() => writeEvents(tmp('two.npy'), sp)).toThrow(/pick one/);
    writeEvents(tmp('b.npy'), sp, { layer: 'b', shape: [1, 3, 3] });
    expect(rowsOf(readInputEvents(tmp('b.npy')))).toEqual(['1,0,2,2']);
  });
});

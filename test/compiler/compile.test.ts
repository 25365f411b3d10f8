import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { CompileError, compile, formatFitReport } from '../../src/compiler/index.ts';
import { kernelMemory, neuronMemory } from '../../src/compiler/memory.ts';
import { quantize } from '../../src/quantize/index.ts';
import { errorOf } from '../helpers.ts';
import { net } from '../network/build.ts';
import { conv, linear, network, nmnistLike } from './builder.ts';

const compileError = (fn: () => unknown): CompileError => errorOf(fn, CompileError);

describe('memory formulas of chip-spec.md', () => {
  it('64 -> 65 channels, 3x3 on 8x8 with padding 1 needs 128Ki kernel words and does not fit', () => {
    expect(kernelMemory(64, 3, 65)).toBe(131072);
    const q = network(
      [64, 8, 8],
      [conv({ name: 'conv3', from: 'input', inputShape: [64, 8, 8], out: 65, k: 3, padding: 1 })],
    );
    q.input.shape = [2, 8, 8];
    // The input holds 2 polarities; put a 2->64 layer first so that conv3 reads 64 channels.
    const first = conv({ name: 'conv1', from: 'input', inputShape: [2, 8, 8], out: 64, k: 3, padding: 1 });
    q.layers = [first, { ...q.layers[0], sources: [{ from: 'conv1', pooling: [1, 1] }] }];
    const e = compileError(() => compile(q, dynapcnn9));
    expect(e.code).toBe('CHIP_LIMIT');
    expect(e.details).toContain(
      'layer "conv3": kernel memory 131072 words (128Ki) exceeds the largest core (65536): reduce output channels from 65 to 64, or the kernel',
    );
    expect(e.report.fits).toBe(false);
    expect(e.report.layers[1].kernelMemory.used).toBe(131072);
    expect(e.report.layers[1].coreId).toBeNull();
    const pinned = compileError(() => compile(q, dynapcnn9, { place: { conv3: 5 } }));
    expect(pinned.details.join('\n')).toMatch(/pin conv3=5: layer "conv3" cannot be placed anywhere/);
    expect(pinned.details.join('\n')).not.toMatch(/there is no layer/);
  });

  it('2 -> 64 channels, 3x3 on 8x8 with padding 1 needs 2Ki kernel and 4Ki neuron words', () => {
    expect(kernelMemory(2, 3, 64)).toBe(2048);
    expect(neuronMemory([64, 8, 8])).toBe(4096);
    const q = network(
      [2, 8, 8],
      [conv({ name: 'c', from: 'input', inputShape: [2, 8, 8], out: 64, k: 3, padding: 1 })],
    );
    const { report, config } = compile(q, dynapcnn9);
    expect(report.layers[0].kernelMemory.used).toBe(2048);
    expect(report.layers[0].neuronMemory.used).toBe(4096);
    expect(config.cores).toHaveLength(1);
  });
});

describe('compile', () => {
  it('places a small CSNN, routes pooling onto destinations and monitors the output layer', () => {
    const { config, report } = compile(nmnistLike(), dynapcnn9);
    expect(config.cores).toHaveLength(4);
    expect(report.fits).toBe(true);
    const byLayer = new Map(config.cores.map((c) => [c.layer, c]));
    const conv3 = byLayer.get('conv3')!;
    const fc1 = byLayer.get('fc1')!;
    expect(conv3.destinations).toEqual([{ coreId: fc1.coreId, pooling: 2 }]);
    expect(config.input.destinations).toEqual([{ coreId: byLayer.get('conv1')!.coreId, pooling: 1 }]);
    expect(config.input.crop).toEqual([0, 0, 34, 34]);
    expect(fc1.monitor).toBe(true);
    expect(conv3.monitor).toBe(false);
    expect(fc1.kernelSize).toBe(3);
    expect(fc1.reset).toBe('zero');
    // every core id distinct and sorted
    expect(config.cores.map((c) => c.coreId)).toEqual(
      [...config.cores.map((c) => c.coreId)].sort((a, b) => a - b),
    );
    // synops: conv1 F=12, k=5, s=2 -> 12 * 3 * 3
    expect(report.layers[0].synopsPerInputEvent).toBe(108);
    expect(report.layers[0].synopsPerOutputEvent).toBe(report.layers[1].synopsPerInputEvent);
    expect(report.layers[3].synopsPerInputEvent).toBe(10);
    const text = formatFitReport(report);
    expect(text).toContain('fits (4 of 9 cores)');
    expect(text).toContain('conv3');
  });

  it('is deterministic', () => {
    const a = compile(nmnistLike(), dynapcnn9);
    const b = compile(nmnistLike(), dynapcnn9);
    expect(a.config).toEqual(b.config);
    expect(a.report).toEqual(b.report);
  });

  it('monitor "all" and a list of names', () => {
    expect(compile(nmnistLike(), dynapcnn9, { monitor: 'all' }).config.cores.every((c) => c.monitor)).toBe(
      true,
    );
    const { config } = compile(nmnistLike(), dynapcnn9, { monitor: ['conv2'] });
    expect(config.cores.filter((c) => c.monitor).map((c) => c.layer)).toEqual(['conv2']);
    const unknown = errorOf(() => compile(nmnistLike(), dynapcnn9, { monitor: ['nope', 'nix'] }));
    // The library names its option, not a flag: the CLI puts --monitor there.
    expect([unknown.message, unknown.option]).toEqual(['monitor: no layer named "nope", "nix"', 'monitor']);
    expect(unknown.hint).toBe('layers: conv1, conv2, conv3, fc1');
  });

  it('a chain of ten spiking layers does not fit on nine cores', () => {
    const layers = Array.from({ length: 10 }, (_, i) =>
      conv(
        {
          name: `l${i}`,
          from: i === 0 ? 'input' : `l${i - 1}`,
          inputShape: [2, 8, 8],
          out: 2,
          k: 3,
          padding: 1,
        },
        i + 1,
      ),
    );
    const e = compileError(() => compile(network([2, 8, 8], layers), dynapcnn9));
    expect(e.code).toBe('PLACEMENT');
    expect(e.details.join('\n')).toMatch(/10 layers but dynapcnn9 has 9 cores/);
    expect(e.report.totals.coresUsed).toBe(9);
  });

  it('three layers that each fit only on cores 5 and 6 fail with the competing layers and cores', () => {
    const layers = ['a', 'b', 'c'].map((name, i) =>
      conv(
        { name, from: i === 0 ? 'input' : 'abc'[i - 1], inputShape: [64, 8, 8], out: 64, k: 3, padding: 1 },
        i + 1,
      ),
    );
    const q = network([64, 8, 8], layers);
    q.input.shape = [2, 8, 8];
    const pre = conv({ name: 'pre', from: 'input', inputShape: [2, 8, 8], out: 64, k: 3, padding: 1 });
    layers[0] = { ...layers[0], sources: [{ from: 'pre', pooling: [1, 1] }] };
    q.layers = [pre, ...layers];
    const e = compileError(() => compile(q, dynapcnn9));
    expect(e.code).toBe('PLACEMENT');
    expect(e.details).toContain(
      'layers "a", "b", "c" compete for cores 5, 6: 3 layers, 2 cores that fit them',
    );
  });

  it('honours pins and rejects impossible ones', () => {
    const { config } = compile(nmnistLike(), dynapcnn9, { place: { conv1: 2, fc1: 8 } });
    const core = (layer: string) => config.cores.find((c) => c.layer === layer)!.coreId;
    expect(core('conv1')).toBe(2);
    expect(core('fc1')).toBe(8);
    // conv1's 12x16x16 map needs 12 * 256 = 3Ki neuron words: fits anywhere; conv3 needs 64*9->16*64*32 = 32Ki kernel
    const bad = compileError(() => compile(nmnistLike(), dynapcnn9, { place: { conv3: 0 } }));
    expect(bad.code).toBe('PLACEMENT');
    expect(bad.details.join('\n')).toMatch(/layer "conv3" is pinned to core 0, which is too small/);
    const unknown = compileError(() => compile(nmnistLike(), dynapcnn9, { place: { convX: 1 } }));
    expect(unknown.details.join('\n')).toMatch(/there is no layer "convX"/);
    expect(unknown.hint).toMatch(/^correct the pins \(place\)/);
    expect(bad.hint).toMatch(/^every layer fits some core/);
    const twice = compileError(() => compile(nmnistLike(), dynapcnn9, { place: { conv1: 1, conv2: 1 } }));
    expect(twice.details.join('\n')).toMatch(/two layers on one core/);
    const noCore = compileError(() => compile(nmnistLike(), dynapcnn9, { place: { conv1: 9 } }));
    expect(noCore.details.join('\n')).toMatch(/has no core 9/);
  });

  it('reports every broken limit, not only the first', () => {
    const q = network(
      [2, 34, 34],
      [
        conv({ name: 'big', from: 'input', inputShape: [2, 34, 34], out: 8, k: 17, stride: 3, padding: 8 }),
        conv({ name: 'pool', from: 'big', inputShape: [8, 2, 3], out: 4, k: 1, pooling: [3, 2] }),
      ],
    );
    q.layers[1] = { ...q.layers[1], weightName: 'conv_p' };
    const e = compileError(() => compile(q, dynapcnn9));
    expect(e.code).toBe('CHIP_LIMIT');
    const all = e.details.join('\n');
    expect(all).toMatch(/layer "pool" \(weights "conv_p"\): pooling 3x2 of its source "big" is not square/);
    expect(e.report.layers[0].destinations).toMatchObject([{ layer: 'pool', pooling: 3 }]);
    expect(all).toMatch(/layer "big": kernel 17x17 exceeds the largest kernel 16x16/);
    expect(all).toMatch(/layer "big": stride 3 \(y, x\) is not supported \(allowed: 1, 2, 4, 8\)/);
    expect(all).toMatch(/layer "big": padding 8 \(y, x\) exceeds the maximum 7/);
    expect(e.details.length).toBeGreaterThanOrEqual(4);
    expect(formatFitReport(e.report)).toContain('DOES NOT FIT');
  });

  it('fan-out over two and pooling 8 are limits; a merge of two same-shape sources is one core', () => {
    const a = conv({ name: 'a', from: 'input', inputShape: [2, 16, 16], out: 4, k: 3, padding: 1 }, 1);
    const b = conv({ name: 'b', from: 'input', inputShape: [2, 16, 16], out: 4, k: 3, padding: 1 }, 2);
    const m = conv(
      {
        name: 'm',
        from: 'a',
        inputShape: [4, 8, 8],
        out: 4,
        k: 3,
        padding: 1,
        sources: [
          { from: 'a', pooling: [2, 2] },
          { from: 'b', pooling: [2, 2] },
        ],
      },
      3,
    );
    const { config } = compile(network([2, 16, 16], [a, b, m]), dynapcnn9);
    const id = (l: string) => config.cores.find((c) => c.layer === l)!.coreId;
    expect(config.input.destinations.map((d) => d.coreId)).toEqual([id('a'), id('b')]);
    expect(config.cores.find((c) => c.layer === 'a')!.destinations).toEqual([
      { coreId: id('m'), pooling: 2 },
    ]);
    expect(config.cores.find((c) => c.layer === 'b')!.destinations).toEqual([
      { coreId: id('m'), pooling: 2 },
    ]);

    const c = conv({ name: 'c', from: 'input', inputShape: [2, 16, 16], out: 4, k: 3, padding: 1 }, 4);
    const e = compileError(() => compile(network([2, 16, 16], [a, b, c]), dynapcnn9));
    expect(e.details.join('\n')).toMatch(
      /input "input" feeds 3 layers \("a", "b", "c"\), a core sends to at most 2/,
    );

    const p8 = conv({ name: 'p8', from: 'a', inputShape: [4, 2, 2], out: 4, k: 1, pooling: 8 }, 5);
    const e8 = compileError(() => compile(network([2, 16, 16], [a, p8]), dynapcnn9));
    expect(e8.details.join('\n')).toMatch(
      /layer "p8": pooling 8x8 of its source "a" is not supported \(allowed: 1, 2, 4\)/,
    );

    const bad = { ...m, inputShape: [4, 16, 16] as [number, number, number] };
    const em = compileError(() => compile(network([2, 16, 16], [a, b, bad]), dynapcnn9));
    expect(em.details.join('\n')).toMatch(/the two inputs of a merge must have the same shape/);
  });

  it('a layer whose kernel and neuron needs sit on different cores fits no core', () => {
    // kernel: 64 * 16 * 64 = 64Ki (cores 5, 6 only); neuron: 64 * 16 * 32 = 32Ki (cores 0..4 only)
    const pre = conv({ name: 'pre', from: 'input', inputShape: [2, 16, 32], out: 64, k: 1 }, 1);
    const x = conv({ name: 'x', from: 'pre', inputShape: [64, 16, 32], out: 64, k: 3, padding: 1 }, 2);
    const e = compileError(() => compile(network([2, 16, 32], [pre, x]), dynapcnn9));
    expect(e.details.join('\n')).toMatch(
      /layer "x": needs kernel memory 65536 words \(64Ki\) \(cores 5, 6\) and neuron memory 32768 words \(32Ki\) \(cores 0, 1, 2, 3, 4\): no core has both/,
    );
  });

  it('warns about weights quantized to 0 and all-zero layers', () => {
    const q = nmnistLike();
    q.layers[1] = { ...q.layers[1], stats: { ...q.layers[1].stats, zeroedWeightShare: 0.125 } };
    q.layers[2] = { ...q.layers[2], weight: new Int8Array(q.layers[2].weight.length) };
    const { report } = compile(q, dynapcnn9);
    expect(report.warnings.join('\n')).toMatch(
      /layer "conv2": 12.5% of its weights were non-zero and quantized to 0/,
    );
    expect(report.warnings.join('\n')).toMatch(/layer "conv3": every weight is 0/);
  });

  it('input options: crop and flips go into the input layer', () => {
    const q = nmnistLike();
    const { config } = compile(q, dynapcnn9, {
      input: { sensorShape: [128, 128], crop: [10, 20, 44, 54], flipX: true },
    });
    expect(config.input.shape).toEqual([2, 128, 128]);
    expect(config.input.crop).toEqual([10, 20, 44, 54]);
    expect(config.input.flipX).toBe(true);
    expect(() => compile(q, dynapcnn9, { input: { sensorShape: [128, 128], crop: [0, 0, 30, 34] } })).toThrow(
      /gives a 30x34 map/,
    );
  });

  it('rejects an input layer with more than two polarities and names unknown sources', () => {
    const q = network([3, 8, 8], [conv({ name: 'c', from: 'input', inputShape: [3, 8, 8], out: 4, k: 3 })]);
    expect(compileError(() => compile(q, dynapcnn9)).details.join('\n')).toMatch(
      /3 channels, the input layer takes at most 2/,
    );
    const g = network([2, 8, 8], [conv({ name: 'c', from: 'nowhere', inputShape: [2, 8, 8], out: 4, k: 3 })]);
    expect(() => compile(g, dynapcnn9)).toThrow(/reads "nowhere"/);
  });

  it('linear on a large map is a kernel-size error with a hint to pool first', () => {
    const q = network([2, 34, 34], [linear('fc', 'input', [2, 34, 34], 10)]);
    const e = compileError(() => compile(q, dynapcnn9));
    expect(e.details.join('\n')).toMatch(
      /layer "fc": a linear layer on a 34x34 map needs a 34x34 kernel, the largest is 16x16/,
    );
    // A non-square map is told the same, not in terms of the padding that cannot make it square.
    const wide = network([1, 4, 36], [linear('fc', 'input', [1, 4, 36], 10)]);
    expect(compileError(() => compile(wide, dynapcnn9)).details).toEqual([
      'layer "fc": a linear layer on a 4x36 map needs a 36x36 kernel, the largest is 16x16: pool (or stride) the map down to 16x16 or less before this layer',
    ]);
  });

  it('refuses a network without a weighted layer: there is nothing to put on a core', () => {
    const pools = net({ input: { shape: [2, 8, 8] }, layers: [{ type: 'sumpool2d', name: 'p', kernel: 2 }] });
    const e = errorOf(() => compile(quantize(pools, dynapcnn9), dynapcnn9));
    expect([e.code, e.message]).toEqual([
      'GRAPH',
      'the network has no weighted layer (conv2d or linear): there is nothing to put on a core',
    ]);
    expect(e.hint).toMatch(/a chip layer is a conv2d or linear layer followed by an IF layer/);
  });
});

describe('a network filling all nine cores', () => {
  it('places every layer on the one kind of core it fits, near the memory limits', () => {
    const spec: [number, number, number, number, number, number][] = [
      // [C, H, F, stride, pooling-from-previous, kernel]: maps are square
      [2, 128, 4, 1, 1, 3],
      [4, 64, 16, 1, 2, 3],
      [16, 32, 64, 1, 2, 3],
      [64, 32, 32, 1, 1, 3],
      [32, 32, 64, 2, 1, 3],
      [64, 16, 64, 1, 1, 3],
      [64, 16, 64, 1, 1, 3],
      [64, 8, 16, 1, 2, 3],
    ];
    const layers = spec.map(([c, h, f, s, pool, k], i) =>
      conv(
        {
          name: `l${i}`,
          from: i === 0 ? 'input' : `l${i - 1}`,
          inputShape: [c, h, h],
          out: f,
          k,
          stride: s,
          padding: 1,
          pooling: pool,
        },
        i,
      ),
    );
    layers.push(linear('l8', 'l7', [16, 8, 8], 16, 1));
    const { config, report } = compile(network([2, 128, 128], layers), dynapcnn9);
    const core = (l: string) => config.cores.find((c) => c.layer === l)!.coreId;
    expect([core('l0'), core('l1'), core('l2')].sort()).toEqual([0, 1, 2]);
    expect([core('l3'), core('l4')].sort()).toEqual([3, 4]);
    expect([core('l5'), core('l6')].sort()).toEqual([5, 6]);
    expect([core('l7'), core('l8')].sort()).toEqual([7, 8]);
    expect(report.totals.coresUsed).toBe(9);
    expect(report.layers.find((l) => l.layer === 'l5')!.kernelMemory.percent).toBe(100);
  });
});

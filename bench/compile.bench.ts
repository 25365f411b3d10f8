/**
 * Compile speed: the N-MNIST CSNN of the NIR paper (quantize + compile, and each stage alone) and a
 * network that fills all nine cores of dynapcnn9 near their memory limits. Prints medians in ms.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dynapcnn9 } from '../src/chip/index.ts';
import { compile, compileNetwork } from '../src/compiler/index.ts';
import { configFromRegisterWrites, decodeImage, encodeImage, registerWrites } from '../src/image/index.ts';
import { loadNetwork } from '../src/network/index.ts';
import type { Shape3 } from '../src/network/schema.ts';
import type { QuantizedLayer, QuantizedNetwork } from '../src/quantize/types.ts';

function median(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  fn(); // warm-up
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const outSize = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

function layer(
  name: string,
  from: string,
  inputShape: Shape3,
  f: number,
  k: number,
  s: number,
  p: number,
  pooling: number,
  kind: 'conv2d' | 'linear' = 'conv2d',
): QuantizedLayer {
  const [c, h, w] = inputShape;
  const linear = kind === 'linear';
  const outputShape: Shape3 = linear ? [f, 1, 1] : [f, outSize(h, k, s, p), outSize(w, k, s, p)];
  const n = linear ? f * c * h * w : f * c * k * k;
  const weight = new Int8Array(n);
  for (let i = 0; i < n; i++) weight[i] = ((i * 7919) % 255) - 127;
  return {
    name,
    weightName: `${name}.w`,
    kind,
    sources: [{ from, pooling: [pooling, pooling] }],
    inputShape,
    outputShape,
    weightShape: linear ? [f, c * h * w] : [f, c, k, k],
    weight,
    bias: Int16Array.from({ length: f }, (_, i) => (i % 11) - 5),
    stride: linear ? [1, 1] : [s, s],
    padding: linear ? [0, 0] : [p, p],
    thresholdHigh: 1000,
    thresholdLow: -1000,
    reset: 'subtract',
    initialState: null,
    stats: { scale: 1, limitedBy: 'weights', maxWeightError: 0, zeroedWeightShare: 0, zeroWeightShare: 0 },
  };
}

/** Nine layers, each close to the memory of one kind of core (64Ki neuron; 32Ki/32Ki; 64Ki kernel; 16Ki/16Ki). */
export function fullChip(): QuantizedNetwork {
  const layers = [
    layer('l0', 'input', [2, 128, 128], 4, 3, 1, 1, 1), // neuron 64Ki
    layer('l1', 'l0', [4, 64, 64], 16, 3, 1, 1, 2), // neuron 64Ki
    layer('l2', 'l1', [16, 32, 32], 64, 3, 1, 1, 2), // kernel 16Ki, neuron 64Ki
    layer('l3', 'l2', [64, 32, 32], 32, 3, 1, 1, 1), // kernel 32Ki, neuron 32Ki
    layer('l4', 'l3', [32, 32, 32], 64, 3, 2, 1, 1), // kernel 32Ki, neuron 16Ki
    layer('l5', 'l4', [64, 16, 16], 64, 3, 1, 1, 1), // kernel 64Ki, neuron 16Ki
    layer('l6', 'l5', [64, 16, 16], 64, 3, 1, 1, 1), // kernel 64Ki, neuron 16Ki
    layer('l7', 'l6', [64, 8, 8], 16, 3, 1, 1, 2), // kernel 16Ki
    layer('l8', 'l7', [16, 8, 8], 16, 8, 1, 0, 1, 'linear'), // kernel 16Ki
  ];
  return {
    name: 'full-chip',
    sourceHash: 'cd'.repeat(32),
    input: { name: 'input', shape: [2, 128, 128] },
    layers,
    notes: [],
  };
}

export async function run(): Promise<void> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const nirPath = join(here, '..', '..', 'shared', 'fixtures', 'nir', 'cnn_sinabs_nir020.nir');
  const t = performance.now();
  const network = await loadNetwork(nirPath);
  const loadMs = performance.now() - t;
  const nmnist = compileNetwork(network, dynapcnn9);
  const full = compile(fullChip(), dynapcnn9);
  const fullImage = encodeImage(full.config);

  const rows: [string, number][] = [
    ['N-MNIST CSNN: quantize + compile', median(() => compileNetwork(network, dynapcnn9), 20)],
    ['N-MNIST CSNN: compile only', median(() => compile(nmnist.quantized, dynapcnn9), 20)],
    ['N-MNIST CSNN: encodeImage', median(() => encodeImage(nmnist.config), 20)],
    ['full chip (9 cores): compile', median(() => compile(fullChip(), dynapcnn9), 10)],
    ['full chip: encodeImage', median(() => encodeImage(full.config), 10)],
    ['full chip: decodeImage', median(() => decodeImage(fullImage), 10)],
    ['full chip: registerWrites', median(() => registerWrites(full.config, dynapcnn9), 10)],
    [
      'full chip: configFromRegisterWrites',
      median(() => configFromRegisterWrites(registerWrites(full.config, dynapcnn9), dynapcnn9), 5),
    ],
  ];
  console.log(`N-MNIST CSNN load (NIR, once): ${loadMs.toFixed(1)} ms`);
  console.log(
    `full chip: ${full.config.cores.length} cores, kernel ${full.report.totals.kernelMemory.percent}% / neuron ${full.report.totals.neuronMemory.percent}% of the chip, image ${fullImage.length} bytes`,
  );
  for (const [name, ms] of rows) console.log(`${name.padEnd(40)} ${ms.toFixed(2).padStart(9)} ms`);
  const byName = new Map(rows);
  const ratio = byName.get('full chip (9 cores): compile')! / byName.get('N-MNIST CSNN: compile only')!;
  console.log(`full chip compile / N-MNIST compile: ${ratio.toFixed(1)}x`);
}

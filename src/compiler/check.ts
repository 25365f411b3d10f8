/**
 * The chip's limits, checked on a lowered layer. Every broken limit is one line naming the layer, the
 * limit, the value, and what to change; nothing stops at the first.
 */
import type { ChipProfile } from '../chip/profile.ts';
import { checkCore } from '../image/limits.ts';
import type { QuantizedLayer } from '../quantize/types.ts';
import type { LoweredLayer } from './lower.ts';
import { log2Ceil, type MemoryDemand, wordsText } from './memory.ts';
import { candidateCores } from './place.ts';

const listText = (xs: readonly number[]): string => xs.join(', ');

/** Geometry, channels, thresholds and value ranges of one layer: the chip's rules of one core. */
export function checkLayer(q: QuantizedLayer, l: LoweredLayer, profile: ChipProfile): string[] {
  return checkCore(
    {
      label: l.label,
      kind: l.kind,
      inputShape: l.inputShape,
      outputShape: l.outputShape,
      kernelSize: l.kernelSize,
      stride: l.stride,
      padding: l.padding,
      thresholdHigh: q.thresholdHigh,
      thresholdLow: q.thresholdLow,
      biases: q.bias,
      initialState: q.initialState,
    },
    profile,
  );
}

/** Memory against the largest core of each kind, then against any single core holding all three. */
export function checkMemory(l: LoweredLayer, d: MemoryDemand, profile: ChipProfile): string[] {
  const errors: string[] = [];
  const at = l.label;
  const [c] = l.inputShape;
  const [f, outH, outW] = l.outputShape;
  const maxKernel = Math.max(...profile.cores.map((x) => x.kernelMemory));
  const maxNeuron = Math.max(...profile.cores.map((x) => x.neuronMemory));
  const maxBias = Math.max(...profile.cores.map((x) => x.biasMemory));
  if (d.kernel > maxKernel) {
    const taps = 2 ** log2Ceil(l.kernelSize * l.kernelSize);
    const fMax = 2 ** Math.floor(Math.log2(maxKernel / (c * taps)));
    const cMax = Math.floor(maxKernel / (taps * 2 ** log2Ceil(f)));
    const hint =
      fMax >= 1
        ? `reduce output channels from ${f} to ${fMax}, or the kernel`
        : cMax >= 1
          ? `reduce input channels from ${c} to ${cMax}, or the kernel`
          : 'reduce the kernel size and the channels';
    errors.push(
      `${at}: kernel memory ${wordsText(d.kernel)} exceeds the largest core (${maxKernel}): ${hint}`,
    );
  }
  if (d.neuron > maxNeuron) {
    const cells = 2 ** (log2Ceil(outH) + log2Ceil(outW));
    const fMax = Math.floor(maxNeuron / cells);
    const hint =
      fMax >= 1
        ? `reduce output channels from ${f} to ${fMax}, or the output map ${outH}x${outW} (larger stride, or pool before this layer)`
        : `reduce the output map ${outH}x${outW} (larger stride, or pool before this layer)`;
    errors.push(
      `${at}: neuron memory ${wordsText(d.neuron)} exceeds the largest core (${maxNeuron}): ${hint}`,
    );
  }
  if (d.bias > maxBias) {
    errors.push(
      `${at}: bias memory ${d.bias} entries exceeds the largest core (${maxBias}): reduce output channels from ${f} to ${maxBias}, or drop the bias`,
    );
  }
  if (errors.length === 0 && candidateCores({ layer: l.name, ...d }, profile).length === 0) {
    const kernelCores = profile.cores.filter((x) => d.kernel <= x.kernelMemory).map((x) => x.id);
    const neuronCores = profile.cores.filter((x) => d.neuron <= x.neuronMemory).map((x) => x.id);
    errors.push(
      `${at}: needs kernel memory ${wordsText(d.kernel)} (cores ${listText(kernelCores)}) and neuron memory ${wordsText(d.neuron)} (cores ${listText(neuronCores)}): no core has both; reduce the channels or the output map`,
    );
  }
  return errors;
}

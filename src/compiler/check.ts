/**
 * The chip's limits, checked on a lowered layer. Every broken limit is one line naming the layer, the
 * limit, the value, and what to change; nothing stops at the first.
 */
import type { ChipProfile } from '../chip/profile.ts';
import type { QuantizedLayer } from '../quantize/types.ts';
import { kernelSizeError, type LoweredLayer } from './lower.ts';
import { convOutputSize, log2Ceil, type MemoryDemand, wordsText } from './memory.ts';
import { candidateCores } from './place.ts';

const listText = (xs: readonly number[]): string => xs.join(', ');

/** Geometry, channels, thresholds and value ranges of one layer. */
export function checkLayer(q: QuantizedLayer, l: LoweredLayer, profile: ChipProfile): string[] {
  const errors: string[] = [];
  const at = l.label;
  const [c, h, w] = l.inputShape;
  const [f, outH, outW] = l.outputShape;
  const tooLarge = kernelSizeError(at, l.kind, h, w, l.kernelSize, profile);
  if (tooLarge) errors.push(tooLarge);
  // One line for both axes when they agree (the usual square case), one per axis otherwise.
  const axes: [string, number][] =
    l.stride[0] === l.stride[1] && l.padding[0] === l.padding[1]
      ? [['y, x', 0]]
      : [
          ['y', 0],
          ['x', 1],
        ];
  axes.forEach(([axis, i]) => {
    if (!profile.strides.includes(l.stride[i])) {
      errors.push(
        `${at}: stride ${l.stride[i]} (${axis}) is not supported (allowed: ${listText(profile.strides)}): use one of these strides`,
      );
    }
    if (l.padding[i] > profile.paddingMax) {
      errors.push(
        `${at}: padding ${l.padding[i]} (${axis}) exceeds the maximum ${profile.paddingMax}: reduce the padding or crop the input`,
      );
    }
  });
  if (c > profile.channelsMax) {
    errors.push(
      `${at}: ${c} input channels exceed the maximum ${profile.channelsMax}: reduce the channels of the layer before`,
    );
  }
  if (f > profile.channelsMax) {
    errors.push(
      `${at}: ${f} output channels exceed the maximum ${profile.channelsMax}: reduce output channels from ${f} to ${profile.channelsMax}`,
    );
  }
  const mapMax = `${profile.mapHeightMax}x${profile.mapWidthMax}`;
  if (h > profile.mapHeightMax || w > profile.mapWidthMax) {
    errors.push(`${at}: input map ${h}x${w} exceeds ${mapMax}: pool or crop before this layer`);
  }
  if (outH > profile.mapHeightMax || outW > profile.mapWidthMax) {
    errors.push(`${at}: output map ${outH}x${outW} exceeds ${mapMax}: use a larger stride or less padding`);
  }
  const gotH = convOutputSize(h, l.kernelSize, l.stride[0], l.padding[0]);
  const gotW = convOutputSize(w, l.kernelSize, l.stride[1], l.padding[1]);
  if (gotH !== outH || gotW !== outW) {
    errors.push(
      `${at}: output map ${outH}x${outW} does not follow from input ${h}x${w}, kernel ${l.kernelSize}, stride ${l.stride.join(',')}, padding ${l.padding.join(',')} (that gives ${gotH}x${gotW}): re-run quantize on the source network`,
    );
  }
  const stateMax = 2 ** (profile.stateBits - 1) - 1;
  const stateMin = -(2 ** (profile.stateBits - 1));
  if (!Number.isInteger(q.thresholdHigh) || q.thresholdHigh <= 0 || q.thresholdHigh > stateMax) {
    errors.push(
      `${at}: threshold_high ${q.thresholdHigh} is outside 1..${stateMax} (${profile.stateBits}-bit): rescale the layer's weights and threshold`,
    );
  }
  if (!Number.isInteger(q.thresholdLow) || q.thresholdLow < stateMin || q.thresholdLow > stateMax) {
    errors.push(
      `${at}: threshold_low ${q.thresholdLow} is outside ${stateMin}..${stateMax} (${profile.stateBits}-bit): raise the membrane floor`,
    );
  }
  if (q.bias) {
    const biasMax = 2 ** (profile.biasBits - 1) - 1;
    const biasMin = -(2 ** (profile.biasBits - 1));
    const bad = q.bias.findIndex((b) => b < biasMin || b > biasMax);
    if (q.bias.length !== f) {
      errors.push(`${at}: ${q.bias.length} biases for ${f} output channels: re-run quantize`);
    } else if (bad >= 0) {
      errors.push(
        `${at}: bias[${bad}] = ${q.bias[bad]} is outside ${biasMin}..${biasMax} (${profile.biasBits}-bit): re-run quantize`,
      );
    }
  }
  if (q.initialState && q.initialState.length !== f * outH * outW) {
    errors.push(
      `${at}: initial state holds ${q.initialState.length} values, the output map ${f}x${outH}x${outW} needs ${f * outH * outW}: give one value per neuron`,
    );
  }
  return errors;
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

/**
 * The chip's limits as rules on one core and on a whole configuration: the compiler checks a layer
 * with `checkCore` before it builds an image, and a decoded image (on the host before a flash, in
 * `inspect`, on the board before commit) is checked with `checkConfig`, the same rules plus what only
 * a placed configuration has: its core's memory, routes, input window and register address space.
 * Every broken limit is one line naming the core or layer, the limit, the value, and what to change.
 */
import type { ChipProfile } from '../chip/profile.ts';
import { SpikeforgeError } from '../errors.ts';
import type { Shape3 } from '../network/schema.ts';
import { fmtShape } from '../network/shapes.ts';
import type { ChipConfig, CoreConfig, Destination } from './config.ts';
import { evaluationOrder } from './config.ts';
import { HEADER_SIZE } from './image.ts';
import { convOutputSize, kernelMemory, neuronMemory, wordsText } from './memory.ts';
import { REGISTER_INDEX_LIMIT } from './registers.ts';

const listText = (xs: readonly number[]): string => xs.join(', ');

/** What the rules of one core read: its geometry and its values. */
export interface CoreRules
  extends Pick<CoreConfig, 'inputShape' | 'outputShape' | 'kernelSize' | 'stride' | 'padding'> {
  /** How messages name it: `layer "if3"`, `core 2 ("if3")`. */
  label: string;
  kind?: 'conv2d' | 'linear';
  thresholdHigh: number;
  thresholdLow: number;
  biases: ArrayLike<number> | null;
  initialState: ArrayLike<number> | null;
}

/** The error of a k x k kernel larger than the chip's, or undefined. */
export function kernelSizeError(
  at: string,
  kind: 'conv2d' | 'linear',
  h: number,
  w: number,
  k: number,
  profile: ChipProfile,
): string | undefined {
  const max = profile.kernelSizeMax;
  if (k <= max) return undefined;
  return kind === 'linear'
    ? `${at}: a linear layer on a ${h}x${w} map needs a ${k}x${k} kernel, the largest is ${max}x${max}: pool (or stride) the map down to ${max}x${max} or less before this layer`
    : `${at}: kernel ${k}x${k} exceeds the largest kernel ${max}x${max}: use a smaller kernel, or two layers`;
}

/** Geometry, channels, thresholds and value ranges of one layer (the compiler's) or core (an image's). */
export function checkCore(l: CoreRules, profile: ChipProfile): string[] {
  const q = l;
  const errors: string[] = [];
  const at = l.label;
  const [c, h, w] = l.inputShape;
  const [f, outH, outW] = l.outputShape;
  const tooLarge = kernelSizeError(at, l.kind ?? 'conv2d', h, w, l.kernelSize, profile);
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
  if (q.biases) {
    const biasMax = 2 ** (profile.biasBits - 1) - 1;
    const biasMin = -(2 ** (profile.biasBits - 1));
    const bad = Array.from(q.biases).findIndex((b) => b < biasMin || b > biasMax);
    if (q.biases.length !== f) {
      errors.push(`${at}: ${q.biases.length} biases for ${f} output channels: re-run quantize`);
    } else if (bad >= 0) {
      errors.push(
        `${at}: bias[${bad}] = ${q.biases[bad]} is outside ${biasMin}..${biasMax} (${profile.biasBits}-bit): re-run quantize`,
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

/** A core's placed memory against that core's own resources, and its register regions against 20 bits. */
function checkPlacedCore(c: CoreConfig, profile: ChipProfile, at: string): string[] {
  const errors: string[] = [];
  const res = profile.cores[c.coreId];
  if (!res) return [`${at}: ${profile.id} has cores 0..${profile.cores.length - 1}`];
  const [f] = c.outputShape;
  const kernel = kernelMemory(c.inputShape[0], c.kernelSize, f);
  const neuron = neuronMemory(c.outputShape);
  if (kernel > res.kernelMemory)
    errors.push(
      `${at}: kernel memory ${wordsText(kernel)} exceeds core ${c.coreId}'s ${wordsText(res.kernelMemory)}: recompile the network`,
    );
  if (neuron > res.neuronMemory)
    errors.push(
      `${at}: neuron memory ${wordsText(neuron)} exceeds core ${c.coreId}'s ${wordsText(res.neuronMemory)}: recompile the network`,
    );
  if (c.biases && f > res.biasMemory)
    errors.push(
      `${at}: ${f} biases exceed core ${c.coreId}'s bias memory of ${res.biasMemory} entries: recompile the network`,
    );
  const regions: [string, number][] = [
    ['kernel', Math.ceil(c.weights.length / 4)],
    ['state', c.initialState ? Math.ceil(c.initialState.length / 2) : 0],
    ['bias', c.biases ? c.biases.length : 0],
  ];
  for (const [region, words] of regions) {
    if (words > REGISTER_INDEX_LIMIT)
      errors.push(
        `${at}: its ${region} region needs ${words} register words, the 20-bit register index addresses ${REGISTER_INDEX_LIMIT}`,
      );
  }
  return errors;
}

/** Destinations of a source (a core or the input): how many, their pooling, and the shapes that meet. */
function checkRoutes(
  from: string,
  shape: Shape3,
  ds: Destination[],
  max: number,
  poolings: readonly number[],
  byId: Map<number, CoreConfig>,
): string[] {
  const errors: string[] = [];
  if (ds.length > max) errors.push(`${from} sends to ${ds.length} cores, at most ${max} allowed`);
  for (const d of ds) {
    if (!poolings.includes(d.pooling))
      errors.push(
        `${from} pools ${d.pooling}x${d.pooling} towards core ${d.coreId} (allowed: ${listText(poolings)})`,
      );
    const to = byId.get(d.coreId);
    if (!to) continue;
    const pooled: Shape3 = [shape[0], Math.floor(shape[1] / d.pooling), Math.floor(shape[2] / d.pooling)];
    if (pooled.some((v, i) => v !== to.inputShape[i]))
      errors.push(
        `${from} gives ${fmtShape(pooled)} after pooling ${d.pooling}, core ${d.coreId} ("${to.layer}") reads ${fmtShape(to.inputShape)}`,
      );
  }
  return errors;
}

/**
 * Every chip limit a configuration breaks (empty: it fits): the compiler's rules per core, each core's
 * memory and register space, the routes and the input window. A decoded image is checked with this
 * before anything is allocated for it (emulator, register writes) or sent.
 */
export function checkConfig(config: ChipConfig, profile: ChipProfile): string[] {
  const errors: string[] = [];
  if (config.chip !== profile.id)
    return [`the configuration is for chip "${config.chip}", not "${profile.id}"`];
  const byId = new Map(config.cores.map((c) => [c.coreId, c]));
  const input = config.input;
  const [p, h, w] = input.shape;
  const lim = profile.input;
  if (p < 1 || p > lim.polaritiesMax)
    errors.push(`input: ${p} polarities, the chip takes 1..${lim.polaritiesMax}`);
  if (h < 1 || w < 1 || h > lim.heightMax || w > lim.widthMax)
    errors.push(`input: map ${h}x${w} is outside 1x1..${lim.heightMax}x${lim.widthMax}`);
  const [y0, x0, y1, x1] = input.crop;
  if (!(y0 < y1 && y1 <= h && x0 < x1 && x1 <= w))
    errors.push(`input: crop [${input.crop.join(', ')}] is not a window of the ${h}x${w} input map`);
  const cropped: Shape3 = input.swapXY ? [p, x1 - x0, y1 - y0] : [p, y1 - y0, x1 - x0];
  errors.push(
    ...checkRoutes('the input', cropped, input.destinations, lim.destinationsMax, lim.poolings, byId),
  );
  for (const c of config.cores) {
    const at = `core ${c.coreId} ("${c.layer}")`;
    errors.push(...checkCore({ ...c, label: at }, profile));
    errors.push(...checkPlacedCore(c, profile, at));
    const out: Shape3 = c.outputShape;
    errors.push(...checkRoutes(at, out, c.destinations, profile.destinationsMax, profile.poolings, byId));
  }
  try {
    evaluationOrder(config);
  } catch (e) {
    errors.push((e as Error).message);
  }
  return errors;
}

/** Throws IMAGE_FORMAT listing every limit the configuration of `source` breaks. */
export function assertFitsChip(config: ChipConfig, profile: ChipProfile, source = 'image'): void {
  const errors = checkConfig(config, profile);
  if (errors.length === 0) return;
  throw new SpikeforgeError(
    'IMAGE_FORMAT',
    `${source} does not fit ${profile.id}: ${errors.length === 1 ? errors[0] : `${errors.length} limits broken`}`,
    {
      hint: 'compile the network again with this spikeforge (`spikeforge compile`); the compiler refuses what the chip cannot run',
      details: errors.length > 1 ? errors : [],
    },
  );
}

/**
 * The largest image a configuration of this chip can be: every core at its full memories, every name
 * at its longest. A declared image size above it (ConfigBegin, DeviceInfo) is not an image of this chip.
 */
export function maxImageSize(profile: ChipProfile): number {
  const section = 8;
  const destinations = 2 * Math.max(profile.destinationsMax, profile.input.destinationsMax);
  const name = 4 + 0xffff;
  let size = HEADER_SIZE + 4 + section + 16 + destinations + section + 2 + name;
  for (const c of profile.cores) {
    size += section + 24 + destinations + c.kernelMemory + 2 * c.biasMemory + 2 * c.neuronMemory + name;
  }
  return size;
}

/** `spikeforge inspect <image>`: what an image configures, as text for people and as JSON for tools. */
import { getProfile } from '../chip/index.ts';
import type { ChipConfig, CoreConfig } from '../image/config.ts';
import { decodeImage } from '../image/image.ts';
import { checkConfig } from '../image/limits.ts';
import { registerWrites } from '../image/registers.ts';
import { kernelMemory, neuronMemory } from './memory.ts';

function valueStats(values: ArrayLike<number>): { count: number; nonZero: number; min: number; max: number } {
  let nonZero = 0;
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0) nonZero++;
    if (i === 0 || v < min) min = v;
    if (i === 0 || v > max) max = v;
  }
  return { count: values.length, nonZero, min, max };
}

function coreJson(c: CoreConfig, config: ChipConfig) {
  const layerOf = (id: number): string | null => config.cores.find((x) => x.coreId === id)?.layer ?? null;
  return {
    coreId: c.coreId,
    layer: c.layer,
    inputShape: c.inputShape,
    outputShape: c.outputShape,
    kernelSize: c.kernelSize,
    stride: c.stride,
    padding: c.padding,
    weights: valueStats(c.weights),
    biases: c.biases ? valueStats(c.biases) : null,
    thresholdHigh: c.thresholdHigh,
    thresholdLow: c.thresholdLow,
    reset: c.reset,
    initialState: c.initialState ? valueStats(c.initialState) : null,
    destinations: c.destinations.map((d) => ({
      coreId: d.coreId,
      layer: layerOf(d.coreId),
      pooling: d.pooling,
    })),
    monitor: c.monitor,
    kernelMemory: kernelMemory(c.inputShape[0], c.kernelSize, c.outputShape[0]),
    neuronMemory: neuronMemory(c.outputShape),
  };
}

export function inspectImage(
  bytes: Uint8Array,
  source = 'image',
): { config: ChipConfig; text: string; json: object; problems: string[] } {
  const config = decodeImage(bytes, source);
  const profile = getProfile(config.chip);
  // What the chip cannot run is listed, not hidden: the board and `flash` refuse such an image.
  const problems = checkConfig(config, profile);
  const cores = config.cores.map((c) => coreJson(c, config));
  const input = config.input;
  const json = {
    format: 'spikeforge.image',
    formatVersion: config.formatVersion,
    chip: config.chip,
    sourceHash: config.sourceHash,
    sizeBytes: bytes.length,
    registerWrites: problems.length === 0 ? registerWrites(config, profile).length : null,
    fits: problems.length === 0,
    problems,
    input: {
      ...input,
      destinations: input.destinations.map((d) => ({
        ...d,
        layer: config.cores.find((c) => c.coreId === d.coreId)?.layer ?? null,
      })),
    },
    cores,
  };
  const lines = [
    `${source}: spikeforge image v${config.formatVersion} for ${config.chip}, ${bytes.length} bytes, ${json.registerWrites ?? 'no'} register writes`,
    `source network sha256 ${config.sourceHash}`,
    `input "${input.name}" ${input.shape.join('x')}, crop [${input.crop.join(', ')}]${input.flipX ? ', flip x' : ''}${input.flipY ? ', flip y' : ''}${input.swapXY ? ', swap x/y' : ''} -> ${json.input.destinations.map((d) => `${d.layer}@${d.coreId}${d.pooling > 1 ? ` pool ${d.pooling}` : ''}`).join(', ') || '(nothing)'}`,
  ];
  for (const c of cores) {
    const to = c.destinations
      .map((d) => `${d.layer}@${d.coreId}${d.pooling > 1 ? ` pool ${d.pooling}` : ''}`)
      .join(', ');
    lines.push(
      `core ${c.coreId}: "${c.layer}"${c.monitor ? ' (monitored)' : ''} ${c.inputShape.join('x')} -> ${c.outputShape.join('x')}, kernel ${c.kernelSize}, stride ${c.stride.join(',')}, padding ${c.padding.join(',')}; ` +
        `${c.weights.count} weights (${c.weights.nonZero} non-zero, ${c.weights.min}..${c.weights.max}), ` +
        `${c.biases ? `bias ${c.biases.min}..${c.biases.max}` : 'no bias'}, threshold ${c.thresholdHigh}/${c.thresholdLow}, reset ${c.reset}` +
        `${c.initialState ? `, initial state (${c.initialState.nonZero} non-zero)` : ''}; kernel ${c.kernelMemory}, neuron ${c.neuronMemory} words -> ${to || '(host)'}`,
    );
  }
  if (problems.length > 0) {
    lines.push(`does not fit ${profile.id} (the board refuses it):`, ...problems.map((p) => `  ${p}`));
  }
  return { config, text: `${lines.join('\n')}\n`, json, problems };
}

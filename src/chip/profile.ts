/**
 * A chip profile: every number the compiler, the emulator and the simulated board need about a chip.
 * Data only: a new chip is a new profile file, not a fork of the code.
 */
export interface CoreResources {
  id: number;
  /** Kernel (weight) memory in words. */
  kernelMemory: number;
  /** Neuron (state) memory in words. */
  neuronMemory: number;
  /** Bias memory in entries. */
  biasMemory: number;
}

export interface ChipProfile {
  /** Short id used on the command line and in images, e.g. "dynapcnn9". */
  id: string;
  /** Numeric id written into image headers and DeviceInfo. */
  code: number;
  name: string;
  cores: CoreResources[];
  /** Bit widths: weights and biases are quantized to `weightBits`; state and thresholds to `stateBits`. */
  weightBits: number;
  biasBits: number;
  /** Biases are stored in this many bits (quantized to `biasBits`). */
  biasStorageBits: number;
  stateBits: number;
  kernelSizeMax: number;
  strides: number[];
  paddingMax: number;
  /** Sum pooling sizes a destination may apply (square, stride = size). */
  poolings: number[];
  mapHeightMax: number;
  mapWidthMax: number;
  channelsMax: number;
  /** Destinations (fan-out) per core. */
  destinationsMax: number;
  input: {
    heightMax: number;
    widthMax: number;
    polaritiesMax: number;
    poolings: number[];
    destinationsMax: number;
  };
  /** Device time of one step, in microseconds. */
  stepMicros: number;
  /**
   * Synaptic operations one core can process per step before it stalls or drops events (an estimate
   * for capacity planning: the emulator warns above it, it never drops).
   */
  synopsPerCorePerStep: number;
}

/** The signed range of a chip's neuron state (`stateBits`), which thresholds and membranes live in. */
export function stateRange(p: Pick<ChipProfile, 'stateBits'>): { min: number; max: number } {
  return { min: -(2 ** (p.stateBits - 1)), max: 2 ** (p.stateBits - 1) - 1 };
}

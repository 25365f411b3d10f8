import type { ChipProfile } from './profile.ts';

const Ki = 1024;
const kernel = [16, 16, 16, 32, 32, 64, 64, 16, 16];
const neuron = [64, 64, 64, 32, 32, 16, 16, 16, 16];

/** The 9-core DYNAP-CNN / Speck-class chip of ../shared/docs/chip-spec.md (figures as sinabs encodes them). */
export const dynapcnn9: ChipProfile = {
  id: 'dynapcnn9',
  code: 1,
  name: 'DYNAP-CNN class, 9 cores',
  cores: kernel.map((k, id) => ({
    id,
    kernelMemory: k * Ki,
    neuronMemory: neuron[id] * Ki,
    biasMemory: 1024,
  })),
  weightBits: 8,
  biasBits: 8,
  biasStorageBits: 16,
  stateBits: 16,
  kernelSizeMax: 16,
  strides: [1, 2, 4, 8],
  paddingMax: 7,
  poolings: [1, 2, 4],
  mapHeightMax: 128,
  mapWidthMax: 128,
  channelsMax: 1024,
  destinationsMax: 2,
  input: { heightMax: 128, widthMax: 128, polaritiesMax: 2, poolings: [1, 2, 4], destinationsMax: 2 },
  stepMicros: 1000,
  synopsPerCorePerStep: 500_000,
};

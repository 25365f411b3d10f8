/** The samna boards (names as sinabs' chip_factory.py and io.py use them), without the export's schema. */
import { SpikeforgeError } from '../errors.ts';

/** The samna boards spikeforge exports for: the module family of their classes and samna's device type name. */
export const SAMNA_CHIPS = {
  speck2fdevkit: { family: 'speck2f', deviceType: 'Speck2fDevKit' },
  speck2fmodule: { family: 'speck2f', deviceType: 'Speck2fModuleDevKit' },
  speck2edevkit: { family: 'speck2e', deviceType: 'Speck2eDevKit' },
} as const;

export type SamnaChip = keyof typeof SAMNA_CHIPS;

/** The samna chip of a name; an unknown name is a usage error listing the known ones. */
export function samnaChip(name: string): SamnaChip {
  if (Object.hasOwn(SAMNA_CHIPS, name)) return name as SamnaChip;
  throw new SpikeforgeError(
    'USAGE',
    `unknown samna chip "${name}": known are ${Object.keys(SAMNA_CHIPS).join(', ')}`,
  );
}

import { SpikeforgeError } from '../errors.ts';
import { dynapcnn9 } from './dynapcnn9.ts';
import type { ChipProfile } from './profile.ts';

export type { ChipProfile, CoreResources } from './profile.ts';
export { stateRange } from './profile.ts';
export { dynapcnn9 };

/** Every chip profile spikeforge knows. Adding a chip = adding a profile file and listing it here. */
export const profiles: readonly ChipProfile[] = [dynapcnn9];

export function getProfile(id: string): ChipProfile {
  const p = findProfile(id);
  if (!p) {
    throw new SpikeforgeError('USAGE', `unknown chip profile "${id}"`, {
      hint: `known profiles: ${profiles.map((x) => x.id).join(', ')}`,
    });
  }
  return p;
}

/** The profile of a chip id, or undefined (a configuration built by hand may name none spikeforge knows). */
export function findProfile(id: string): ChipProfile | undefined {
  return profiles.find((x) => x.id === id);
}

export function getProfileByCode(code: number): ChipProfile | undefined {
  return profiles.find((x) => x.code === code);
}

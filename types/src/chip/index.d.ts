import { dynapcnn9 } from './dynapcnn9.ts';
import type { ChipProfile } from './profile.ts';
export type { ChipProfile, CoreResources } from './profile.ts';
export { dynapcnn9 };
/** Every chip profile spikeforge knows. Adding a chip = adding a profile file and listing it here. */
export declare const profiles: readonly ChipProfile[];
export declare function getProfile(id: string): ChipProfile;
export declare function getProfileByCode(code: number): ChipProfile | undefined;

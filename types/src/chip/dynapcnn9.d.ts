import type { ChipProfile } from './profile.ts';
/** The 9-core DYNAP-CNN / Speck-class chip of ../shared/docs/chip-spec.md (figures as sinabs encodes them). */
export declare const dynapcnn9: ChipProfile;

/**
 * The register map (protocol/IMAGE.md, "Register map"): a chip configuration as the ordered
 * (address, value) writes a board applies. address = core << 24 | region << 20 | index; core 0xFF is
 * the chip itself (format, input layer, input name). `configFromRegisterWrites` is the board's side:
 * it rebuilds exactly the configuration from the writes.
 */
import type { ChipProfile } from '../chip/profile.ts';
import type { ChipConfig } from './config.ts';
export interface RegisterWrite {
    address: number;
    /** Unsigned 32-bit value. */
    value: number;
}
export declare const CHIP_CORE = 255;
export declare const Region: {
    readonly control: 0;
    readonly kernel: 1;
    readonly bias: 2;
    readonly threshold: 3;
    readonly state: 4;
    readonly destination: 5;
    readonly input: 6;
    readonly metadata: 7;
};
export declare function registerAddress(core: number, region: number, index: number): number;
export declare function splitAddress(address: number): {
    core: number;
    region: number;
    index: number;
};
export declare function registerWrites(config: ChipConfig, profile: ChipProfile): RegisterWrite[];
export declare function configFromRegisterWrites(writes: RegisterWrite[], profile: ChipProfile): ChipConfig;

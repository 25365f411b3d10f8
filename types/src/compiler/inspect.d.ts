import type { ChipConfig } from '../image/config.ts';
export declare function inspectImage(bytes: Uint8Array, source?: string): {
    config: ChipConfig;
    text: string;
    json: object;
};

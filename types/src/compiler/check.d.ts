/**
 * The chip's limits, checked on a lowered layer. Every broken limit is one line naming the layer, the
 * limit, the value, and what to change; nothing stops at the first.
 */
import type { ChipProfile } from '../chip/profile.ts';
import type { QuantizedLayer } from '../quantize/types.ts';
import type { LoweredLayer } from './lower.ts';
import { type MemoryDemand } from './memory.ts';
/** Geometry, channels, thresholds and value ranges of one layer. */
export declare function checkLayer(q: QuantizedLayer, l: LoweredLayer, profile: ChipProfile): string[];
/** Memory against the largest core of each kind, then against any single core holding all three. */
export declare function checkMemory(l: LoweredLayer, d: MemoryDemand, profile: ChipProfile): string[];

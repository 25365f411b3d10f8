export type { Traces } from '../events/trace.ts';
export interface TracePoint {
    layer: string;
    c: number;
    y: number;
    x: number;
}
/** Parses `layer:c:y:x,layer:c:y:x` (the CLI's --trace). */
export declare function parseTracePoints(text: string): TracePoint[];

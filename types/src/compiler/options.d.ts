import type { CompileOptions } from './compile.ts';
/** "conv1=5,conv2=6" -> { conv1: 5, conv2: 6 }. */
export declare function parsePlacement(text: string): Record<string, number>;
/** "all" | "last" | "a,b" -> the monitor option of compile. */
export declare function parseMonitor(text: string): NonNullable<CompileOptions['monitor']>;
/** "y0,x0,y1,x1" -> a crop window. */
export declare function parseCrop(text: string): [number, number, number, number];
/** "128x128" -> [height, width]. */
export declare function parseSize(text: string, flag: string): [number, number];

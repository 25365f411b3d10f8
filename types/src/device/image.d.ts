/** The image to flash from a file: a compiled image as is, a network (NIR / JSON) compiled on the way. */
import type { LoadConfigOptions } from '../compiler/index.ts';
export type ImageFileOptions = LoadConfigOptions;
export declare function loadImageFile(path: string, options?: ImageFileOptions): Promise<Uint8Array>;

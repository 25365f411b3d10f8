import type { BatchSample } from './batch.ts';
/**
 * Batch samples from a folder of event files or a list file (one path per line, optional `,label`),
 * labelled by `labels` when given (`file,label` rows matched by file name, or one label per line).
 */
export declare function loadBatchSamples(source: string, labels?: string): BatchSample[];

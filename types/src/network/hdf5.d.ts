/**
 * The HDF5 edge of NIR files: h5wasm behind three small functions (read a tree of datasets, write one,
 * check a file's header). h5wasm prints HDF5 diagnostics straight to stderr when it meets a broken file,
 * so files are checked here first (magic, superblock, truncation) to fail with our own message.
 */
export declare const HDF5_MAGIC: Uint8Array<ArrayBuffer>;
/** A dataset or group read from an HDF5 file: numbers (always float64 here), strings, or a subtree. */
export type H5Value = {
    kind: 'number';
    shape: number[];
    data: Float64Array;
} | {
    kind: 'string';
    shape: number[];
    data: string[];
} | {
    kind: 'group';
    entries: Map<string, H5Value>;
};
export declare function hasHdf5Magic(bytes: Uint8Array, offset?: number): boolean;
/** Throws NIR_FORMAT unless `bytes` start like a complete HDF5 file (superblock at 0, EOF within the file). */
export declare function checkHdf5(bytes: Uint8Array, file: string): void;
/** Reads a whole HDF5 file (as bytes, already checked) into a tree of groups and datasets. */
export declare function readHdf5Tree(bytes: Uint8Array, file: string): Promise<H5Value>;
/** What to write: a dataset (typed array with shape, number, string, strings with shape) or a group. */
export type H5Write = {
    kind: 'group';
    entries: [string, H5Write][];
} | {
    kind: 'float32';
    shape: number[];
    data: Float32Array;
} | {
    kind: 'int64';
    shape: number[];
    data: number[];
} | {
    kind: 'string';
    value: string;
} | {
    kind: 'strings';
    shape: number[];
    data: string[];
};
/** Writes the tree to `path` (replacing it). */
export declare function writeHdf5Tree(path: string, root: [string, H5Write][]): Promise<void>;

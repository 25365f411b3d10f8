/** The whole file as bytes. */
export declare function readUserFile(path: string): Buffer;
/** The whole file as UTF-8 text. */
export declare function readUserText(path: string): string;
/**
 * A file descriptor for reading `path` piece by piece (the caller closes it). A directory is refused here,
 * since opening one succeeds and only the first read would fail.
 */
export declare function openUserFile(path: string): number;

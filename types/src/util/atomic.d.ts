/** A file written in pieces (long runs stream their spikes), made visible only by `commit()`. */
export declare class AtomicFile {
    private readonly path;
    private readonly tmp;
    private readonly fd;
    constructor(path: string);
    write(data: string | Uint8Array): void;
    commit(): void;
    /** Drops the temporary file; the target is left as it was. */
    abort(): void;
}
export declare function writeFileAtomic(path: string, data: string | Uint8Array): void;

/**
 * Thrown by a command to end with a given exit code: after it printed its own result (diff: 1 when the
 * recordings differ), or with the error that stopped it (`error`, printed as usual).
 */
export declare class ExitCode extends Error {
    readonly code: number;
    readonly error?: unknown | undefined;
    constructor(code: number, error?: unknown | undefined);
}
export declare function printError(e: unknown, debug: boolean): number;

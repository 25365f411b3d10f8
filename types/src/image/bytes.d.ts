export declare class ByteWriter {
    private buf;
    private view;
    length: number;
    private reserve;
    u8(v: number): void;
    u16(v: number): void;
    i16(v: number): void;
    u32(v: number): void;
    bytes(b: Uint8Array): void;
    i16s(values: Int16Array): void;
    setU32(offset: number, v: number): void;
    setU16(offset: number, v: number): void;
    finish(): Uint8Array;
}
export declare class ByteReader {
    readonly data: Uint8Array;
    readonly source: string;
    readonly end: number;
    private readonly view;
    offset: number;
    constructor(data: Uint8Array, source: string, start: number, end: number);
    fail(what: string, offset?: number): never;
    private need;
    u8(what: string): number;
    u16(what: string): number;
    i16(what: string): number;
    u32(what: string): number;
    bytes(n: number, what: string): Uint8Array;
    i8s(n: number, what: string): Int8Array;
    i16s(n: number, what: string): Int16Array;
}

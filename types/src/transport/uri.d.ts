import type { Transport } from './types.ts';
export type DeviceUri = {
    kind: 'serial';
    uri: string;
    path: string;
    baudRate: number;
    pace: boolean;
} | {
    kind: 'usb';
    uri: string;
    vid: number;
    pid: number;
    serial?: string;
} | {
    kind: 'tcp';
    uri: string;
    host: string;
    port: number;
};
/** The `?key=value&...` options of a URI; with `allowed`, an unknown key is a usage error naming it. */
export declare function query(uri: string, text: string | undefined, allowed: readonly string[] | undefined): Record<string, string>;
export declare function parseDeviceUri(uri: string): DeviceUri;
/** Opens the link a serial, usb or tcp URI names (links.ts opens every registered scheme). */
export declare function openTransport(uri: string | DeviceUri): Promise<Transport>;

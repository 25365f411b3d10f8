/**
 * The `samna:` link: a SynSense Speck dev kit reached through samna by the bridge process
 * (`samna:speck2fdevkit`, `samna:speck2fdevkit/<serial>`, `samna:speck2fdevkit?index=1`). Registering
 * it starts nothing: Python starts when such a URI is opened or `spikeforge devices` lists boards.
 */
import { SpikeforgeError } from '../../errors.ts';
import { SAMNA_CHIPS, type SamnaChip } from '../../image/samna-boards.ts';
import type { DeviceListing } from '../../transport/discovery.ts';
import { type DeviceLink, registerLink } from '../../transport/links.ts';
import { query } from '../../transport/uri.ts';

export const SAMNA_FORM =
  'samna:<board>[/<serial>][?index=<n>]       e.g. samna:speck2fdevkit (a Speck dev kit through samna)';

/** What a samna URI names, and the run settings it carries. */
export interface SamnaTarget {
  uri: string;
  board: SamnaChip;
  serial?: string;
  index?: number;
  /** Wait after applying a configuration (sinabs waits 1 s). */
  settleMs: number;
  /** Collect output for this long after the last step. */
  quietMs: number;
  /** Microseconds per step on the chip (default: the chip profile's). */
  stepUs?: number;
  /** Also write every output spike with its raw timestamp to this CSV file. */
  timestamps?: string;
}

const OPTIONS = ['index', 'settle_ms', 'quiet_ms', 'step_us', 'timestamps'];

function count(uri: string, key: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new SpikeforgeError('USAGE', `device URI "${uri}": ${key}=${text} is not an integer >= ${min}`);
  }
  return Number(text);
}

export function parseSamnaUri(uri: string): SamnaTarget {
  const text = uri.trim();
  const m = /^samna:([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/i.exec(text);
  const boards = Object.keys(SAMNA_CHIPS).join(', ');
  if (!m || m[1] === '') {
    throw new SpikeforgeError('USAGE', `device URI "${uri}": name the board, e.g. samna:speck2fdevkit`, {
      hint: `boards: ${boards}`,
    });
  }
  const board = m[1].toLowerCase();
  if (!Object.hasOwn(SAMNA_CHIPS, board)) {
    throw new SpikeforgeError(
      'USAGE',
      `device URI "${uri}": unknown samna board "${m[1]}": known are ${boards}`,
    );
  }
  const options = query(uri, m[3], undefined);
  const unknown = Object.keys(options).filter((k) => !OPTIONS.includes(k));
  if (unknown.length > 0) {
    throw new SpikeforgeError('USAGE', `device URI "${uri}": unknown samna option "${unknown[0]}"`, {
      hint: `samna takes ${OPTIONS.join(', ')}`,
    });
  }
  return {
    uri: text,
    board: board as SamnaChip,
    serial: m[2] ? decodeURIComponent(m[2]) : undefined,
    index: count(uri, 'index', options.index, 0),
    settleMs: count(uri, 'settle_ms', options.settle_ms, 0) ?? 1000,
    quietMs: count(uri, 'quiet_ms', options.quiet_ms, 0) ?? 100,
    stepUs: count(uri, 'step_us', options.step_us, 1),
    timestamps: options.timestamps,
  };
}

async function openSamna(uri: string): Promise<DeviceLink> {
  const target = parseSamnaUri(uri);
  const { SamnaDevice } = await import('./device.ts');
  return { device: await SamnaDevice.open(target) };
}

interface ListAnswer extends Record<string, unknown> {
  devices: { board: string | null; index: number; device_type_name: string; serial_number: string }[];
}

/** The samna boards present; a missing python or samna is a note saying how to get it. */
export async function listSamnaDevices(): Promise<{ devices: DeviceListing[]; notes: string[] }> {
  const { SamnaBridge } = await import('./bridge.ts');
  const bridge = SamnaBridge.start('samna');
  try {
    const hello = await bridge.request<{ samna: string }>('hello', {}, 30_000);
    const found = await bridge.request<ListAnswer>('list', {}, 30_000);
    const devices: DeviceListing[] = [];
    const notes: string[] = [];
    for (const d of found.devices) {
      if (!d.board) {
        notes.push(`samna sees a ${d.device_type_name}, which spikeforge does not drive`);
        continue;
      }
      devices.push({
        uri: `samna:${d.board}${d.index > 0 ? `?index=${d.index}` : ''}`,
        kind: 'samna',
        description: `${d.device_type_name} through samna ${hello.samna}`,
        serialNumber: d.serial_number || undefined,
        board: d.board,
      });
    }
    if (found.devices.length === 0) notes.push(`samna ${hello.samna} sees no board`);
    return { devices, notes };
  } catch (e) {
    const err = e as SpikeforgeError;
    return {
      devices: [],
      notes: [`samna: ${err.message.replace(/^samna: /, '')}${err.hint ? ` (${err.hint})` : ''}`],
    };
  } finally {
    await bridge.close();
  }
}

let registered: (() => void) | undefined;

/** Makes `samna:` URIs openable with `openDevice` and listed by `spikeforge devices` (once); returns the unregister. */
export function registerSamnaLink(): () => void {
  if (!registered) {
    const unregister = registerLink({
      scheme: 'samna',
      forms: [SAMNA_FORM],
      open: openSamna,
      list: listSamnaDevices,
    });
    registered = () => {
      unregister();
      registered = undefined;
    };
  }
  return registered;
}

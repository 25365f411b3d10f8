/**
 * The `sim` link: an in-process simulated board per name (`sim` is `sim?name=default`), created on
 * first use, reached over an in-memory byte pair. Registered in the link registry by the CLI and the
 * demo (`registerSimLink()`); the device client knows it only through the registry.
 */
import { SpikeforgeError } from '../src/errors.ts';
import type { DeviceListing } from '../src/transport/discovery.ts';
import { type Link, registerLink } from '../src/transport/links.ts';
import { createMemoryPair, withFaults } from '../src/transport/memory.ts';
import type { Transport } from '../src/transport/types.ts';
import { query } from '../src/transport/uri.ts';
import type { Board } from './board.ts';

export const SIM_FORM = 'sim[?name=<board>][&realtime=1][&fault=...]  the in-process simulated board';

export const SIM_LISTING: DeviceListing = {
  uri: 'sim',
  kind: 'sim',
  description:
    'simulated board, in process (a board started with spikeforge sim is reached by the URI it prints)',
};

const SIM_OPTIONS = ['name', 'fault', 'realtime'];

/** In-process simulated boards by name, created on first use. */
const simBoards = new Map<string, Board>();

/**
 * The in-process simulated board behind `sim` / `sim?name=<name>` (created on first use, with
 * `realtime=1` and `reset-during-flash` in `fault=` taken from the URI that created it). The board and
 * its emulator load on first use, so registering the link costs a command nothing.
 */
export async function simBoard(
  name = 'default',
  options: { realtime?: boolean; resetDuringFlash?: boolean } = {},
): Promise<Board> {
  let b = simBoards.get(name);
  if (!b) {
    const { Board } = await import('./board.ts');
    b = simBoards.get(name) ?? new Board({ serialNumber: `SIM-${name}`, ...options });
    simBoards.set(name, b);
  }
  return b;
}

/** The options of a `sim` URI (`sim`, `sim?name=x&fault=...`); anything else is a usage error. */
export function parseSimUri(uri: string): Record<string, string> {
  const text = uri.trim();
  const q = text.indexOf('?');
  const head = q < 0 ? text : text.slice(0, q);
  if (!/^sim:?$/i.test(head)) {
    throw new SpikeforgeError('USAGE', `device URI "${uri}": sim takes no address, only ?options`, {
      hint: SIM_FORM,
    });
  }
  const options = query(uri, q < 0 ? undefined : text.slice(q + 1), undefined);
  const unknown = Object.keys(options).filter((k) => !SIM_OPTIONS.includes(k));
  if (unknown.length > 0) {
    throw new SpikeforgeError('USAGE', `device URI "${uri}": unknown sim option "${unknown[0]}"`, {
      hint: 'sim takes name=<board>, realtime=1 and fault=drop=P,corrupt=P,dup=P,disconnect-after=N,reset-during-flash',
    });
  }
  return options;
}

/** The same link under the URI the user gave (errors then name `sim`, not the memory pair). */
function named(t: Transport, uri: string): Transport {
  return {
    uri,
    get isOpen() {
      return t.isOpen;
    },
    write: (data) => t.write(data),
    onData: (l) => t.onData(l),
    onClose: (l) => t.onClose(l),
    close: () => t.close(),
  };
}

export async function openSimLink(uri: string): Promise<Link> {
  const options = parseSimUri(uri);
  const { parseSimFaults } = await import('./sim.ts');
  const faults = parseSimFaults(options.fault ?? '');
  const board = await simBoard(options.name ?? 'default', {
    realtime: options.realtime === '1' || options.realtime === 'true',
    resetDuringFlash: faults.resetDuringFlash,
  });
  const { host, board: end } = createMemoryPair();
  board.attach(Object.keys(faults.link).length > 0 ? withFaults(end, faults.link) : end);
  return { transport: named(host, uri.trim()) };
}

/** Makes `sim` URIs openable with `openDevice`; returns the function that unregisters it. */
export function registerSimLink(): () => void {
  return registerLink({
    scheme: 'sim',
    forms: [SIM_FORM],
    open: openSimLink,
    list: async () => ({ devices: [SIM_LISTING], notes: [] }),
  });
}

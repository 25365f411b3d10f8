/**
 * Which layers report their spikes to the host: one type and one rule for the compiler (which sets the
 * cores' monitor flags), the emulator and the device client (which choose per run).
 */
import { SpikeforgeError } from '../errors.ts';
import { type ChipConfig, type CoreConfig, evaluationOrder } from './config.ts';

/** Every layer, the last ones (whose spikes no other layer reads), or the named layers. */
export type Monitor = 'all' | 'last' | string[];

/**
 * The items (layers or cores) a selection picks, in their own order. `isLast` says which are last; an
 * unknown name is a USAGE error that lists the names there are.
 */
export function selectMonitored<T>(
  items: readonly T[],
  monitor: Monitor,
  nameOf: (item: T) => string,
  isLast: (item: T) => boolean,
  where = 'monitor',
): T[] {
  if (monitor === 'all') return [...items];
  if (monitor === 'last') return items.filter(isLast);
  const names = items.map(nameOf);
  const unknown = monitor.filter((m) => !names.includes(m));
  if (unknown.length > 0) {
    throw new SpikeforgeError(
      'USAGE',
      `${where}: no layer named ${unknown.map((u) => `"${u}"`).join(', ')}`,
      // The CLI names its flag where the library names its option.
      { hint: `layers: ${names.join(', ')}`, ...(where === 'monitor' ? { option: 'monitor' } : {}) },
    );
  }
  const chosen = new Set(monitor);
  return items.filter((i) => chosen.has(nameOf(i)));
}

/** The cores of a configuration that a selection monitors (last: cores with no destination). */
export function monitoredCores(config: ChipConfig, monitor: Monitor, where?: string): CoreConfig[] {
  return selectMonitored(
    config.cores,
    monitor,
    (c) => c.layer,
    (c) => c.destinations.length === 0,
    where,
  );
}

/**
 * The layers of a configuration in the network's order (sources before the layers they feed, ties by
 * core id), not in core order: what hints list, the same way in every command.
 */
export function layersInOrder(config: ChipConfig): string[] {
  const byId = new Map(config.cores.map((c) => [c.coreId, c.layer]));
  return evaluationOrder(config).map((id) => byId.get(id)!);
}

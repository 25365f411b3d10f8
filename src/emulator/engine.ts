/**
 * The engines that simulate a step of the cores: the JavaScript one (core.ts scatter, update.ts update)
 * and the WebAssembly SIMD one (wasm.ts), bit for bit the same (test/emulator/wasm.test.ts). Both work
 * on the `CoreRuntime`s of the emulator: the WebAssembly engine moves the arrays the emulator reads and
 * writes (membrane, input ports, fired lists) into its memory, so everything outside the step is shared.
 */
import { SpikeforgeError } from '../errors.ts';
import type { SpikeBuffer } from '../events/buffer.ts';
import type { CoreRuntime } from './core.ts';
import { scatter } from './core.ts';
import { update } from './update.ts';
import { WasmEngine, wasmUnavailable } from './wasm.ts';

export type EngineName = 'js' | 'wasm';

export const engineNames: readonly EngineName[] = ['js', 'wasm'];

export interface Engine {
  readonly name: EngineName;
  /** Step t of the cores (their ports hold the step's input); spikes of monitored cores into `out`. */
  step(t: number, out: SpikeBuffer): void;
}

class JsEngine implements Engine {
  readonly name = 'js' as const;
  constructor(private readonly order: CoreRuntime[]) {}

  step(t: number, out: SpikeBuffer): void {
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const core = order[i];
      scatter(core);
      update(core, t, core.monitored ? out : null);
    }
  }
}

/** The default engine: WebAssembly when this Node can run it (SIMD), else JavaScript. */
export function defaultEngine(): EngineName {
  return wasmUnavailable() === undefined ? 'wasm' : 'js';
}

/** Checks an engine name given by a user (`--engine`, option `engine`). */
export function parseEngine(name: string, what = 'engine'): EngineName {
  if (!(engineNames as readonly string[]).includes(name)) {
    throw new SpikeforgeError('USAGE', `${what}: unknown engine "${name}"`, {
      hint: `engines: ${engineNames.join(', ')}`,
    });
  }
  return name as EngineName;
}

/** An engine over the cores (`order`: evaluation order). */
export function makeEngine(name: EngineName, cores: CoreRuntime[], order: CoreRuntime[]): Engine {
  if (parseEngine(name) === 'js') return new JsEngine(order);
  const why = wasmUnavailable();
  if (why !== undefined) {
    throw new SpikeforgeError('USAGE', `the WebAssembly engine cannot run here: ${why}`, {
      hint: 'use the JavaScript engine (engine js)',
    });
  }
  return new WasmEngine(cores, order);
}

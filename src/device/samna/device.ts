/**
 * A Speck dev kit through samna, with the interface of every other device: `flash` applies the image's
 * configuration as sinabs writes it into samna (`toSamnaConfig`) and verifies it by reading it back
 * where samna offers that; `run` writes the events as samna Spikes and bins the asynchronous output
 * spikes into steps; `readState` reads membranes with ReadNeuronValue.
 */

import { dynapcnn9, getProfile } from '../../chip/index.ts';
import { SpikeforgeError } from '../../errors.ts';
import { SpikeBuffer } from '../../events/buffer.ts';
import type { InputEvents, Spikes } from '../../events/types.ts';
import type { ChipConfig } from '../../image/config.ts';
import { decodeImage, IMAGE_FORMAT_VERSION, imageCrc } from '../../image/image.ts';
import { assertFitsChip } from '../../image/limits.ts';
import { layersInOrder, monitoredCores } from '../../image/monitor.ts';
import { type SamnaExport, toSamnaConfig } from '../../image/samna.ts';
import { writeFileAtomic } from '../../util/atomic.ts';
import type { DeviceApi } from '../open.ts';
import type { DeviceInfo, DeviceRunOptions, DeviceStatus, FlashOptions, FlashResult } from '../types.ts';
import { SamnaBridge } from './bridge.ts';
import type { SamnaTarget } from './link.ts';

interface OpenAnswer extends Record<string, unknown> {
  device_type_name: string;
  serial_number: string;
  samna: string;
}

interface RunAnswer extends Record<string, unknown> {
  /** [step, core, c, y, x, timestamp_us] */
  spikes: number[][];
  beyond_run: number;
}

export class SamnaDevice implements DeviceApi {
  private readonly bridge: SamnaBridge;
  private readonly target: SamnaTarget;
  private deviceInfo: DeviceInfo;
  private image: Uint8Array | undefined;
  private config: ChipConfig | undefined;
  private applied: SamnaExport | undefined;
  private counters = { eventsIn: 0, eventsOut: 0, dropped: 0, step: 0 };
  private closed = false;

  private constructor(bridge: SamnaBridge, target: SamnaTarget, opened: OpenAnswer) {
    this.bridge = bridge;
    this.target = target;
    this.deviceInfo = {
      uri: target.uri,
      protocolVersion: 0,
      board: `${opened.device_type_name} through samna ${opened.samna}`,
      firmwareVersion: `samna ${opened.samna}`,
      chip: dynapcnn9.id,
      chipCode: 0,
      serialNumber: opened.serial_number,
      maxFrameSize: 0,
      capabilities: ['samna'],
      imageFormat: { min: IMAGE_FORMAT_VERSION, max: IMAGE_FORMAT_VERSION },
      activeImage: null,
      inputFifoCapacity: 0,
      outputWindow: 0,
    };
  }

  /** Starts the bridge and opens the board the target names. */
  static async open(target: SamnaTarget): Promise<SamnaDevice> {
    const bridge = SamnaBridge.start(target.uri);
    try {
      await bridge.request('hello', {}, 30_000);
      const opened = await bridge.request<OpenAnswer>('open', {
        board: target.board,
        serial: target.serial,
        index: target.index,
      });
      return new SamnaDevice(bridge, target, opened);
    } catch (e) {
      await bridge.close();
      throw e;
    }
  }

  get uri(): string {
    return this.target.uri;
  }

  /** No wire protocol here: nothing is retransmitted or framed. */
  get linkStats() {
    return {
      bytesOut: 0,
      bytesIn: 0,
      requests: 0,
      retransmissions: 0,
      duplicates: 0,
      badFrames: 0,
      crcErrors: 0,
      malformed: 0,
    };
  }

  async info(): Promise<DeviceInfo> {
    return this.deviceInfo;
  }

  private get stepUs(): number {
    return this.target.stepUs ?? dynapcnn9.stepMicros;
  }

  private async apply(exported: SamnaExport): Promise<'readback' | 'none'> {
    const r = await this.bridge.request<{ verified: 'readback' | 'none' }>('apply', {
      config: exported,
      step_us: this.stepUs,
      settle_ms: this.target.settleMs,
    });
    this.applied = exported;
    return r.verified;
  }

  /** Applies the image's configuration through samna (validated by samna, read back where samna can). */
  async flash(image: Uint8Array, options: FlashOptions = {}): Promise<FlashResult> {
    const config = decodeImage(image);
    if (config.chip !== this.deviceInfo.chip) {
      throw new SpikeforgeError(
        'IMAGE_FORMAT',
        `the image is for chip "${config.chip}", ${this.uri} carries "${this.deviceInfo.chip}"`,
        { hint: `compile the network for ${this.deviceInfo.chip}` },
      );
    }
    // What the chip cannot run is refused here, with the rules the board applies to a wire-protocol flash.
    assertFitsChip(config, getProfile(config.chip));
    const t0 = performance.now();
    const verified = await this.apply(toSamnaConfig(config, { chip: this.target.board }));
    const crc = imageCrc(image);
    this.image = image;
    this.config = config;
    this.deviceInfo = {
      ...this.deviceInfo,
      activeImage: { crc, size: image.length, sourceHash: config.sourceHash },
    };
    options.onProgress?.(image.length, image.length);
    return {
      bytes: image.length,
      sent: image.length,
      crc,
      chunks: 1,
      chunkSize: image.length,
      restarts: 0,
      verified,
      attempts: 1,
      ms: performance.now() - t0,
    };
  }

  /** The image spikeforge applied in this session (samna holds the chip's registers, not our image). */
  async readImage(): Promise<Uint8Array> {
    if (!this.image) throw this.noConfig();
    return this.image;
  }

  async activeConfig(): Promise<ChipConfig> {
    if (!this.config) throw this.noConfig();
    return this.config;
  }

  private noConfig(): SpikeforgeError {
    return new SpikeforgeError('DEVICE_ERROR', `${this.uri} has no configuration from this session`, {
      hint: 'flash an image first (samna keeps no spikeforge image: run and flash in the same session, or give run the image)',
    });
  }

  /**
   * Runs the events on the chip and yields the spikes of the monitored layers, binned into steps of
   * the step duration (the raw microsecond timestamps go to the URI's `timestamps=` file).
   */
  async *run(events: InputEvents, options: DeviceRunOptions = {}): AsyncIterable<Spikes> {
    const config = await this.activeConfig();
    const applied = this.applied!;
    const wanted = options.monitor
      ? monitoredCores(config, options.monitor)
      : config.cores.filter((c) => applied.cnn_layers[String(c.coreId)].monitor_enable);
    const missing = wanted.filter((c) => !applied.cnn_layers[String(c.coreId)].monitor_enable);
    if (missing.length > 0) {
      // monitor_enable is configuration on this chip: apply once more with the wider selection.
      await this.apply(
        toSamnaConfig(config, { chip: this.target.board, monitor: wanted.map((c) => c.layer) }),
      );
    }
    const steps = options.steps ?? (events.count > 0 ? events.t[events.count - 1] + 1 : 0);
    if (steps === 0 && events.count === 0) return;
    const rows: number[][] = new Array(events.count);
    for (let i = 0; i < events.count; i++) rows[i] = [events.t[i], events.c[i], events.y[i], events.x[i]];
    const expectedMs = (steps * this.stepUs) / 1000 + this.target.quietMs;
    const answer = await this.bridge.request<RunAnswer>(
      'run',
      { events: rows, steps, keep_state: options.keepState ?? false, quiet_ms: this.target.quietMs },
      expectedMs + 60_000,
    );
    const layers = config.cores.map((c) => c.layer);
    const index = new Map(config.cores.map((c, i) => [c.coreId, i]));
    const keep = new Set(wanted.map((c) => c.coreId));
    const out = new SpikeBuffer(Math.max(1, answer.spikes.length));
    const raw: string[] = ['timestamp_us,step,layer,c,y,x'];
    for (const [step, core, c, y, x, ts] of answer.spikes) {
      const layer = index.get(core);
      if (layer === undefined) {
        throw new SpikeforgeError(
          'PROTOCOL',
          `${this.uri} sent a spike of core ${core}, which the configuration does not use`,
        );
      }
      if (!keep.has(core)) continue;
      out.push(step, layer, c, y, x);
      if (this.target.timestamps) raw.push(`${ts},${step},${layers[layer]},${c},${y},${x}`);
    }
    if (this.target.timestamps) writeFileAtomic(this.target.timestamps, `${raw.join('\n')}\n`);
    this.counters.eventsIn += events.count;
    this.counters.eventsOut += out.count;
    this.counters.step = steps;
    if (out.count > 0) yield out.toSpikes(layers);
  }

  private core(layer: string) {
    const config = this.config;
    const core = config?.cores.find((c) => c.layer === layer);
    if (!config) throw this.noConfig();
    if (!core) {
      throw new SpikeforgeError('USAGE', `no layer named "${layer}" on ${this.uri}`, {
        hint: `layers: ${layersInOrder(config).join(', ')}`,
      });
    }
    return core;
  }

  /** Membrane state of a layer (layout (f*H + y)*W + x), read with samna's ReadNeuronValue. */
  async readState(layer: string): Promise<Int16Array> {
    const core = this.core(layer);
    const r = await this.bridge.request<{ values: number[] }>('read_state', {
      layer: core.coreId,
      shape: core.outputShape,
    });
    return Int16Array.from(r.values);
  }

  /** Sets a layer's membranes with WriteNeuronValue; empty: back to the configured initial state. */
  async writeState(layer: string, values: ArrayLike<number>): Promise<void> {
    const core = this.core(layer);
    const [f, h, w] = core.outputShape;
    const all = values.length === 0 ? (core.initialState ?? new Int16Array(f * h * w)) : values;
    if (all.length !== f * h * w) {
      throw new SpikeforgeError(
        'USAGE',
        `writeState ${layer}: ${all.length} values for ${f * h * w} neurons`,
      );
    }
    await this.bridge.request('write_state', {
      layer: core.coreId,
      shape: core.outputShape,
      values: Array.from(all),
    });
  }

  async status(): Promise<DeviceStatus> {
    return {
      eventsIn: this.counters.eventsIn,
      eventsOut: this.counters.eventsOut,
      dropped: this.counters.dropped,
      crcErrors: 0,
      retransmissions: 0,
      step: this.counters.step,
      running: false,
      fifoUsed: 0,
      fifoCapacity: 0,
      framesIn: 0,
      framesOut: 0,
    };
  }

  /** Neuron state back to the configured one (the configuration is applied again); `clearConfig` forgets it here. */
  async reset(options: { clearConfig?: boolean } = {}): Promise<void> {
    if (options.clearConfig) {
      this.config = undefined;
      this.image = undefined;
      this.applied = undefined;
      this.deviceInfo = { ...this.deviceInfo, activeImage: null };
      return;
    }
    await this.bridge.request('reset');
  }

  /** Frees the board in samna and ends the bridge. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.bridge.close();
  }
}

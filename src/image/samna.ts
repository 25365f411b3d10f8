/**
 * The chip configuration as sinabs writes it into samna (`protocol/SAMNA.md`): every CNN core's dict is
 * what sinabs' `DynapcnnConfigBuilder.get_dynapcnn_layer_config_dict` returns (field names, nesting,
 * axis order, types and key order), the input's DVS layer what `DVSLayer.get_config_dict` returns. A
 * Python user applies the file with samna directly; the samna bridge (bridges/samna) needs no knowledge
 * of the image format.
 */
import { z } from 'zod';
import { SpikeforgeError } from '../errors.ts';
import type { ChipConfig, CoreConfig, Destination } from './config.ts';
import { type Monitor, monitoredCores } from './monitor.ts';
import { SAMNA_CHIPS, type SamnaChip, samnaChip } from './samna-boards.ts';

export const SAMNA_EXPORT_FORMAT = 'spikeforge-samna';
export const SAMNA_EXPORT_VERSION = 1;

export { SAMNA_CHIPS, type SamnaChip, samnaChip } from './samna-boards.ts';

const xy = z.object({ x: z.number().int(), y: z.number().int() }).strict();
const shape = z.object({ size: xy, feature_count: z.number().int().positive() }).strict();
const int = z.number().int();

export const SamnaDestinationSchema = z
  .object({ layer: z.number().int().min(0), enable: z.literal(true), pooling: z.number().int().positive() })
  .strict();

/** One CNN core, exactly `get_dynapcnn_layer_config_dict`'s dict. */
export const SamnaCnnLayerSchema = z
  .object({
    destinations: z.array(SamnaDestinationSchema).max(2),
    dimensions: z
      .object({
        input_shape: shape,
        output_shape: shape,
        padding: xy,
        stride: xy,
        kernel_size: z.number().int().positive(),
      })
      .strict(),
    /** [out][in][x][y] (sinabs transposes the kernel's last two axes "to match samna convention"). */
    weights: z.array(z.array(z.array(z.array(int)))),
    biases: z.array(int),
    leak_enable: z.boolean(),
    return_to_zero: z.boolean(),
    threshold_high: int,
    threshold_low: int,
    monitor_enable: z.boolean(),
    /** [f][x][y]. */
    neurons_initial_value: z.array(z.array(z.array(int))),
  })
  .strict();

/** The DVS layer: `DVSLayer.get_config_dict` plus its destinations (`write_dvs_layer_config`). */
export const SamnaDvsLayerSchema = z
  .object({
    merge: z.boolean(),
    mirror: z.object({ x: z.boolean(), y: z.boolean() }).strict(),
    mirror_diagonal: z.boolean(),
    cut: xy,
    origin: xy,
    pooling: z.object({ y: z.number().int().positive(), x: z.number().int().positive() }).strict(),
    pass_sensor_events: z.boolean(),
    destinations: z
      .array(z.object({ layer: z.number().int().min(0), enable: z.literal(true) }).strict())
      .max(2),
  })
  .strict();

export const SamnaExportSchema = z
  .object({
    format: z.literal(SAMNA_EXPORT_FORMAT),
    version: z.literal(SAMNA_EXPORT_VERSION),
    chip: z.enum(Object.keys(SAMNA_CHIPS) as [SamnaChip, ...SamnaChip[]]),
    family: z.enum(['speck2f', 'speck2e']),
    /** spikeforge's chip profile and the sha256 of the source network, for the record. */
    profile: z.string(),
    source_hash: z.string(),
    /** Layer name -> core id (CNN layer index in samna). */
    layer_cores: z.record(z.string(), z.number().int().min(0)),
    /** Where host events enter: straight into CNN cores, or through the DVS layer (crop, mirror, pooling). */
    input: z
      .object({
        name: z.string(),
        source: z.enum(['cnn', 'dvs']),
        shape: shape,
        /** source "cnn": the cores each host event is written to (as a Spike of that layer). */
        layers: z.array(z.number().int().min(0)),
      })
      .strict(),
    dvs_layer: z.union([SamnaDvsLayerSchema, z.object({ pass_sensor_events: z.literal(false) }).strict()]),
    cnn_layers: z.record(z.string(), SamnaCnnLayerSchema),
  })
  .strict();

export type SamnaExport = z.infer<typeof SamnaExportSchema>;
export type SamnaCnnLayer = z.infer<typeof SamnaCnnLayerSchema>;

export interface SamnaExportOptions {
  chip: string;
  /** Cores monitored on top of the exit layers and those the configuration monitors: all, or layer names. */
  monitor?: Monitor;
}

/** values[((a*B + b)*C + c)*D + d] as nested lists [a][b][d][c] (the last two axes swapped). */
function nestSwapped(values: ArrayLike<number> | null, a: number, b: number, c: number, d: number) {
  const out: number[][][][] = [];
  for (let i = 0; i < a; i++) {
    const bi: number[][][] = [];
    for (let j = 0; j < b; j++) {
      const rows: number[][] = [];
      for (let l = 0; l < d; l++) {
        const row: number[] = [];
        for (let k = 0; k < c; k++) row.push(values ? values[((i * b + j) * c + k) * d + l] : 0);
        rows.push(row);
      }
      bi.push(rows);
    }
    out.push(bi);
  }
  return out;
}

/** The core's dict, field by field as sinabs builds it (and in its key order). */
function cnnLayer(core: CoreConfig, monitor: boolean): SamnaCnnLayer {
  const [c, hIn, wIn] = core.inputShape;
  const [f, h, w] = core.outputShape;
  const k = core.kernelSize;
  const biases = core.biases ? Array.from(core.biases) : new Array<number>(f).fill(0);
  const weights = nestSwapped(core.weights, f, c, k, k);
  // [f][x][y] from (f*H + y)*W + x: one more "last two axes swapped".
  const initial = nestSwapped(core.initialState, 1, f, h, w)[0];
  return {
    destinations: core.destinations.map((d) => ({ layer: d.coreId, enable: true, pooling: d.pooling })),
    dimensions: {
      input_shape: { size: { x: wIn, y: hIn }, feature_count: c },
      output_shape: { size: { x: w, y: h }, feature_count: f },
      padding: { x: core.padding[1], y: core.padding[0] },
      stride: { x: core.stride[1], y: core.stride[0] },
      kernel_size: k,
    },
    weights,
    biases,
    leak_enable: biases.some((b) => b !== 0),
    return_to_zero: core.reset === 'zero',
    threshold_high: core.thresholdHigh,
    threshold_low: core.thresholdLow,
    monitor_enable: monitor,
    neurons_initial_value: initial,
  };
}

function inputNeedsDvs(config: ChipConfig): boolean {
  const { shape, crop, flipX, flipY, swapXY, destinations } = config.input;
  const whole = crop[0] === 0 && crop[1] === 0 && crop[2] === shape[1] && crop[3] === shape[2];
  return !whole || flipX || flipY || swapXY || destinations.some((d) => d.pooling !== 1);
}

function dvsLayer(config: ChipConfig) {
  const { crop, flipX, flipY, swapXY, destinations } = config.input;
  const pooling = new Set(destinations.map((d: Destination) => d.pooling));
  if (pooling.size > 1) {
    throw new SpikeforgeError(
      'CHIP_LIMIT',
      `samna export: the input feeds cores ${destinations.map((d) => d.coreId).join(', ')} with different poolings (${[...pooling].join(', ')}); samna's DVS layer has one pooling`,
      { hint: 'give the layers fed by the input the same pooling' },
    );
  }
  const p = destinations[0]?.pooling ?? 1;
  return {
    merge: false,
    mirror: { x: flipX, y: flipY },
    mirror_diagonal: swapXY,
    cut: { x: crop[3] - 1, y: crop[2] - 1 },
    origin: { x: crop[1], y: crop[0] },
    pooling: { y: p, x: p },
    pass_sensor_events: false,
    destinations: destinations.map((d) => ({ layer: d.coreId, enable: true as const })),
  };
}

/**
 * The compiled, placed configuration as sinabs writes it into samna (`protocol/SAMNA.md`). Exit layers
 * (no destinations) and the layers the configuration monitors get `monitor_enable`, `monitor` adds more.
 * Layers sinabs refuses but the chip holds (a non-square Linear lowered to a zero-padded square kernel)
 * are exported like any other.
 */
export function toSamnaConfig(config: ChipConfig, options: SamnaExportOptions): SamnaExport {
  const chip = samnaChip(options.chip);
  const extra = new Set(monitoredCores(config, options.monitor ?? 'last', 'monitor'));
  const monitored = (c: CoreConfig) => c.destinations.length === 0 || c.monitor || extra.has(c);
  const [channels, height, width] = config.input.shape;
  const dvs = inputNeedsDvs(config);
  const out: SamnaExport = {
    format: SAMNA_EXPORT_FORMAT,
    version: SAMNA_EXPORT_VERSION,
    chip,
    family: SAMNA_CHIPS[chip].family,
    profile: config.chip,
    source_hash: config.sourceHash,
    layer_cores: Object.fromEntries(config.cores.map((c) => [c.layer, c.coreId])),
    input: {
      name: config.input.name,
      source: dvs ? 'dvs' : 'cnn',
      shape: { size: { x: width, y: height }, feature_count: channels },
      layers: dvs ? [] : config.input.destinations.map((d) => d.coreId),
    },
    dvs_layer: dvs ? dvsLayer(config) : { pass_sensor_events: false },
    cnn_layers: Object.fromEntries(config.cores.map((c) => [String(c.coreId), cnnLayer(c, monitored(c))])),
  };
  return out;
}

/** Reads an export (a parsed JSON value), checked against the schema; `file` names it in errors. */
export function parseSamnaExport(value: unknown, file: string): SamnaExport {
  const r = SamnaExportSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new SpikeforgeError(
      'SCHEMA',
      `${file}: not a spikeforge samna export: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
      { hint: 'write it with `spikeforge export <network|image> --to samna`' },
    );
  }
  return r.data;
}

/** Pretty-printed JSON with arrays on one line each (weights stay readable and the file small). */
export function formatSamnaExport(value: SamnaExport): string {
  const write = (v: unknown, indent: string): string => {
    if (Array.isArray(v) || v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Object.values(v).every((x) => x === null || typeof x !== 'object')) return JSON.stringify(v);
    const inner = `${indent}  `;
    const entries = Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`);
    return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
  };
  return `${write(value, '')}\n`;
}

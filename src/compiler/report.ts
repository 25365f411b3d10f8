/**
 * The fit report: what went where, how full each core is, and every reason why a network does not fit.
 * The object is the `--json` output (keys documented in protocol/IMAGE.md, "Fit report"); the text is
 * for people.
 */
import { z } from 'zod';

export const FIT_REPORT_VERSION = 1;

const Int = z.number().int();
const Shape = z.tuple([Int, Int, Int]).describe('[channels, height, width]');
const Pair = z.tuple([Int, Int]);

const MemoryUseSchema = z.object({
  used: Int.nonnegative().describe('words (entries for bias) the layer needs'),
  capacity: Int.nonnegative().describe(
    'what its core has (the largest core of the chip when the layer is not placed)',
  ),
  percent: z.number().nonnegative().describe('used / capacity * 100, one decimal'),
});

const DestinationFit = z.object({
  layer: z.string(),
  coreId: Int.nullable().describe("the reading layer's core; null when it is not placed"),
  pooling: Int.positive(),
});

const LayerFitSchema = z.object({
  layer: z.string().describe("the layer's name (its IF node)"),
  kind: z.enum(['conv2d', 'linear']),
  coreId: Int.nullable().describe('the core the layer runs on; null when it could not be placed'),
  inputShape: Shape.describe('[C, H, W] the core reads (after pooling)'),
  outputShape: Shape.describe('[C, H, W] of its neuron map'),
  kernelSize: Int.positive(),
  stride: Pair,
  padding: Pair,
  sources: z
    .array(z.object({ from: z.string(), pooling: Pair }))
    .describe('where the layer reads from, with the sum pooling [ph, pw] applied on the way'),
  destinations: z
    .array(DestinationFit)
    .describe('where its spikes go: the reading layers and their cores, with pooling'),
  monitor: z.boolean().describe('whether its spikes are reported to the host'),
  kernelMemory: MemoryUseSchema,
  neuronMemory: MemoryUseSchema,
  biasMemory: MemoryUseSchema,
  synopsPerInputEvent: Int.nonnegative().describe(
    'synaptic operations caused by one event arriving at this layer',
  ),
  synopsPerOutputEvent: Int.nonnegative().describe(
    'synaptic operations caused downstream by one spike of this layer (sum over its destinations)',
  ),
  scale: z.number().nullable().describe('quantization scale of the layer (from quantize), when known'),
});

const Totals = z.object({
  used: Int.nonnegative(),
  capacity: Int.nonnegative(),
  percent: z.number().nonnegative(),
});

/** The fit report as published JSON (`compile --json`, `--report`): `spikeforge schema --report`. */
export const FitReportSchema = z.object({
  reportVersion: z.literal(FIT_REPORT_VERSION),
  chip: z.string().describe('chip profile id'),
  network: z.string().nullable().describe('network name, or null'),
  sourceHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('sha256 of the source network'),
  fits: z.boolean().describe('whether every layer was placed and no limit is broken'),
  input: z.object({ name: z.string(), shape: Shape, destinations: z.array(DestinationFit) }),
  layers: z.array(LayerFitSchema).describe("one per chip layer, in the network's (topological) order"),
  totals: z.object({
    coresUsed: Int.nonnegative(),
    coresAvailable: Int.nonnegative(),
    kernelMemory: Totals,
    neuronMemory: Totals,
    biasMemory: Totals,
  }),
  errors: z.array(z.string()).describe('every reason the network does not fit (empty when it fits)'),
  warnings: z.array(z.string()).describe('things that work but deserve a look (e.g. weights quantized to 0)'),
  notes: z
    .array(z.string())
    .describe(
      'what the compiler (or quantize) changed on the way (e.g. a linear layer lowered with padding)',
    ),
});

export type MemoryUse = z.infer<typeof MemoryUseSchema>;
export type LayerFit = z.infer<typeof LayerFitSchema>;
export type FitReport = z.infer<typeof FitReportSchema>;

/** The JSON Schema (draft 2020-12) of the fit report, generated from the zod schema. */
export function fitReportJsonSchema(): object {
  return {
    ...(z.toJSONSchema(FitReportSchema) as Record<string, unknown>),
    $id: 'https://spikeforge.dev/schema/fit-report-v1.json',
    title: 'spikeforge fit report',
    description:
      'What went where on the chip, how full each core is, and every reason a network does not fit (protocol/IMAGE.md, "Fit report").',
  };
}

export function memoryUse(used: number, capacity: number): MemoryUse {
  return { used, capacity, percent: capacity > 0 ? Math.round((used / capacity) * 1000) / 10 : 0 };
}

const shape = (s: readonly number[]): string => s.join('x');
const pct = (m: { percent: number }): string => `${m.percent.toFixed(1)}%`;
const words = (n: number): string => (n >= 1024 && n % 1024 === 0 ? `${n / 1024}Ki` : String(n));
const mem = (m: MemoryUse): string => `${words(m.used)}/${words(m.capacity)} ${pct(m)}`;

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

export function formatFitReport(report: FitReport): string {
  const lines: string[] = [];
  const title = report.network ? `network "${report.network}"` : 'network';
  lines.push(
    `${title} on ${report.chip}: ${report.fits ? 'fits' : 'DOES NOT FIT'} (${report.totals.coresUsed} of ${report.totals.coresAvailable} cores)`,
  );
  const inDest = report.input.destinations
    .map(
      (d) =>
        `${d.layer}${d.coreId === null ? '' : `@${d.coreId}`}${d.pooling > 1 ? ` pool ${d.pooling}` : ''}`,
    )
    .join(', ');
  lines.push(`input "${report.input.name}" ${shape(report.input.shape)} -> ${inDest || '(nothing)'}`);
  lines.push('');
  const rows = [
    ['core', 'layer', 'kind', 'in', 'out', 'k/s/p', 'kernel mem', 'neuron mem', 'bias', 'synops/ev', '-> to'],
  ];
  for (const l of report.layers) {
    rows.push([
      l.coreId === null ? '-' : String(l.coreId),
      l.layer + (l.monitor ? ' *' : ''),
      l.kind,
      shape(l.inputShape),
      shape(l.outputShape),
      `${l.kernelSize}/${l.stride.join(',')}/${l.padding.join(',')}`,
      mem(l.kernelMemory),
      mem(l.neuronMemory),
      `${l.biasMemory.used}/${l.biasMemory.capacity}`,
      String(l.synopsPerInputEvent),
      l.destinations
        .map(
          (d) =>
            `${d.layer}${d.coreId === null ? '' : `@${d.coreId}`}${d.pooling > 1 ? ` pool ${d.pooling}` : ''}`,
        )
        .join(', ') || '(host)',
    ]);
  }
  lines.push(...table(rows));
  const t = report.totals;
  lines.push(
    '',
    `total: kernel ${mem(t.kernelMemory)}, neuron ${mem(t.neuronMemory)}, bias ${t.biasMemory.used}/${t.biasMemory.capacity} ${pct(t.biasMemory)}`,
    '(* = monitored: spikes reported to the host)',
  );
  const section = (name: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push('', `${name}:`);
    for (const i of items) lines.push(`  - ${i}`);
  };
  section('errors', report.errors);
  section('warnings', report.warnings);
  section('notes', report.notes);
  return `${lines.join('\n')}\n`;
}

import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import {
  type CompileError,
  compile,
  FitReportSchema,
  fitReportJsonSchema,
} from '../../src/compiler/index.ts';
import { conv, network, nmnistLike } from './builder.ts';

describe('the fit report schema', () => {
  it('describes the report of a network that fits, key for key', () => {
    const { report } = compile(nmnistLike(), dynapcnn9, { monitor: 'all' });
    // Parsing strips keys the schema does not know: equal means the schema names every key.
    expect(FitReportSchema.parse(report)).toEqual(report);
    expect(report.fits).toBe(true);
  });

  it('describes the report of a network that does not fit (unplaced layers, errors)', () => {
    const q = network(
      [2, 8, 8],
      [conv({ name: 'big', from: 'input', inputShape: [2, 8, 8], out: 1024, k: 3, padding: 1 })],
    );
    let report: unknown;
    try {
      compile(q, dynapcnn9);
    } catch (e) {
      report = (e as CompileError).report;
    }
    const parsed = FitReportSchema.parse(report);
    expect(parsed).toEqual(report);
    expect(parsed.fits).toBe(false);
    expect(parsed.layers[0].coreId).toBeNull();
    expect(parsed.errors.length).toBeGreaterThan(0);
  });

  it('refuses a report with a wrong field, naming it', () => {
    const { report } = compile(nmnistLike(), dynapcnn9);
    const bad = { ...report, layers: [{ ...report.layers[0], coreId: 'one' }] };
    const r = FitReportSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['layers', 0, 'coreId']);
  });

  it('is published as JSON Schema 2020-12 with every top-level key required', () => {
    const s = fitReportJsonSchema() as { $schema: string; required: string[]; properties: object };
    expect(s.$schema).toContain('2020-12');
    expect(s.required.sort()).toEqual(Object.keys(FitReportSchema.shape).sort());
    expect(Object.keys(s.properties)).toContain('layers');
  });
});

import { describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { denseReference, Emulator, parseTracePoints, runEmulator } from '../../src/emulator/index.ts';
import { formatTraceCsv } from '../../src/events/trace.ts';
import type { InputEvents, Spikes } from '../../src/events/types.ts';
import type { ChipConfig, CoreConfig } from '../../src/image/config.ts';
import { oneCoreConfig } from '../configs.ts';
import { randomCase, spikeRows } from './random.ts';

function events(rows: [number, number, number, number][]): InputEvents {
  return {
    count: rows.length,
    t: Int32Array.from(rows.map((r) => r[0])),
    c: Int32Array.from(rows.map((r) => r[1])),
    y: Int32Array.from(rows.map((r) => r[2])),
    x: Int32Array.from(rows.map((r) => r[3])),
  };
}

/** One 1x1 neuron fed by the 1x1 input through weight w. */
function oneNeuron(w: number, core: Partial<CoreConfig> = {}): ChipConfig {
  return oneCoreConfig([1, 1, 1], {
    outputShape: [1, 1, 1],
    weights: Int8Array.of(w),
    thresholdHigh: 1000,
    thresholdLow: -32768,
    ...core,
  });
}

const repeat = (n: number, t = 0): [number, number, number, number][] =>
  Array.from({ length: n }, () => [t, 0, 0, 0]);

describe('neuron semantics on hand-built configurations', () => {
  it("rejects thresholds outside the chip's int16 registers", () => {
    expect(() => new Emulator(oneNeuron(1, { thresholdHigh: 40000 }))).toThrow(/threshold_high is 40000/);
    expect(() => new Emulator(oneNeuron(1, { thresholdHigh: 0 }))).toThrow(/threshold_high is 0/);
    expect(() => new Emulator(oneNeuron(1, { thresholdLow: -40000 }))).toThrow(/threshold_low is -40000/);
    expect(() => new Emulator(oneNeuron(1, { thresholdHigh: 32767, thresholdLow: -32768 }))).not.toThrow();
  });

  it('saturates at +32767 before counting spikes', () => {
    // 300 * 127 = 38100 clamps to 32767: 32 spikes (38 without saturation), 767 left.
    const emu = new Emulator(oneNeuron(127));
    const s = emu.run(events(repeat(300)));
    expect(s.count).toBe(32);
    expect(Array.from(emu.readState('n'))).toEqual([767]);
  });

  it('saturates at -32768 and floors at threshold_low', () => {
    const emu = new Emulator(oneNeuron(-128, { thresholdLow: -30000 }));
    emu.run(events(repeat(300)));
    expect(Array.from(emu.readState('n'))).toEqual([-30000]);
    const deep = new Emulator(oneNeuron(-128));
    deep.run(events([...repeat(300, 0), ...repeat(1, 1)]));
    // -38400 clamps to -32768 at step 0; one event of -128 at step 1 clamps again.
    expect(Array.from(deep.readState('n'))).toEqual([-32768]);
  });

  it('emits several spikes per step and resets to zero in zero mode', () => {
    const sub = runEmulator(oneNeuron(100, { thresholdHigh: 30 }), events(repeat(1)));
    expect(sub.count).toBe(3);
    const emu = new Emulator(oneNeuron(100, { thresholdHigh: 30, reset: 'zero' }));
    expect(emu.run(events(repeat(1))).count).toBe(3);
    expect(Array.from(emu.readState('n'))).toEqual([0]);
  });

  it('adds the bias every step, even without input', () => {
    const emu = new Emulator(oneNeuron(0, { biases: Int16Array.of(7), thresholdHigh: 20 }));
    const s = emu.run(events([]), { steps: 10 });
    // v: 7, 14, 21->1 (spike), 8, 15, 22->2 (spike), 9, 16, 23->3 (spike), 10
    expect(Array.from(s.t)).toEqual([2, 5, 8]);
    expect(Array.from(emu.readState('n'))).toEqual([10]);
  });

  it('visits neurons with an initial state above threshold at the first step', () => {
    const emu = new Emulator(oneNeuron(1, { initialState: Int16Array.of(2500) }));
    const s = emu.run(events([]), { steps: 3 });
    expect(Array.from(s.t)).toEqual([0, 0]);
    expect(Array.from(emu.readState('n'))).toEqual([500]);
  });
});

describe('state, monitors, traces and streaming', () => {
  const { config, events: ev, steps } = randomCase(12345, { topology: 'chain' });

  it('reads, writes and resets the membrane state', () => {
    const emu = new Emulator(config, { monitor: 'all' });
    const name = config.cores[0].layer;
    const n = config.cores[0].outputShape.reduce((a, b) => a * b, 1);
    const written = Int16Array.from({ length: n }, (_, i) => (i * 37) % 200);
    emu.writeState(name, written);
    expect(Array.from(emu.readState(name))).toEqual(Array.from(written));
    const withState = emu.run(ev, { steps });
    // The same run from a config whose initial state is the written one must agree.
    const cores = config.cores.map((c, i) => (i === 0 ? { ...c, initialState: written } : c));
    const ref = denseReference({ ...config, cores }, ev, steps);
    expect(spikeRows(withState)).toEqual(spikeRows(ref));
    emu.reset();
    expect(emu.step).toBe(0);
    expect(Array.from(emu.readState(name))).toEqual(
      Array.from(config.cores[0].initialState ?? new Int16Array(n)),
    );
    expect(() => emu.writeState(name, new Int16Array(n + 1))).toThrow(/neurons/);
    expect(() => emu.readState('nope')).toThrow(/no layer named "nope"/);
  });

  it('monitors the configured, the last, all or named layers', () => {
    const all = spikeRows(new Emulator(config, { monitor: 'all' }).run(ev, { steps }));
    const last = config.cores.filter((c) => c.destinations.length === 0).map((c) => c.layer);
    const only = (names: string[]) => all.filter((r) => names.includes(r.split(',')[1]));
    expect(spikeRows(new Emulator(config, { monitor: 'last' }).run(ev, { steps }))).toEqual(only(last));
    const named = [config.cores[1].layer];
    expect(spikeRows(new Emulator(config, { monitor: named }).run(ev, { steps }))).toEqual(only(named));
    const flagged = { ...config, cores: config.cores.map((c, i) => ({ ...c, monitor: i === 0 })) };
    expect(spikeRows(new Emulator(flagged).run(ev, { steps }))).toEqual(only([config.cores[0].layer]));
    expect(() => new Emulator(config, { monitor: ['x'] })).toThrow(/no layer named "x"/);
  });

  it('delivers the same spikes through onSpikes, feed/advance and stream', async () => {
    const expected = spikeRows(new Emulator(config, { monitor: 'all' }).run(ev, { steps }));
    const collect = (batches: Spikes[]) => batches.flatMap((b) => spikeRows(b)).sort();
    const viaCallback: Spikes[] = [];
    const emu = new Emulator(config, { monitor: 'all' });
    expect(emu.run(ev, { steps, onSpikes: (b) => viaCallback.push(b) }).count).toBe(0);
    expect(collect(viaCallback)).toEqual(expected);

    const inc = new Emulator(config, { monitor: 'all' });
    const viaAdvance: Spikes[] = [];
    inc.feed(ev);
    for (let t = 1; t <= steps; t++) inc.advance(t, (b) => viaAdvance.push(b));
    expect(inc.step).toBe(steps);
    expect(collect(viaAdvance)).toEqual(expected);
    expect(() => inc.feed(events([[0, 0, 0, 0]]))).toThrow(/before step/);

    async function* chunks(): AsyncIterable<InputEvents> {
      for (let t = 0; t < steps; t++) {
        const idx = [...Array(ev.count).keys()].filter((i) => ev.t[i] === t);
        const half = Math.ceil(idx.length / 2);
        for (const part of [idx.slice(0, half), idx.slice(half)]) {
          yield events(part.map((i) => [ev.t[i], ev.c[i], ev.y[i], ev.x[i]]));
        }
      }
    }
    const viaStream: Spikes[] = [];
    for await (const b of new Emulator(config, { monitor: 'all' }).stream(chunks(), { steps }))
      viaStream.push(b);
    expect(collect(viaStream)).toEqual(expected);
  });

  it('records membrane traces after every step', () => {
    const layer = config.cores[0].layer;
    const trace = parseTracePoints(`${layer}:0:0:0,${layer}:0:1:1`);
    const emu = new Emulator(config, { trace });
    emu.run(ev, { steps });
    const tr = emu.traces();
    expect(tr.count).toBe(2 * steps);
    const step = new Emulator(config);
    step.feed(ev);
    const W = config.cores[0].outputShape[2];
    for (let t = 0; t < steps; t++) {
      step.advance(t + 1, () => {});
      const s = step.readState(layer);
      expect([tr.v[2 * t], tr.v[2 * t + 1]]).toEqual([s[0], s[W + 1]]);
    }
    expect(formatTraceCsv(tr).split('\n')[0]).toBe('t,layer,c,y,x,v');
    expect(() => parseTracePoints('a:1:2')).toThrow(/layer:c:y:x/);
  });

  it('counts synaptic operations and warns above the budget', () => {
    const emu = new Emulator(oneNeuron(1), { profile: dynapcnn9 });
    emu.run(events(repeat(5)));
    expect(emu.stats().cores[0]).toMatchObject({ synops: 5, maxSynopsPerStep: 5, maxStep: 0 });
    expect(emu.bandwidthWarnings()).toEqual([]);
    const warnings = emu.bandwidthWarnings({ ...dynapcnn9, synopsPerCorePerStep: 4 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/core 0 \(layer "n"\) needs 5 synaptic operations at step 0/);
  });

  it('drops and counts input events outside the map', () => {
    const emu = new Emulator(oneNeuron(100, { thresholdHigh: 50 }));
    const s = emu.run(
      events([
        [0, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 3, 0],
      ]),
    );
    expect(s.count).toBe(2);
    expect(emu.stats().droppedInputEvents).toBe(2);
  });
});

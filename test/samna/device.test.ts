/**
 * `samna:` devices through the real bridge on the fake samna: the device interface (flash with
 * readback, run with monitor selection and raw timestamps, readState / writeState, listing), input
 * through the DVS layer, and every failure as one line that says what to do.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dynapcnn9 } from '../../src/chip/index.ts';
import { compileNetwork } from '../../src/compiler/index.ts';
import { openDevice } from '../../src/device/index.ts';
import { SamnaBridge } from '../../src/device/samna/bridge.ts';
import { listSamnaDevices, parseSamnaUri } from '../../src/device/samna/link.ts';
import { Emulator } from '../../src/emulator/index.ts';
import { readInputCsv } from '../../src/events/csv.ts';
import { concatSpikes } from '../../src/events/ops.ts';
import type { Spikes } from '../../src/events/types.ts';
import { encodeImage } from '../../src/image/index.ts';
import { toSamnaConfig } from '../../src/image/samna.ts';
import { loadNetwork } from '../../src/network/index.ts';
import { goldenFile } from '../fixtures.ts';
import { rejectionOf, rowsOf } from '../helpers.ts';
import { FAST, restoreEnvironment, useFakeSamna } from './env.ts';

const work = mkdtempSync(join(tmpdir(), 'sf-samna-'));
afterAll(() => {
  restoreEnvironment();
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => useFakeSamna());

async function compiled(name: string, options = {}) {
  return compileNetwork(await loadNetwork(goldenFile(name, 'network.nir')), dynapcnn9, options).config;
}

async function collect(it: AsyncIterable<Spikes>, layers: string[]): Promise<Spikes> {
  const out: Spikes[] = [];
  for await (const b of it) out.push(b);
  return concatSpikes(out, layers);
}

describe('samna: devices', () => {
  it('flash (read back through samna), run, raw timestamps, readState and writeState', {
    timeout: 20_000,
  }, async () => {
    const config = await compiled('saturate_int16');
    const events = readInputCsv(goldenFile('saturate_int16', 'input.csv'));
    const stamps = join(work, 'raw.csv');
    const dev = await openDevice(`${FAST}&timestamps=${stamps}`);
    try {
      const info = await dev.info();
      expect(info.board).toBe('Speck2fDevKit through samna 0.99.0-fake');
      expect(info.serialNumber).toBe('FAKE-0001');
      expect(info.activeImage).toBeNull();
      const image = encodeImage(config);
      const r = await dev.flash(image);
      expect(r.verified).toBe('readback');
      expect((await dev.info()).activeImage?.size).toBe(image.length);
      const layers = config.cores.map((c) => c.layer);
      const got = await collect(dev.run(events, { steps: 40 }), layers);
      const emu = new Emulator(config, { monitor: 'last' });
      const want = emu.run(events, { steps: 40 });
      expect(rowsOf(got)).toEqual(rowsOf(want));
      // raw timestamps: microseconds within the spike's step
      const raw = readFileSync(stamps, 'utf8').trim().split('\n');
      expect(raw[0]).toBe('timestamp_us,step,layer,c,y,x');
      expect(raw.length - 1).toBe(got.count);
      for (const line of raw.slice(1, 50)) {
        const [ts, step] = line.split(',').map(Number);
        expect(Math.floor(ts / 1000)).toBe(step);
        expect(ts % 1000).toBeGreaterThan(0);
      }
      // no biases: the membranes stay as the last step left them
      expect(Array.from(await dev.readState('1'))).toEqual(Array.from(emu.readState('1')));
      const values = Int16Array.from({ length: 4 * 12 * 12 }, (_, i) => (i % 61) - 30);
      await dev.writeState('1', values);
      expect(Array.from(await dev.readState('1'))).toEqual(Array.from(values));
      await dev.writeState('1', []);
      expect((await dev.readState('1')).every((v) => v === 0)).toBe(true);
      expect((await dev.status()).eventsIn).toBe(events.count);
    } finally {
      await dev.close();
    }
  });

  it('input that is cropped and mirrored enters through the DVS layer, as the emulator computes it', {
    timeout: 20_000,
  }, async () => {
    const config = await compiled('integer_exact', {
      input: { sensorShape: [24, 26], crop: [1, 3, 21, 23], flipX: true, flipY: true },
    });
    expect(toSamnaConfig(config, { chip: 'speck2fdevkit' }).input.source).toBe('dvs');
    const inner = readInputCsv(goldenFile('integer_exact', 'input.csv'));
    // the golden events moved into the sensor's frame, plus some outside the crop window
    const events = {
      ...inner,
      y: inner.y.map((y) => y + 1),
      x: inner.x.map((x, i) => (i % 50 === 0 ? 0 : x + 3)),
    };
    const dev = await openDevice(FAST);
    try {
      await dev.flash(encodeImage(config));
      const layers = config.cores.map((c) => c.layer);
      const got = await collect(dev.run(events, { steps: 60, monitor: 'all' }), layers);
      const want = new Emulator(config, { monitor: 'all' }).run(events, { steps: 60 });
      expect(got.count).toBeGreaterThan(1000);
      expect(rowsOf(got)).toEqual(rowsOf(want));
    } finally {
      await dev.close();
    }
  });

  it('lists the boards samna sees, each with its URI; opens one by serial; a Speck 2e', {
    timeout: 20_000,
  }, async () => {
    process.env.FAKE_SAMNA_DEVICES = JSON.stringify([
      ['Speck2fDevKit', 'A1'],
      ['Speck2fDevKit', 'B2'],
      ['Speck2eDevKit', 'E3'],
      ['DVXplorer', 'D4'],
    ]);
    const { devices, notes } = await listSamnaDevices();
    expect(notes).toEqual(['samna sees a DVXplorer, which spikeforge does not drive']);
    expect(devices.map((d) => [d.uri, d.serialNumber])).toEqual([
      ['samna:speck2edevkit', 'E3'],
      ['samna:speck2fdevkit', 'A1'],
      ['samna:speck2fdevkit?index=1', 'B2'],
    ]);
    const dev = await openDevice('samna:speck2fdevkit/B2?settle_ms=0');
    expect((await dev.info()).serialNumber).toBe('B2');
    await dev.close();
    // a Speck 2e: its own module family and buffer-node names (BasicSourceNode_speck2e_event_speck2e_input_event)
    const e = await openDevice('samna:speck2edevkit?settle_ms=0&quiet_ms=20');
    try {
      expect((await e.info()).board).toBe('Speck2eDevKit through samna 0.99.0-fake');
      const config = await compiled('saturate_int16');
      await e.flash(encodeImage(config));
      const events = readInputCsv(goldenFile('saturate_int16', 'input.csv'));
      const got = await collect(
        e.run(events, { steps: 40 }),
        config.cores.map((c) => c.layer),
      );
      expect(rowsOf(got)).toEqual(
        rowsOf(new Emulator(config, { monitor: 'last' }).run(events, { steps: 40 })),
      );
    } finally {
      await e.close();
    }
  });

  it('parses samna URIs, refusing unknown boards and options', () => {
    expect(parseSamnaUri('samna:speck2fmodule/XY?index=2&quiet_ms=5')).toMatchObject({
      board: 'speck2fmodule',
      serial: 'XY',
      index: 2,
      quietMs: 5,
      settleMs: 1000,
    });
    expect(() => parseSamnaUri('samna:speck9')).toThrow(
      'unknown samna board "speck9": known are speck2fdevkit, speck2fmodule, speck2edevkit',
    );
    expect(() => parseSamnaUri('samna:speck2fdevkit?baud=3')).toThrow('unknown samna option "baud"');
  });
});

describe('samna: failures are one line saying what to do', () => {
  it('no python', async () => {
    process.env.SPIKEFORGE_PYTHON = join(work, 'no-such-python');
    const e = await rejectionOf(openDevice(FAST));
    expect(e.message).toMatch(/^samna:speck2fdevkit\S*: cannot start .*no-such-python: not found$/);
    expect(e.hint).toContain('SPIKEFORGE_PYTHON');
    const listed = await listSamnaDevices();
    expect(listed.devices).toEqual([]);
    expect(listed.notes[0]).toMatch(/^samna: .*not found \(install Python/);
  });

  it('no samna', async () => {
    process.env.PYTHONPATH = work;
    const e = await rejectionOf(openDevice(FAST));
    expect(e.message).toMatch(/samna is not installed for .*python.*: pip install samna$/);
    expect((await listSamnaDevices()).notes[0]).toMatch(/samna is not installed/);
  });

  it('no board, board busy', async () => {
    process.env.FAKE_SAMNA_DEVICES = '[]';
    expect((await rejectionOf(openDevice(FAST))).message).toMatch(
      /no Speck2fDevKit found \(samna sees: no devices\): plug the board in/,
    );
    expect((await listSamnaDevices()).notes).toEqual(['samna 0.99.0-fake sees no board']);
    delete process.env.FAKE_SAMNA_DEVICES;
    process.env.FAKE_SAMNA_BUSY = '1';
    const busy = await rejectionOf(openDevice(FAST));
    expect(busy.code).toBe('DEVICE_BUSY');
    expect(busy.message).toMatch(
      /samna cannot open Speck2fDevKit: Device is already opened by another process/,
    );
  });

  it("the validator's refusal and samna's own refusals, with samna's message", async () => {
    const config = await compiled('integer_exact');
    config.cores[0].thresholdLow = config.cores[0].thresholdHigh;
    const dev = await openDevice(FAST);
    try {
      const e = await rejectionOf(dev.flash(encodeImage(config)));
      expect(e.message).toMatch(
        /samna's validator refuses the configuration: layer 7: thresholds 300 \/ 300$/,
      );
      expect((await dev.info()).activeImage).toBeNull();
    } finally {
      await dev.close();
    }
    // a wrong shape and an unknown field, straight to the bridge
    const bridge = SamnaBridge.start('samna:test');
    try {
      await bridge.request('open', { board: 'speck2fdevkit' });
      const good = toSamnaConfig(await compiled('integer_exact'), { chip: 'speck2fdevkit' });
      const wrong = structuredClone(good);
      wrong.cnn_layers['7'].weights[0].pop();
      const shape = await rejectionOf(bridge.request('apply', { config: wrong, settle_ms: 0 }));
      expect(shape.message).toMatch(
        /samna refuses core 7 weights: weights \[out\]\[in\]\[x\]\[y\]: expected 2 entries/,
      );
      const unknown = structuredClone(good) as unknown as {
        cnn_layers: Record<string, Record<string, unknown>>;
      };
      unknown.cnn_layers['8'].dimensions = { ...(unknown.cnn_layers['8'].dimensions as object), dilation: 1 };
      const field = await rejectionOf(bridge.request('apply', { config: unknown, settle_ms: 0 }));
      expect(field.message).toMatch(/samna refuses core 8: .*has no attribute 'dilation'/);
    } finally {
      await bridge.close();
    }
  });

  it('samna too old: what is missing and how to update; no readback: "applied, not read back"', async () => {
    process.env.FAKE_SAMNA_WITHOUT = 'speck2f';
    const old = await rejectionOf(openDevice(FAST));
    expect(old.message).toMatch(/samna 0\.99\.0-fake has no samna\.speck2f: pip install -U samna/);
    process.env.FAKE_SAMNA_WITHOUT = 'get_configuration';
    const dev = await openDevice(FAST);
    try {
      expect((await dev.flash(encodeImage(await compiled('saturate_int16')))).verified).toBe('none');
    } finally {
      await dev.close();
    }
    // biases tick with the slow clock: a samna that cannot set it cannot run them
    process.env.FAKE_SAMNA_WITHOUT = 'get_io_module';
    const noClock = await openDevice(FAST);
    try {
      const config = await compiled('integer_exact');
      await noClock.flash(encodeImage(config));
      const events = readInputCsv(goldenFile('integer_exact', 'input.csv'));
      const e = await rejectionOf(collect(noClock.run(events), []));
      expect(e.message).toMatch(/cannot set the slow clock that makes biases tick \(no get_io_module\)/);
    } finally {
      await noClock.close();
    }
    delete process.env.FAKE_SAMNA_WITHOUT;
  });

  it('the bridge crashed: its last stderr line', async () => {
    const python = join(work, 'crashing-python');
    writeFileSync(
      python,
      '#!/bin/sh\necho "loading" >&2\necho "Segmentation fault in libsamna.so" >&2\nexit 139\n',
    );
    chmodSync(python, 0o755);
    process.env.SPIKEFORGE_PYTHON = python;
    const e = await rejectionOf(openDevice(FAST));
    expect(e.code).toBe('DISCONNECTED');
    expect(e.message).toMatch(/the samna bridge exited with code 139: Segmentation fault in libsamna.so$/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSimUri, registerSimLink } from '../../firmware-sim/link.ts';
import { isSpikeforgeError } from '../../src/errors.ts';
import { serveTcp } from '../../src/transport/tcp.ts';
import { openTransport, parseDeviceUri } from '../../src/transport/uri.ts';

registerSimLink();

describe('device URIs', () => {
  it('parses every accepted form', () => {
    expect(parseDeviceUri('serial:/dev/ttyACM0?baud=921600')).toEqual({
      kind: 'serial',
      uri: 'serial:/dev/ttyACM0?baud=921600',
      path: '/dev/ttyACM0',
      baudRate: 921600,
      pace: false,
    });
    expect(parseDeviceUri('serial:/dev/ttyUSB1?baud=115200&pace=1')).toMatchObject({
      baudRate: 115200,
      pace: true,
    });
    expect(parseDeviceUri('serial:COM3')).toMatchObject({ path: 'COM3', baudRate: 921600 });
    expect(parseDeviceUri('usb:1209:5346')).toEqual({
      kind: 'usb',
      uri: 'usb:1209:5346',
      vid: 0x1209,
      pid: 0x5346,
    });
    expect(parseDeviceUri('usb:0x1209:ABCD/SF-0001')).toMatchObject({
      vid: 0x1209,
      pid: 0xabcd,
      serial: 'SF-0001',
    });
    expect(parseDeviceUri('tcp:127.0.0.1:7000')).toEqual({
      kind: 'tcp',
      uri: 'tcp:127.0.0.1:7000',
      host: '127.0.0.1',
      port: 7000,
    });
    expect(parseDeviceUri('tcp://board.local:7000')).toMatchObject({ host: 'board.local', port: 7000 });
    expect(parseDeviceUri('tcp:[::1]:7000')).toMatchObject({ host: '::1', port: 7000 });
  });

  it('names the URI and lists the accepted forms when it is wrong', () => {
    const cases: [string, RegExp][] = [
      ['ttyACM0', /"ttyACM0": not a device URI/],
      ['bluetooth:aa:bb', /unknown scheme "bluetooth"/],
      ['serial:', /no port path/],
      ['serial:/dev/ttyACM0?baud=fast', /baud "fast" is not a positive integer/],
      ['serial:/dev/ttyACM0?parity=even', /unknown option "parity"/],
      ['usb:1209', /expected usb:<VID>:<PID>/],
      ['usb:12345:1', /VID "12345" is not a 16-bit hex number/],
      ['tcp:localhost', /expected tcp:<host>:<port>/],
      ['tcp:localhost:70000', /port 70000 is outside 1..65535/],
    ];
    for (const [uri, message] of cases) {
      let err: unknown;
      try {
        parseDeviceUri(uri);
      } catch (e) {
        err = e;
      }
      expect(isSpikeforgeError(err) && err.code).toBe('USAGE');
      expect((err as Error).message).toMatch(message);
      expect(isSpikeforgeError(err) && err.hint).toMatch(
        /serial:<path>.*\n.*usb:<VID>:<PID>.*\n.*tcp:<host>:<port>.*\n.*sim/,
      );
    }
  });

  it('a registered link parses its own URIs, and its forms join the hint', () => {
    expect(parseSimUri('sim')).toEqual({});
    expect(parseSimUri('sim?fault=drop%3D0.1&name=x')).toEqual({ fault: 'drop=0.1', name: 'x' });
    expect(() => parseSimUri('sim:board')).toThrow(/sim takes no address/);
    expect(() => parseSimUri('sim?colour=red')).toThrow(/unknown sim option "colour"/);
  });

  it('opens tcp URIs; sim is not a built-in link', async () => {
    const server = await serveTcp({ onTransport: () => {} });
    const t = await openTransport(`tcp:127.0.0.1:${server.port}`);
    expect(t.isOpen).toBe(true);
    await t.close();
    await server.close();
    await expect(openTransport('sim')).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(/"sim": not a device URI/),
    });
    await expect(openTransport('usb:1209:5346')).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
  });
});

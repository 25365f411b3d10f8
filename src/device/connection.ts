/**
 * One board session as the parts of the client share it: the Session, the board's last DeviceInfo,
 * the configuration it runs (when known), and Hello.
 */
import { randomBytes } from 'node:crypto';
import { SpikeforgeError } from '../errors.ts';
import type { ChipConfig } from '../image/config.ts';
import { BoardError, isBoardError } from '../transport/errors.ts';
import { FAST_LINK_FRAME_SIZE } from '../transport/links.ts';
import type { Envelope } from '../transport/messages.ts';
import { PROTOCOL_VERSION } from '../transport/messages.ts';
import type { Transport } from '../transport/types.ts';
import type { RequestBody } from './session.ts';
import { kindOf, Session } from './session.ts';
import type { DeviceInfo, DeviceOptions } from './types.ts';

/**
 * Requests that may be sent again after the session was lost on the way (the board applies them at most
 * once anyway: reads, and input frames, which the run stream numbers): they reconnect and go again.
 */
const RESENDABLE = new Set(['configReadback', 'getStatus', 'inputEvents', 'readState']);

/** Reconnections one request may go through (a run that stops making progress fails on its own count). */
const MAX_RECONNECTS_PER_REQUEST = 10;

/** The session is gone: the link closed under it, or the board forgot it (a reset, a pulled cable). */
export function sessionLost(e: unknown): boolean {
  return (
    (e instanceof SpikeforgeError && e.code === 'DISCONNECTED') || isBoardError(e, BoardError.NO_SESSION)
  );
}

/** Room in a frame for everything of a message but its bulk bytes (chunk data, packed events). */
export const MESSAGE_OVERHEAD = 64;

function hex(bytes: Uint8Array | null | undefined): string {
  return bytes && bytes.length > 0 ? Buffer.from(bytes).toString('hex') : '';
}

/** The smallest frame a board may grant (PROTOCOL.md): room for every message but the largest chunks. */
export const MIN_FRAME_SIZE = 512;

/**
 * DeviceInfo as the client uses it. The frame size is what the host asked for at most (`asked`) and
 * 512 at least, whatever the board claims; FIFO and window are at least 1: a faulty or hostile board
 * cannot make the client allocate or wait without bound.
 */
export function infoFrom(uri: string, d: NonNullable<Envelope['deviceInfo']>, asked: number): DeviceInfo {
  const crc = (d.activeImageCrc ?? 0) >>> 0;
  const size = d.activeImageSize ?? 0;
  return {
    uri,
    protocolVersion: d.protocolVersion ?? 0,
    board: d.board ?? '',
    firmwareVersion: d.firmwareVersion ?? '',
    chip: d.chip ?? '',
    chipCode: d.chipCode ?? 0,
    serialNumber: d.serialNumber ?? '',
    maxFrameSize: Math.max(MIN_FRAME_SIZE, Math.min(d.maxFrameSize || 4096, asked)),
    capabilities: d.capabilities ?? [],
    imageFormat: { min: d.imageFormatMin ?? 0, max: d.imageFormatMax ?? 0 },
    activeImage: size > 0 ? { crc, size, sourceHash: hex(d.activeImageHash) } : null,
    inputFifoCapacity: Math.max(1, d.inputFifoCapacity || 4096),
    outputWindow: Math.max(1, d.outputWindow || 8),
  };
}

/** A session id: 64 random bits, sent as Hello.session_id (low word) and session_id_high. */
export interface SessionId {
  low: number;
  high: number;
}

/** A fresh random session id (never 0, which the board refuses). */
export function newSessionId(): SessionId {
  for (;;) {
    const b = randomBytes(8);
    const id = { low: b.readUInt32LE(0), high: b.readUInt32LE(4) };
    if (id.low !== 0 || id.high !== 0) return id;
  }
}

export class Connection {
  /** What the board said in its last DeviceInfo (Hello, commit). */
  info: DeviceInfo;
  /** The configuration the board runs, as decoded here, and the CRC32 of its image (-1: unknown). */
  config: ChipConfig | undefined;
  configCrc = -1;
  lastRequest = Date.now();
  closed = false;

  private resuming: Promise<void> | undefined;
  /** Whether lost sessions are reconnected (`request`); off while a run was asked not to. */
  autoReconnect = true;

  /** Told of a new session (after `refresh` reconnected), so listeners move to it. */
  onSession: (session: Session) => void = () => {};
  /** Frees what reopening took (lock files of links opened again); called at close. */
  readonly releases: (() => void)[] = [];

  constructor(
    public session: Session,
    info: DeviceInfo,
    readonly sessionId: SessionId,
    /** Kept for a second Hello after the board reset (same host name, same frame size asked). */
    readonly options: DeviceOptions,
    /** Opens the link again (a device opened by URI); undefined: it cannot be reopened here. */
    private readonly reopen?: Reopen,
  ) {
    this.info = info;
  }

  get uri(): string {
    return this.session.transport.uri;
  }

  /**
   * A request on the session. A read or an input frame whose session is lost on the way (link closed,
   * board forgot the session) reconnects with the same session id and goes again.
   */
  async request(body: RequestBody, options?: Parameters<Session['request']>[1]): Promise<Envelope> {
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new SpikeforgeError('DISCONNECTED', `${this.uri}: the device was closed`);
      this.lastRequest = Date.now();
      try {
        return await this.session.request(body, options);
      } catch (e) {
        const again =
          this.autoReconnect &&
          attempt < MAX_RECONNECTS_PER_REQUEST &&
          RESENDABLE.has(kindOf(body)) &&
          sessionLost(e) &&
          (this.canReconnect || this.session.isOpen);
        if (!again) throw e;
        await this.reconnect().catch(() => {
          throw e;
        });
      }
    }
  }

  /** Whether a lost link can be opened again here (a device opened by URI, not yet closed). */
  get canReconnect(): boolean {
    return this.reopen !== undefined && !this.closed;
  }

  /**
   * After the link was lost: the link opened again and Hello with the same session id, which the board
   * answers by resuming the session (a run it held goes on). One reconnection at a time: concurrent
   * callers share it.
   */
  reconnect(): Promise<void> {
    this.resuming ??= this.refresh()
      .then(() => this.onReconnected())
      .finally(() => {
        this.resuming = undefined;
      });
    return this.resuming;
  }

  /** Told after every reconnection (the run in progress tells the board what it has received). */
  onReconnected: () => void = () => {};

  /** Hello again (after the board reset): the board's DeviceInfo is refreshed. */
  async hello(): Promise<void> {
    this.info = await hello(this.session, this.sessionId, this.options);
  }

  /**
   * What the board really runs, after a failure: Hello again on the session, or, when the link is
   * gone, on the link opened again (same session id). Throws when neither is possible.
   */
  async refresh(): Promise<void> {
    if (this.session.isOpen) {
      await this.hello();
      return;
    }
    if (!this.reopen) {
      throw new SpikeforgeError(
        'DISCONNECTED',
        `the link to ${this.uri} is closed and this device cannot reopen it`,
        {
          hint: 'open the device again (openDevice) and look at info().activeImage',
        },
      );
    }
    const { transport, release } = await this.reopen();
    const session = new Session(transport, this.options.session);
    try {
      this.info = await hello(session, this.sessionId, this.options);
    } catch (e) {
      await session.close().catch(() => {});
      release?.();
      throw e;
    }
    if (release) this.releases.push(release);
    this.session = session;
    this.onSession(session);
  }
}

/** Opens a device's link again. */
export type Reopen = () => Promise<{ transport: Transport; release?: () => void }>;

/** The frame size the host asks for in Hello. */
export function askedFrameSize(options: DeviceOptions): number {
  return options.maxFrameSize ?? FAST_LINK_FRAME_SIZE;
}

/** Hello and version negotiation; the session then accepts frames as large as the board's. */
export async function hello(
  session: Session,
  sessionId: SessionId,
  options: DeviceOptions,
): Promise<DeviceInfo> {
  const uri = session.transport.uri;
  const answer = await session.request(
    {
      hello: {
        protocolMin: PROTOCOL_VERSION,
        protocolMax: PROTOCOL_VERSION,
        host: options.host ?? `spikeforge node ${process.version}`,
        sessionId: sessionId.low,
        sessionIdHigh: sessionId.high,
        maxFrameSize: askedFrameSize(options),
      },
    },
    { timeoutMs: options.helloTimeoutMs ?? 500, retries: 3 },
  );
  if (!answer.deviceInfo) {
    throw new SpikeforgeError(
      'PROTOCOL',
      `${uri} answered Hello with "${answer.body}" instead of DeviceInfo`,
    );
  }
  const info = infoFrom(uri, answer.deviceInfo, askedFrameSize(options));
  if (info.protocolVersion !== PROTOCOL_VERSION) {
    throw new SpikeforgeError(
      'PROTOCOL_VERSION',
      `${uri} speaks protocol version ${info.protocolVersion}, this spikeforge speaks protocol version ${PROTOCOL_VERSION}`,
      { hint: 'update spikeforge or the board firmware so that both speak one protocol version' },
    );
  }
  session.maxFrameSize = Math.max(info.maxFrameSize, 4096);
  return info;
}

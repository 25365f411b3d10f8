/**
 * Flash from the host: the image checked against the board (chip, format version), staged in chunks
 * (pipelined, idempotent, resumable), committed atomically by the board, verified by CRC32 or readback;
 * and reading the running image back.
 */
import { getProfile, profiles } from '../chip/index.ts';
import { SpikeforgeError } from '../errors.ts';
import type { ChipConfig } from '../image/config.ts';
import { decodeImage, imageCrc, imageFormatVersion, imageIntact } from '../image/image.ts';
import { assertFitsChip, maxImageSize } from '../image/limits.ts';
import { BoardError, isBoardError } from '../transport/errors.ts';
import type { Envelope } from '../transport/messages.ts';
import type { Connection } from './connection.ts';
import { askedFrameSize, infoFrom, MESSAGE_OVERHEAD } from './connection.ts';
import type { FlashOptions, FlashResult } from './types.ts';

/** The smallest chunk a flash shrinks to on a lossy link. */
const MIN_CHUNK = 256;

/** Thrown inside staging when the link loses most chunks of the current size. */
class ShorterChunks extends Error {}

/**
 * Runs `tasks` with at most `window` in flight; rejects with the first error after all settled.
 * `afterLastStarted` runs once the last task has started (its request is queued on the link).
 */
export async function pipelined(
  count: number,
  window: number,
  task: (i: number) => Promise<void>,
  afterLastStarted?: () => void,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < count) {
      const i = next++;
      try {
        const running = task(i);
        if (next === count) afterLastStarted?.();
        await running;
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, worker));
  if (failure !== undefined) throw failure;
}

/** The image's format version and (unless `check` is false and it does not decode) its configuration. */
function checkImage(
  conn: Connection,
  image: Uint8Array,
  check: boolean,
): { config: ChipConfig | undefined; formatVersion: number } {
  const info = conn.info;
  let config: ChipConfig | undefined;
  let formatVersion: number;
  if (!check) {
    formatVersion = imageFormatVersion(image);
    try {
      config = decodeImage(image);
      formatVersion = config.formatVersion;
    } catch {
      config = undefined;
    }
  } else {
    config = decodeImage(image);
    formatVersion = config.formatVersion;
    if (config.chip !== info.chip) {
      throw new SpikeforgeError(
        'IMAGE_FORMAT',
        `the image is for chip "${config.chip}", ${conn.uri} carries "${info.chip}"`,
        { hint: `compile the network for ${info.chip} (spikeforge compile --chip ${info.chip})` },
      );
    }
    // Nothing is sent for an image the chip cannot run: the board would refuse it after the transfer.
    assertFitsChip(config, getProfile(config.chip));
  }
  if (formatVersion < info.imageFormat.min || formatVersion > info.imageFormat.max) {
    const range =
      info.imageFormat.min === info.imageFormat.max
        ? `${info.imageFormat.min}`
        : `${info.imageFormat.min}..${info.imageFormat.max}`;
    throw new SpikeforgeError(
      'IMAGE_VERSION',
      `the image has format version ${formatVersion}, the firmware of ${conn.uri} (${info.firmwareVersion}) applies image format version ${range}`,
      { hint: 'recompile the network with a spikeforge matching the firmware, or update the firmware' },
    );
  }
  return { config, formatVersion };
}

/**
 * Writes an image: staged chunks (pipelined, idempotent), verified by size and CRC on the board, then
 * committed atomically. Interrupted, the previous configuration keeps running; call again (with
 * `resume: true` to skip chunks the board kept).
 */
export async function flashImage(
  conn: Connection,
  image: Uint8Array,
  options: FlashOptions = {},
): Promise<FlashResult> {
  const { config, formatVersion } = checkImage(conn, image, options.check !== false);
  const crc = imageCrc(image);
  const t0 = performance.now();
  const before = conn.session.stats;
  const sentBefore = before.requests + before.retransmissions;
  const progress: Progress = {
    sent: 0,
    chunks: 0,
    chunkSize: conn.info.maxFrameSize - MESSAGE_OVERHEAD,
    restarts: 0,
  };
  const result = (verified: FlashResult['verified']): FlashResult => {
    const after = conn.session.stats;
    conn.config = config;
    conn.configCrc = config ? crc : -1;
    return {
      bytes: image.length,
      sent: progress.sent,
      crc,
      chunks: progress.chunks,
      chunkSize: progress.chunkSize,
      restarts: progress.restarts,
      verified,
      // After a reconnection the new session counts from 0; frames of the lost one are not known.
      attempts: Math.max(0, after.requests + after.retransmissions - sentBefore),
      ms: performance.now() - t0,
    };
  };
  try {
    await transfer(conn, image, crc, formatVersion, options, progress);
    if ((options.verify ?? 'crc') === 'readback') await verifyReadback(conn, image);
    return result(options.verify ?? 'crc');
  } catch (e) {
    return await recover(conn, image, crc, options, e, result);
  }
}

interface Progress {
  sent: number;
  chunks: number;
  chunkSize: number;
  restarts: number;
}

/** Stages and commits (again in shorter chunks on a lossy link, from the start after a board reset). */
/** Times a flash starts over after the board forgot its session. */
const MAX_RESTARTS = 5;

async function transfer(
  conn: Connection,
  image: Uint8Array,
  crc: number,
  formatVersion: number,
  options: FlashOptions,
  progress: Progress,
): Promise<void> {
  const full = conn.info.maxFrameSize - MESSAGE_OVERHEAD;
  for (;;) {
    try {
      // After the board forgot the session (a reset, a pulled cable), the chunks it still holds are
      // skipped: a reset left none, a pulled cable all that arrived.
      const resume = (progress.restarts > 0 || (options.resume ?? false)) && progress.chunkSize === full;
      const r = await stage(conn, image, crc, formatVersion, options, resume, progress.chunkSize);
      progress.sent += r.sent;
      progress.chunks = r.chunks;
      break;
    } catch (e) {
      if (e instanceof ShorterChunks) {
        // The link loses most chunks of this size: stage again in shorter ones, which get through.
        progress.chunkSize = Math.max(MIN_CHUNK, progress.chunkSize >> 1);
        continue;
      }
      // The board forgot the session in the middle (it reset, or the cable was pulled): Hello again and
      // go on, a few times.
      if (!isBoardError(e, BoardError.NO_SESSION) || progress.restarts >= MAX_RESTARTS) throw e;
      progress.restarts++;
      await conn.hello();
    }
  }
  const active = conn.info.activeImage;
  if (active?.crc !== crc || active.size !== image.length) {
    throw new SpikeforgeError(
      'IMAGE_CRC',
      `${conn.uri} reports CRC32 0x${(active?.crc ?? 0).toString(16)} for its configuration after commit, expected 0x${crc.toString(16)}`,
      { hint: 'flash again; if it repeats, the board firmware is faulty' },
    );
  }
}

async function verifyReadback(conn: Connection, image: Uint8Array): Promise<void> {
  const back = await readImage(conn);
  const same = back.length === image.length && back.every((b, i) => b === image[i]);
  if (!same) {
    throw new SpikeforgeError(
      'IMAGE_CRC',
      `the image read back from ${conn.uri} differs from the image flashed`,
      {
        hint: 'flash again; if it repeats, the board memory is faulty',
      },
    );
  }
}

const hex8 = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * After a failed flash: reconnect (or Hello again) and ask the board what it runs. The image applied
 * and verified after all is a success; otherwise the error says "not applied", "applied, verification
 * not finished", or that the client could not find out.
 */
async function recover(
  conn: Connection,
  image: Uint8Array,
  crc: number,
  options: FlashOptions,
  failure: unknown,
  result: (verified: FlashResult['verified']) => FlashResult,
): Promise<FlashResult> {
  if (!(failure instanceof SpikeforgeError) || conn.closed) throw failure;
  const state = (what: string, detail: string): SpikeforgeError =>
    new SpikeforgeError(failure.code, `${failure.message}; ${detail}`, {
      hint: failure.hint,
      details: [...failure.details, `flash: ${what}`],
      cause: failure,
    });
  try {
    await conn.refresh();
  } catch (e) {
    throw state(
      'unknown',
      `could not reach ${conn.uri} again to learn whether the image was applied (${(e as Error).message})`,
    );
  }
  const active = conn.info.activeImage;
  if (active?.crc !== crc || active.size !== image.length) {
    const runs = active ? `image CRC32 ${hex8(active.crc)}` : 'no image';
    throw state('not applied', `not applied: ${conn.uri} runs ${runs}, this image is ${hex8(crc)}`);
  }
  if ((options.verify ?? 'crc') === 'crc') return result('crc'); // applied, and the board's CRC is the check
  try {
    await verifyReadback(conn, image);
  } catch (e) {
    throw state(
      'applied, not verified',
      `applied, verification not finished: ${conn.uri} runs this image (CRC32 ${hex8(crc)}), the readback failed (${(e as Error).message})`,
    );
  }
  return result('readback');
}

async function stage(
  conn: Connection,
  image: Uint8Array,
  crc: number,
  formatVersion: number,
  options: FlashOptions,
  resume: boolean,
  chunkSize: number,
): Promise<{ sent: number; chunks: number }> {
  const begin = await conn.request({
    configBegin: {
      imageSize: image.length,
      imageCrc: crc,
      imageFormatVersion: formatVersion,
      resume,
      chunkSize,
    },
  });
  const staged = begin.configStaged;
  if (!staged) throw new SpikeforgeError('PROTOCOL', `${conn.uri} answered ConfigBegin with "${begin.body}"`);
  const chunks = Math.ceil(image.length / chunkSize);
  const have = staged.received ?? new Uint8Array(0);
  const missing: number[] = [];
  let done = 0;
  for (let i = 0; i < chunks; i++) {
    if ((have[i >> 3] ?? 0) & (1 << (i & 7))) done += Math.min(chunkSize, image.length - i * chunkSize);
    else missing.push(i);
  }
  options.onProgress?.(done, image.length);
  let sent = 0;
  let answered = 0;
  let attempts = 0;
  // ConfigCommit follows the last chunk at once instead of a round trip later. If it overtakes a
  // chunk that had to be resent, the board answers IMAGE_SIZE (chunks missing, staging kept) and it
  // is sent again once every chunk is acknowledged.
  const commitBody = { configCommit: { imageCrc: crc } };
  let early: Promise<Envelope> | undefined;
  const sendCommit = () => {
    early = conn.request(commitBody);
    early.catch(() => {}); // awaited below, unless a chunk failed first
  };
  const staging = pipelined(
    missing.length,
    options.window ?? 8,
    async (k) => {
      const offset = missing[k] * chunkSize;
      const data = image.subarray(offset, Math.min(offset + chunkSize, image.length));
      try {
        await conn.request(
          { configChunk: { offset, data } },
          {
            onAnswered: (n) => {
              attempts += n;
            },
          },
        );
      } catch (e) {
        // No answer to a chunk while shorter requests got through: the chunks are too long for the link.
        if (chunkSize > MIN_CHUNK && e instanceof SpikeforgeError && e.code === 'TIMEOUT')
          throw new ShorterChunks();
        throw e;
      }
      answered++;
      // More than two attempts per chunk on average: shorter chunks, unless the commit is on its way.
      if (chunkSize > MIN_CHUNK && answered >= 4 && attempts > 2 * answered) throw new ShorterChunks();
      sent += data.length;
      done += data.length;
      options.onProgress?.(done, image.length);
    },
    sendCommit,
  );
  await staging.catch(async (e: unknown) => {
    // Before staging again in shorter chunks, the commit already sent settles: it may even have applied
    // the image (the lost answer was to a chunk the board had), which then needs no second staging.
    if (!(e instanceof ShorterChunks) || !early) throw e;
    const applied = await early.then(
      (c) => c.deviceInfo,
      () => undefined,
    );
    if (!applied) throw e;
  });
  if (!early) sendCommit();
  const commit = await (early as Promise<Envelope>).catch((e: unknown) => {
    if (!isBoardError(e, BoardError.IMAGE_SIZE)) throw e;
    return conn.request(commitBody);
  });
  if (!commit.deviceInfo)
    throw new SpikeforgeError('PROTOCOL', `${conn.uri} answered ConfigCommit with "${commit.body}"`);
  conn.info = infoFrom(conn.uri, commit.deviceInfo, askedFrameSize(conn.options));
  return { sent, chunks };
}

/** The running image, read back from the board. */
export async function readImage(conn: Connection): Promise<Uint8Array> {
  const size = conn.info.activeImage?.size ?? 0;
  if (size === 0) {
    throw new SpikeforgeError('DEVICE_ERROR', `${conn.uri} has no configuration`, {
      hint: 'flash an image first (spikeforge flash <image> --device <uri>)',
    });
  }
  // A size no image of the board's chip can have is not downloaded (a faulty or hostile board).
  const profile = profiles.find((p) => p.id === conn.info.chip);
  const max = profile ? maxImageSize(profile) : 16 << 20;
  if (size > max) {
    throw new SpikeforgeError(
      'PROTOCOL',
      `${conn.uri} reports a running image of ${size} bytes; an image for ${conn.info.chip} has at most ${max}`,
      {
        hint: 'the board firmware is faulty (or not a spikeforge board); flash the image again or reset the board',
      },
    );
  }
  const out = new Uint8Array(size);
  const step = conn.info.maxFrameSize - MESSAGE_OVERHEAD;
  await pipelined(Math.ceil(size / step), 8, async (i) => {
    const length = Math.min(step, size - i * step);
    const answer = await conn.request({ configReadback: { offset: i * step, length } });
    const data = answer.configData?.data;
    if (!data || data.length !== length) {
      throw new SpikeforgeError(
        'PROTOCOL',
        `${conn.uri}: readback at offset ${i * step} returned ${data?.length ?? 0} bytes`,
      );
    }
    out.set(data, i * step);
  });
  return out;
}

/** The configuration the board runs (from the flashed image, or read back): core ids -> layer names. */
export async function activeConfig(conn: Connection): Promise<ChipConfig> {
  const active = conn.info.activeImage;
  if (!active) {
    throw new SpikeforgeError('DEVICE_ERROR', `${conn.uri} has no configuration to run`, {
      hint: 'flash an image first (spikeforge flash <image> --device <uri>)',
    });
  }
  if (conn.config && conn.configCrc === active.crc) return conn.config;
  const image = await readImage(conn);
  if (!imageIntact(image) || imageCrc(image) !== active.crc) {
    throw new SpikeforgeError(
      'IMAGE_CRC',
      `the image read back from ${conn.uri} does not match the CRC32 it reports`,
    );
  }
  conn.config = decodeImage(image, `${conn.uri} (read back)`);
  conn.configCrc = active.crc;
  return conn.config;
}

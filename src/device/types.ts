/** The device client's public types: what a board says about itself, and the options of flash and run. */
import type { Monitor } from '../image/monitor.ts';
import type { SessionOptions } from './session.ts';

export interface DeviceInfo {
  uri: string;
  protocolVersion: number;
  board: string;
  firmwareVersion: string;
  chip: string;
  chipCode: number;
  serialNumber: string;
  maxFrameSize: number;
  capabilities: string[];
  imageFormat: { min: number; max: number };
  /** The running configuration: CRC32 and size of its image, sha256 (hex) of its source network; null: none. */
  activeImage: { crc: number; size: number; sourceHash: string } | null;
  inputFifoCapacity: number;
  outputWindow: number;
}

export interface DeviceStatus {
  eventsIn: number;
  eventsOut: number;
  dropped: number;
  crcErrors: number;
  retransmissions: number;
  step: number;
  running: boolean;
  fifoUsed: number;
  fifoCapacity: number;
  framesIn: number;
  framesOut: number;
}

export interface FlashOptions {
  /** Called after every acknowledged chunk with bytes staged so far and the image size. */
  onProgress?: (bytes: number, total: number) => void;
  /** 'crc' (default): the board's CRC32 of the committed image; 'readback': also read it back and compare. */
  verify?: 'crc' | 'readback';
  /** Keep chunks the board already staged for this very image (after an interrupted flash). */
  resume?: boolean;
  /** false: send the image without decoding it on the host first (the board still checks it). */
  check?: boolean;
  /** Chunks in flight at once (default 8). */
  window?: number;
}

export interface FlashResult {
  bytes: number;
  /** Bytes actually sent (less than `bytes` when a resume found chunks already staged). */
  sent: number;
  crc: number;
  chunks: number;
  /** Bytes per chunk in the end: the frame's room, or less when a lossy link made the flash shrink them. */
  chunkSize: number;
  /** Times the flash started over because the board reset in the middle. */
  restarts: number;
  /** Frames sent for the flash, retransmissions included (a clean link: one per request). */
  attempts: number;
  /** Wall time of the flash, ms. */
  ms: number;
  /** How the write was checked; 'none': applied, but the board cannot report it back (samna without readback). */
  verified: 'crc' | 'readback' | 'none';
}

export interface DeviceRunOptions {
  /** Which layers' spikes to read back; default: the image's own choice. */
  monitor?: Monitor;
  /** Steps to run; default: last input step + 1. */
  steps?: number;
  /** Pace steps at the chip's step duration instead of as fast as possible. */
  realtime?: boolean;
  /** Keep the neuron state of the previous run instead of the configured initial state (steps count from 0 again). */
  keepState?: boolean;
  /** Input frames in flight at once (default 8). */
  window?: number;
  /**
   * When the link is lost mid-run, open it again and resume the run where it was (the board holds a
   * run for its session a while): default true. false: the run fails with the lost link.
   */
  reconnect?: boolean;
}

export interface DeviceOptions {
  session?: SessionOptions;
  /** Hello: wait per attempt (default 500 ms) and attempts (default 4). */
  helloTimeoutMs?: number;
  /** Host name sent in Hello. */
  host?: string;
  /**
   * Largest frame payload to ask the board for (default 64 KiB: few, large frames on a fast link). A
   * slow serial line wants short frames, so one bit error costs little line time: `openDevice` asks
   * less there. The board answers with what it grants (DeviceInfo.max_frame_size).
   */
  maxFrameSize?: number;
}

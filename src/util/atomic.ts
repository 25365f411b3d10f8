/**
 * Writing files so that nothing is ever half-written: data goes to a temporary sibling that is renamed
 * over the target at the end, so a reader sees the old file or the whole new one.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { SpikeforgeError } from '../errors.ts';

function cannotWrite(path: string, e: unknown): SpikeforgeError {
  return new SpikeforgeError('FILE_WRITE', `${path}: cannot write (${(e as Error).message})`, {
    hint: 'check that the folder exists and is writable',
  });
}

/** A file written in pieces (long runs stream their spikes), made visible only by `commit()`. */
export class AtomicFile {
  private readonly tmp: string;
  private readonly fd: number;

  constructor(private readonly path: string) {
    this.tmp = `${path}.${process.pid}.tmp`;
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (e) {
      throw cannotWrite(path, e);
    }
  }

  write(data: string | Uint8Array): void {
    try {
      if (typeof data === 'string') writeSync(this.fd, data);
      else writeSync(this.fd, data);
    } catch (e) {
      this.abort();
      throw cannotWrite(this.path, e);
    }
  }

  commit(): void {
    try {
      closeSync(this.fd);
      renameSync(this.tmp, this.path);
    } catch (e) {
      this.abort();
      throw cannotWrite(this.path, e);
    }
  }

  /** Drops the temporary file; the target is left as it was. */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      // already gone
    }
  }
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const f = new AtomicFile(path);
  f.write(data);
  f.commit();
}

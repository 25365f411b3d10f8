/**
 * Writing files so that nothing is ever half-written: data goes to a temporary sibling that is renamed
 * over the target at the end, so a reader sees the old file or the whole new one.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { SpikeforgeError } from '../errors.ts';

/** Names the target (not the temporary sibling) and the reason in words. */
function cannotWrite(path: string, e: unknown): SpikeforgeError {
  const code = (e as NodeJS.ErrnoException).code;
  const folder = dirname(path);
  const [why, hint] =
    code === 'ENOENT'
      ? [`the folder ${folder} does not exist`, 'create the folder first, or write somewhere else']
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? [`no permission to write in ${folder}`, 'write to a folder you own']
        : code === 'EISDIR'
          ? ['it is a directory', 'name a file, not a folder']
          : code === 'ENOSPC'
            ? ['the disk is full', 'free some space and run again']
            : [(e as Error).message, 'check that the folder exists and is writable'];
  return new SpikeforgeError('FILE_WRITE', `${path}: cannot write (${why})`, { hint, cause: e });
}

/** Files being written, so that an interrupted process can remove their temporary siblings. */
const pending = new Set<AtomicFile>();

/** Aborts every file not yet committed (the CLI calls it when interrupted): no `.tmp` is left behind. */
export function abortPendingFiles(): void {
  for (const f of [...pending]) f.abort();
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
    pending.add(this);
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
    pending.delete(this);
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
    pending.delete(this);
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

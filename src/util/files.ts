/**
 * Reading the files a user names (networks, images, event recordings, traces): every failure becomes a
 * SpikeforgeError that names the path and says what to check, never a bare Node error.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { SpikeforgeError } from '../errors.ts';

/** The SpikeforgeError for a failed open/read of `path` (ENOENT, EISDIR, EACCES, ...). */
function readError(path: string, e: unknown): SpikeforgeError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new SpikeforgeError('FILE_NOT_FOUND', `${path}: no such file`, {
      hint: 'check the path (relative paths start at the current directory)',
    });
  }
  if (code === 'EISDIR') {
    return new SpikeforgeError('FILE_READ', `${path}: is a directory, expected a file`, {
      hint: 'name a file inside it',
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new SpikeforgeError('FILE_READ', `${path}: permission denied`, {
      hint: 'check that the file is readable by you',
    });
  }
  return new SpikeforgeError('FILE_READ', `${path}: cannot read (${(e as Error).message})`, { cause: e });
}

/** The whole file as bytes. */
export function readUserFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw readError(path, e);
  }
}

/** The whole file as UTF-8 text. */
export function readUserText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw readError(path, e);
  }
}

/**
 * A file descriptor for reading `path` piece by piece (the caller closes it). A directory is refused here,
 * since opening one succeeds and only the first read would fail.
 */
export function openUserFile(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw readError(path, e);
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw readError(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  }
  return fd;
}

import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file that must survive a power cut whole or not at all (a key, the terminal's identity): into a 0600
 * temporary beside it, fsynced, renamed over the file, and the directory fsynced so the rename itself is on disk.
 * Without that, a cut could leave an empty key while SQLite already holds data sealed with it.
 */
export const writeFileDurably = (file: string, data: Buffer | string, options: { mode?: number } = {}): void => {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    // A file rewritten in place (the terminal's config) keeps its mode exactly, whatever the umask.
    if (options.mode !== undefined) fchmodSync(fd, options.mode);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
};

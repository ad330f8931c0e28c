import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { lockdownPieceContents } from './lockdown-pieces.ts';

/** A piece could not be written; `reason` is one line a technician can act on. */
export class LockdownInstallFailed extends Error {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(`cannot write ${file}: ${reason}`);
    this.file = file;
    this.reason = reason;
  }
}

/**
 * Writes a file so that no reader ever sees half of it: a hidden temporary beside it (a name sudo's includedir,
 * udev, systemd and tmpfiles all skip, should one be left behind), its mode set explicitly (whatever the umask),
 * flushed, then renamed over the old one.
 */
const writeAtomically = async (file: string, content: string, mode: number) => {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.new`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, mode);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
};

/**
 * Installs every piece of the lockdown under a root, in order, and returns what it wrote; stops at the first file
 * it cannot write (LockdownInstallFailed). Writes files only: `applyLockdown` tells the running system.
 */
export const installLockdownPieces = async (root = '/'): Promise<Array<{ piece: string; file: string }>> => {
  const written: Array<{ piece: string; file: string }> = [];
  for (const { piece, file, content, mode } of await lockdownPieceContents(root)) {
    try {
      await writeAtomically(file, content, mode);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new LockdownInstallFailed(file, code === 'EACCES' || code === 'EPERM' ? 'run as root (sudo kioskctl lockdown install)' : (error as Error).message);
    }
    written.push({ piece, file });
  }
  return written;
};

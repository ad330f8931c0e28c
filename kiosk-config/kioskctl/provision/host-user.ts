import { execFileSync } from 'node:child_process';
import { chownSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { KIOSK_HOST_USER } from '../../../main/lockdown/os-session-pieces.ts';

/** The host user's uid and gid, or null where it does not exist (a development machine). */
const hostUser = (): { uid: number; gid: number } | null => {
  try {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, KIOSK_HOST_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()));
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid: uid as number, gid: gid as number } : null;
  } catch {
    return null;
  }
};

const chownTree = (target: string, uid: number, gid: number) => {
  chownSync(target, uid, gid);
  if (lstatSync(target).isDirectory()) for (const entry of readdirSync(target)) chownTree(path.join(target, entry), uid, gid);
};

/**
 * Provisioning runs as root; the host runs as gov-kiosk and must own its data directory (its keys) and read the staff
 * file. Hands them over when run as root on a terminal that has the host's user; null (nothing done) otherwise.
 */
export const handOverToHostUser = (paths: readonly string[]): string | null => {
  if (process.getuid?.() !== 0) return null;
  const user = hostUser();
  if (user === null) return null;
  for (const target of paths) chownTree(target, user.uid, user.gid);
  return KIOSK_HOST_USER;
};

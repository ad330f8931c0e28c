import { readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The temp directories the kiosk makes — a scan's pages (drivers/scanner/sane-sheet-scanner.ts), a Chromium
 * profile (main/browser-shell/chromium.ts) — hold a citizen's pages while they are in use and are removed after.
 * A host that dies (a crash, a power cut) leaves them behind, so each is named kiosk-<what>-<pid>-<random> and the
 * next host removes, at start, those whose process is gone. A live host's stay (tests run several side by side).
 */
export type KioskTempDir = 'scan' | 'chromium';

const NAME = /^kiosk-(?:scan|chromium)-(\d+)-[^/]+$/;

/** The mkdtemp prefix for one of this process's temp directories. */
export const kioskTempDirPrefix = (what: KioskTempDir, root: string = os.tmpdir()): string => path.join(root, `kiosk-${what}-${process.pid}-`);

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the kiosk temp directories of processes that are gone; resolves with the paths removed. */
export const sweepStaleTempDirs = async (root: string = os.tmpdir()): Promise<string[]> => {
  const removed: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const pid = Number(NAME.exec(entry.name)?.[1] ?? Number.NaN);
    if (!entry.isDirectory() || !Number.isSafeInteger(pid) || pid <= 0 || isRunning(pid)) continue;
    const dir = path.join(root, entry.name);
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
};

import { execFile } from 'node:child_process';

/**
 * The browser-shell host's systemd unit (main/lockdown/os/systemd/gov-service-kiosk.service): on a terminal its log
 * (stderr, JSON lines) goes to journald.
 */
export const HOST_UNIT = 'gov-service-kiosk';

/** The unit's last `lines` journal lines, or why there are none (no journalctl here, no permission to read it). */
export const hostJournal = (lines: number): Promise<{ text: string } | { missing: string }> =>
  new Promise((resolve) => {
    execFile('journalctl', ['-u', HOST_UNIT, '-n', String(lines), '--no-pager', '-o', 'short-iso'], { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error === null) return resolve({ text: stdout });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ missing: 'journalctl is not installed here (not a systemd terminal)' });
      resolve({ missing: `journalctl failed: ${stderr.trim().split('\n').at(-1) ?? error.message}` });
    });
  });

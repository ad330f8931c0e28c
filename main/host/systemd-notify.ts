import { execFile } from 'node:child_process';
import type { Logger } from 'pino';

/**
 * Tells systemd how the terminal is doing (sd_notify), when it runs as a `Type=notify` service with a watchdog
 * (main/lockdown/os/systemd/gov-service-kiosk.service): READY=1 once the terminal has started, WATCHDOG=1 every
 * half of WATCHDOG_USEC, STOPPING=1 on the way out. Node cannot send a unix datagram, so each message is a
 * `systemd-notify` child (which waits until systemd has read it, so that its PID can still be matched to our
 * cgroup: hence NotifyAccess=all in the unit). Outside systemd (no NOTIFY_SOCKET) it does nothing.
 *
 * The pings are timers on the event loop, on purpose: if the loop blocks (an endless loop, a synchronous call that
 * hangs), the pings stop, and systemd kills and restarts the host after WatchdogSec. A ping is a sign of life of
 * the loop that serves the kiosk, not of a helper thread.
 */
export interface ServiceManagerNotifier {
  /** Whether a service manager listens (NOTIFY_SOCKET is set). */
  readonly enabled: boolean;
  /** The terminal is up: READY=1, then the watchdog pings (when the unit has a watchdog for this process). */
  ready(status: string): void;
  /** The terminal is stopping: the pings end, STOPPING=1 is sent (resolves when it was, or failed). */
  stopping(): Promise<void>;
}

export interface SystemdNotifierOptions {
  readonly log: Logger;
  readonly env?: NodeJS.ProcessEnv;
  readonly pid?: number;
  /** The notifier's program; `systemd-notify` from PATH. */
  readonly command?: string;
}

const SEND_TIMEOUT_MS = 10_000;

/** Half the watchdog's period in ms, or null when systemd watches no process or another one (WATCHDOG_PID). */
export const watchdogPingInterval = (env: NodeJS.ProcessEnv, pid: number): number | null => {
  const usec = Number(env['WATCHDOG_USEC']);
  if (!Number.isFinite(usec) || usec <= 0) return null;
  const watched = env['WATCHDOG_PID'];
  if (watched !== undefined && watched !== '' && Number(watched) !== pid) return null;
  return Math.max(1, Math.floor(usec / 2000));
};

export const systemdNotifier = (options: SystemdNotifierOptions): ServiceManagerNotifier => {
  const env = options.env ?? process.env;
  const { log } = options;
  const command = options.command ?? 'systemd-notify';
  const enabled = Boolean(env['NOTIFY_SOCKET']);
  let pinger: NodeJS.Timeout | null = null;
  let pingInFlight = false;
  let stopped = false;

  const send = (assignments: readonly string[]): Promise<boolean> =>
    new Promise((resolve) => {
      execFile(command, assignments, { env, timeout: SEND_TIMEOUT_MS }, (error, _stdout, stderr) => {
        if (error !== null) {
          const reason = stderr.trim().split('\n')[0] || error.message;
          log.warn({ message: assignments.join(' '), reason }, 'systemd was not told');
        }
        resolve(error === null);
      });
    });

  const ping = () => {
    if (pingInFlight || stopped) return;
    pingInFlight = true;
    void send(['WATCHDOG=1']).finally(() => (pingInFlight = false));
  };

  return {
    enabled,
    ready(status) {
      if (!enabled || stopped) return;
      void send(['READY=1', `STATUS=${status}`]);
      const interval = watchdogPingInterval(env, options.pid ?? process.pid);
      if (interval === null || pinger !== null) return;
      log.info({ intervalMs: interval }, 'pinging the systemd watchdog');
      pinger = setInterval(ping, interval);
      // The pings alone must not keep the process alive.
      pinger.unref();
    },
    async stopping() {
      if (!enabled || stopped) return;
      stopped = true;
      if (pinger !== null) clearInterval(pinger);
      pinger = null;
      await send(['STOPPING=1']);
    },
  };
};

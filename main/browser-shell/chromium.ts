import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { kioskTempDirPrefix } from '../host/stale-temp-dirs.ts';
import { sudoChromiumCommand } from '../lockdown/os-session-pieces.ts';

export type ChromiumMode = 'kiosk' | 'headless';

/**
 * Where launch files go: the host's runtime directory (systemd's RuntimeDirectory=, /run/gov-service-kiosk), which
 * the managed policy allows Chromium to open (and nothing else of the disk); where that cannot be had (a
 * developer's machine), the browser's own fresh profile.
 */
export const LAUNCH_DIR = path.join(process.env['RUNTIME_DIRECTORY']?.split(':')[0] ?? '/run/gov-service-kiosk', 'launch');

/**
 * The launch URL carries a one-time token: on Chromium's command line anyone on the machine could read it
 * (/proc/<pid>/cmdline), so Chromium opens a file readable by its user only, which forwards it there at once.
 * Removed when that browser exits. Chromium running as the host's user: 0600, in a 0700 directory (or its own
 * profile). Chromium running as the screen's user: 0640 in the setgid launch directory the terminal's tmpfiles make
 * (2750, group gov-kiosk-ui), so that user, and no other, reads it; there is no fallback then.
 */
const writeLaunchFile = async (profile: string, url: string, shared: boolean): Promise<string> => {
  const dir = await mkdir(LAUNCH_DIR, { recursive: true, mode: 0o700 }).then(
    () => LAUNCH_DIR,
    (error: unknown) => {
      if (shared) throw new Error(`no launch directory ${LAUNCH_DIR} for Chromium's user: ${(error as Error).message} (run kioskctl lockdown install)`);
      return profile;
    },
  );
  const file = path.join(dir, `launch-${randomBytes(8).toString('hex')}.html`);
  const target = url.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  await writeFile(file, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}">`, { mode: shared ? 0o640 : 0o600 });
  return file;
};

/** Chromium's helper processes may still be writing into the profile for a moment after the browser exits. */
const removeProfile = (dir: string) => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });

export interface ChromiumArgsOptions {
  url: string;
  userDataDir: string;
  mode: ChromiumMode;
  /** Chromium refuses to run its sandbox as root; only then is --no-sandbox added. */
  runningAsRoot: boolean;
  /**
   * How the page of a terminal that scans documents with a camera gets it, with no prompt a citizen could refuse or
   * a kiosk window could hide. 'policy': the managed policy grants it to the kiosk's origin alone
   * (VideoCaptureAllowedUrls; every other origin is refused) — a locked-down terminal. 'auto-accept': Chromium
   * answers every camera request itself (`--use-fake-ui-for-media-stream`, whatever the origin) — only without the
   * policy (the demo, development). 'none' (default): no camera.
   */
  camera?: ChromiumCamera;
}

export type ChromiumCamera = 'none' | 'policy' | 'auto-accept';

/**
 * Chromium's command line for the kiosk: full screen app window with no browser UI, nothing phoning home
 * (these machines and many halls have no internet: background requests only fail and slow start-up),
 * no first-run or crash dialogs, no pinch zoom or swipe-back navigation on touch screens.
 */
export const chromiumArgs = (options: ChromiumArgsOptions): string[] => [
  ...(options.mode === 'kiosk' ? ['--kiosk', `--app=${options.url}`] : ['--headless']),
  `--user-data-dir=${options.userDataDir}`,
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--disable-translate',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--password-store=basic',
  ...(options.runningAsRoot ? ['--no-sandbox'] : []),
  ...(options.camera === 'auto-accept' ? ['--use-fake-ui-for-media-stream'] : []),
  ...(options.mode === 'headless' ? [options.url] : []),
];

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The configured Chromium, else the first of the usual names on PATH; null when there is none. */
export const findChromium = (configured: string | undefined, searchPath = process.env['PATH'] ?? ''): string | null => {
  const isExecutable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (configured !== undefined) return isExecutable(configured) ? configured : null;
  for (const name of CANDIDATES) {
    for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return null;
};

export interface ChromiumSupervisorOptions {
  executablePath: string;
  mode: ChromiumMode;
  /** A fresh one-time URL for every (re)start. */
  issueUrl: () => string;
  /** The page is gone (crash, someone closed it): whatever it showed must not come back with the next one. */
  onPageGone: () => void;
  /** A browser is being started (the first, or a restart): its page is the one to watch from now on. */
  onLaunch?: () => void;
  log: Logger;
  /** See ChromiumArgsOptions.camera. */
  camera?: ChromiumCamera;
  /** Chromium's environment (its display), for the first start and every restart; default the host's. */
  env?: NodeJS.ProcessEnv;
  /**
   * Run Chromium as this user (the screen's), through sudo and the kiosk-chromium launcher, which picks and wipes
   * its profile: then executablePath is not used, and the launcher's Chromium is Debian's.
   */
  user?: string;
}

export interface ChromiumSupervisor {
  readonly pid: number | undefined;
  /**
   * Ends the running browser (its page crashed or hangs) so that it starts again with a fresh profile and token,
   * as after any exit. Nothing happens while no browser runs (one is about to start).
   */
  restart(why: string): void;
  stop(): Promise<void>;
}

const RESTART_MIN_MS = 1000;
const RESTART_MAX_MS = 30_000;
const STOP_GRACE_MS = 3000;

/**
 * Keeps the kiosk window up: Chromium is restarted (with a new launch token and a new, empty profile)
 * whenever it exits or fails to start, backing off while it keeps failing. Each profile is deleted when its
 * browser exits, and the page being gone ends the citizen session (onPageGone), so nothing a citizen did
 * survives a restart.
 */
export const superviseChromium = async (options: ChromiumSupervisorOptions): Promise<ChromiumSupervisor> => {
  const { log } = options;
  let child: ChildProcess | null = null;
  let profile: string | null = null;
  let stopping = false;
  let quickExits = 0;
  let restartTimer: NodeJS.Timeout | null = null;

  /** After an exit or a failed start: try again at once, then backing off while it keeps failing within a minute. */
  const scheduleRestart = (startedAt: number, why: object) => {
    if (stopping) return;
    quickExits = Date.now() - startedAt > 60_000 ? 1 : quickExits + 1;
    const delay = Math.min(RESTART_MIN_MS * 2 ** (quickExits - 1), RESTART_MAX_MS);
    log.warn({ ...why, restartInMs: delay }, 'Chromium is gone; restarting');
    restartTimer = setTimeout(() => void launch(), delay);
  };

  const launch = async () => {
    restartTimer = null;
    const ownProfile = await mkdtemp(kioskTempDirPrefix('chromium'));
    if (stopping) {
      await removeProfile(ownProfile).catch(() => undefined);
      return;
    }
    profile = ownProfile;
    options.onLaunch?.();
    const startedAt = Date.now();
    let launchFile: string;
    try {
      launchFile = await writeLaunchFile(ownProfile, options.issueUrl(), options.user !== undefined);
    } catch (error) {
      log.error({ err: error }, 'Chromium could not be started');
      await removeProfile(ownProfile).catch(() => undefined);
      scheduleRestart(startedAt, { error: (error as Error).message });
      return;
    }
    const args = chromiumArgs({
      url: pathToFileURL(launchFile).href,
      userDataDir: ownProfile,
      mode: options.mode,
      runningAsRoot: options.user === undefined && process.getuid?.() === 0,
      camera: options.camera ?? 'none',
    });
    const command =
      options.user === undefined
        ? { command: options.executablePath, args }
        : sudoChromiumCommand(args.filter((arg) => !arg.startsWith('--user-data-dir=')), options.user);
    const spawned = spawn(command.command, command.args, { stdio: ['ignore', 'ignore', 'pipe'], env: options.env ?? process.env });
    child = spawned;
    spawned.stderr?.resume();
    // A browser that never started emits 'error' and no 'exit'; one that ran emits 'exit'. Either way, once.
    let gone = false;
    const onGone = (why: object) => {
      if (gone) return;
      gone = true;
      child = null;
      removeProfile(ownProfile).catch((error: unknown) => log.warn({ err: error }, 'Chromium profile not removed'));
      rm(launchFile, { force: true }).catch(() => undefined);
      if (stopping) return;
      options.onPageGone();
      scheduleRestart(startedAt, why);
    };
    spawned.on('error', (error) => {
      log.error({ err: error }, 'Chromium could not be started');
      onGone({ error: error.message });
    });
    spawned.on('exit', (code, signal) => onGone({ code, signal }));
    log.info({ pid: spawned.pid, mode: options.mode, ...(options.user === undefined ? {} : { user: options.user }) }, 'Chromium started');
  };

  await launch();
  return {
    get pid() {
      return child?.pid;
    },
    restart(why) {
      const running = child;
      if (stopping || running === null || running.exitCode !== null) return;
      log.error({ why, pid: running.pid }, 'restarting Chromium');
      running.kill('SIGKILL');
    },
    async stop() {
      stopping = true;
      if (restartTimer !== null) clearTimeout(restartTimer);
      const running = child;
      if (running !== null && running.exitCode === null) {
        const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
        running.kill('SIGTERM');
        const timer = setTimeout(() => running.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      // The exit handler removes the profile; this catches a browser that was never started.
      if (profile !== null) await removeProfile(profile).catch((error: unknown) => log.warn({ err: error }, 'Chromium profile not removed'));
    },
  };
};

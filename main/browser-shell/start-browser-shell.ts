import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { KioskHost } from '../host/create-host.ts';
import { buildPaths } from '../host/build-paths.ts';
import { createRendererFiles } from '../host/renderer-files.ts';
import { usesDocumentCamera } from '../host/content-security-policy.ts';
import { systemClock, type Clock } from '../common/clock.ts';
import { findChromium, superviseChromium, type ChromiumSupervisor } from './chromium.ts';
import { lockdownMissing } from './lockdown-gate.ts';
import { outOfServicePage } from './out-of-service-page.ts';
import { PageLiveness } from './page-liveness.ts';
import { CrashLoopBreaker, LOOP_WINDOW_MS, OUT_OF_SERVICE_MS } from './crash-loop.ts';
import { createAlerts, type Alerts } from '../fleet/alerts.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

export type BrowserShellWindow = 'kiosk-window' | 'headless-chromium' | 'none';

export interface BrowserShellOptions {
  host: KioskHost;
  log: Logger;
  /** kiosk-window: Chromium in --kiosk --app mode; headless-chromium: for tests; none: print the URL only. */
  window: BrowserShellWindow;
  clock?: Clock;
  /** Where the lockdown's OS pieces are looked for (default `/`; a scratch root in tests). */
  lockdownRoot?: string;
  /** Chromium's environment, with the display it opens its window on (default: the host's). */
  env?: NodeJS.ProcessEnv;
  /** Where alerts go (default: the log only). */
  alerts?: Alerts;
  /** The page to serve (default: the built renderer); the escape suite serves a page that tries every vector itself. */
  rendererDir?: string;
}

export interface BrowserShell {
  readonly server: LoopbackServer;
  readonly chromium: ChromiumSupervisor | null;
  /** Why the kiosk window was not opened (the terminal requires the lockdown, and it is not installed), or null. */
  readonly windowRefused: string | null;
  /** The shell's alerts (a crash loop). */
  readonly alerts: Alerts;
  stop(): Promise<void>;
}

export class ChromiumNotFound extends Error {
  constructor(configured: string | undefined) {
    super(
      configured === undefined
        ? 'no Chromium found on PATH (install the chromium package, or set browserShell.chromiumPath)'
        : `browserShell.chromiumPath ${configured} is not an executable file`,
    );
    this.name = 'ChromiumNotFound';
  }
}

/** The browser shell: serve the renderer and the contract on loopback, then open Chromium on it. */
export const startBrowserShell = async (options: BrowserShellOptions): Promise<BrowserShell> => {
  const { host, log } = options;
  const { chromiumPath, port } = host.config.browserShell;
  const found = options.window === 'none' ? null : findChromium(chromiumPath);
  if (options.window !== 'none' && found === null) throw new ChromiumNotFound(chromiumPath);
  // A citizen must never get an unlocked browser: without its managed policy the kiosk window stays shut.
  const windowRefused = options.window === 'kiosk-window' && host.config.browserShell.requireLockdown ? await lockdownMissing(options.lockdownRoot ?? '/') : null;
  if (windowRefused !== null) log.error({ reason: windowRefused }, 'kiosk window not opened: the lockdown is not installed');
  const executable = windowRefused === null ? found : null;
  // The camera goes to our origin alone where the managed policy is in force (the gate above made sure it is
  // installed); only without it (the demo, development) does Chromium accept every camera request itself.
  const policyInForce = options.window === 'kiosk-window' && host.config.browserShell.requireLockdown;
  const camera = !usesDocumentCamera(host.config.devices) ? 'none' : policyInForce ? 'policy' : 'auto-accept';
  if (camera === 'auto-accept' && options.window === 'kiosk-window') log.warn('no managed policy required: Chromium grants the camera to any page that asks');

  const clock = options.clock ?? systemClock;
  const alerts = options.alerts ?? createAlerts(log, () => clock.now());
  let chromium: ChromiumSupervisor | null = null;
  let server: LoopbackServer | null = null;

  // The crash-loop breaker: a kiosk page lost again and again (at most once per browser started, however it went)
  // takes the terminal out of service for a while, with an alert, instead of a kiosk that flickers forever.
  let lostThisLaunch = false;
  let breakerRestart = false;
  const restartFor = (why: string) => {
    breakerRestart = chromium?.pid !== undefined;
    chromium?.restart(why);
  };
  const breaker = new CrashLoopBreaker({
    clock,
    onTrip: (losses) => {
      alerts.raise('kiosk-crash-loop', `the kiosk page was lost ${losses} times within ${LOOP_WINDOW_MS / 60_000} minutes: out of service for ${OUT_OF_SERVICE_MS / 60_000} minutes`, {
        losses,
      });
      server?.setOutOfService(true);
      restartFor('out of service after a crash loop');
    },
    onRetry: () => {
      log.warn('trying the kiosk again after a crash loop');
      server?.setOutOfService(false);
      restartFor('back in service');
    },
  });
  const pageLost = () => {
    if (lostThisLaunch) return;
    lostThisLaunch = true;
    breaker.lost();
  };

  // The watchdog: a page whose renderer crashed or whose script hangs ends the citizen's session, and the browser
  // starts again on the attract screen with a fresh profile (a page opened from a printed URL is only ended).
  const liveness = new PageLiveness({
    clock,
    onLost: (why) => {
      const message = { gone: 'the kiosk page is gone', hung: 'the kiosk page stopped answering', 'never-connected': 'the kiosk page never connected' }[why];
      log.error({ why }, message);
      host.endSession();
      pageLost();
      chromium?.restart(`page ${why}`);
    },
  });
  server = await startLoopbackServer({
    host,
    rendererFiles: createRendererFiles(options.rendererDir ?? buildPaths.renderer),
    pageBridgeScript: await readFile(buildPaths.pageBridge),
    port,
    log,
    camera: usesDocumentCamera(host.config.devices),
    pages: liveness,
    refusedPage: outOfServicePage(host.config),
  });
  chromium =
    executable === null
      ? null
      : await superviseChromium({
          executablePath: executable,
          mode: options.window === 'kiosk-window' ? 'kiosk' : 'headless',
          issueUrl: () => server.issueLaunchUrl(),
          onPageGone: () => {
            host.endSession();
            // A browser the breaker replaced on purpose was not lost.
            if (!breakerRestart) pageLost();
            breakerRestart = false;
          },
          onLaunch: () => {
            lostThisLaunch = false;
            // The out-of-service page has no script: it never connects, and is not watched.
            if (breaker.outOfService) liveness.unwatch();
            else liveness.expectNewPage();
          },
          log,
          camera,
          ...(options.env === undefined ? {} : { env: options.env }),
          ...(host.config.browserShell.chromiumUser === undefined ? {} : { user: host.config.browserShell.chromiumUser }),
        });
  return {
    server,
    chromium,
    windowRefused,
    alerts,
    stop: async () => {
      liveness.stop();
      breaker.stop();
      await chromium?.stop();
      await server.close();
    },
  };
};

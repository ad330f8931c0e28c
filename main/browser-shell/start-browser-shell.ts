import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { KioskHost } from '../host/create-host.ts';
import { buildPaths } from '../host/build-paths.ts';
import { createRendererFiles } from '../host/renderer-files.ts';
import { usesDocumentCamera } from '../host/content-security-policy.ts';
import { systemClock, type Clock } from '../common/clock.ts';
import { findChromium, superviseChromium, type ChromiumSupervisor } from './chromium.ts';
import { lockdownPieceStates } from '../lockdown/lockdown-pieces.ts';
import { outOfServicePage } from './out-of-service-page.ts';
import { PageLiveness } from './page-liveness.ts';
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
  /** The page to serve (default: the built renderer); the escape suite serves a page that tries every vector itself. */
  rendererDir?: string;
}

export interface BrowserShell {
  readonly server: LoopbackServer;
  readonly chromium: ChromiumSupervisor | null;
  /** Why the kiosk window was not opened (the terminal requires the lockdown, and it is not installed), or null. */
  readonly windowRefused: string | null;
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

/**
 * Why the browser shell's window may not open here, or null when every piece of the lockdown is in force: the
 * managed Chromium policy, and the OS session's users, units, udev rules, sudo rule and Chromium launcher.
 */
const lockdownMissing = async (root: string): Promise<string | null> => {
  const all = await lockdownPieceStates(root);
  const pieces = all.filter((piece) => piece.state !== 'installed');
  if (pieces.length === 0) return null;
  const described = pieces.map((piece) => `${piece.piece} ${piece.state}${piece.differs === undefined ? '' : ` (${piece.differs.join(', ')})`}`);
  return `${pieces.length} of ${all.length} lockdown pieces not installed under ${root} (${described.join(', ')}): run \`kioskctl lockdown install\` as root`;
};

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

  // The watchdog: a page whose renderer crashed or whose script hangs ends the citizen's session, and the browser
  // starts again on the attract screen with a fresh profile (a page opened from a printed URL is only ended).
  let chromium: ChromiumSupervisor | null = null;
  const liveness = new PageLiveness({
    clock: options.clock ?? systemClock,
    onLost: (why) => {
      const message = { gone: 'the kiosk page is gone', hung: 'the kiosk page stopped answering', 'never-connected': 'the kiosk page never connected' }[why];
      log.error({ why }, message);
      host.endSession();
      chromium?.restart(`page ${why}`);
    },
  });
  const server = await startLoopbackServer({
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
          onPageGone: () => host.endSession(),
          onLaunch: () => liveness.expectNewPage(),
          log,
          camera: usesDocumentCamera(host.config.devices),
          ...(options.env === undefined ? {} : { env: options.env }),
          ...(host.config.browserShell.chromiumUser === undefined ? {} : { user: host.config.browserShell.chromiumUser }),
        });
  return {
    server,
    chromium,
    windowRefused,
    stop: async () => {
      liveness.stop();
      await chromium?.stop();
      await server.close();
    },
  };
};

import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { KioskHost } from '../host/create-host.ts';
import { buildPaths } from '../host/build-paths.ts';
import { createRendererFiles } from '../host/renderer-files.ts';
import { usesDocumentCamera } from '../host/content-security-policy.ts';
import { findChromium, superviseChromium, type ChromiumSupervisor } from './chromium.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

export type BrowserShellWindow = 'kiosk-window' | 'headless-chromium' | 'none';

export interface BrowserShellOptions {
  host: KioskHost;
  log: Logger;
  /** kiosk-window: Chromium in --kiosk --app mode; headless-chromium: for tests; none: print the URL only. */
  window: BrowserShellWindow;
}

export interface BrowserShell {
  readonly server: LoopbackServer;
  readonly chromium: ChromiumSupervisor | null;
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
  const executable = options.window === 'none' ? null : findChromium(chromiumPath);
  if (options.window !== 'none' && executable === null) throw new ChromiumNotFound(chromiumPath);

  const server = await startLoopbackServer({
    host,
    rendererFiles: createRendererFiles(buildPaths.renderer),
    pageBridgeScript: await readFile(buildPaths.pageBridge),
    port,
    log,
    camera: usesDocumentCamera(host.config.devices),
  });
  const chromium =
    executable === null
      ? null
      : await superviseChromium({
          executablePath: executable,
          mode: options.window === 'kiosk-window' ? 'kiosk' : 'headless',
          issueUrl: () => server.issueLaunchUrl(),
          onPageGone: () => host.endSession(),
          log,
          camera: usesDocumentCamera(host.config.devices),
        });
  return {
    server,
    chromium,
    stop: async () => {
      await chromium?.stop();
      await server.close();
    },
  };
};

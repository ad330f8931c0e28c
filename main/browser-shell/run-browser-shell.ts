import type { Logger } from 'pino';
import type { TerminalConfig } from '../config/terminal-config.ts';
import { createKioskHost, type KioskHost, type KioskHostDependencies } from '../host/create-host.ts';
import { startBrowserShell, type BrowserShellWindow } from './start-browser-shell.ts';

export interface RunBrowserShellOptions {
  readonly config: TerminalConfig;
  readonly log: Logger;
  /** Open no window: the launch URL is printed instead (a technician's check, the tests). */
  readonly headless: boolean;
  /** A line for the person who started the terminal (stdout); the host's structured log goes to `log`. */
  readonly say: (line: string) => void;
  readonly hostDependencies?: Omit<KioskHostDependencies, 'log'>;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningBrowserShell {
  readonly host: KioskHost;
  /** Closes the page first (so no late call re-arms the host's timers), then the host. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * A terminal on the browser shell: the host from the config, started, then the loopback server and Chromium on
 * it (no window where there is no display). What both launchers share: the production entry and the demo.
 */
export const runBrowserShell = async (options: RunBrowserShellOptions): Promise<RunningBrowserShell> => {
  const { config, log, say } = options;
  const env = options.env ?? process.env;
  const hasDisplay = process.platform !== 'linux' || Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
  if (!options.headless && !hasDisplay) say('No display here (DISPLAY and WAYLAND_DISPLAY unset); not opening a window.');
  const window: BrowserShellWindow = options.headless || !hasDisplay ? 'none' : 'kiosk-window';

  const host = createKioskHost(config, { ...options.hostDependencies, log });
  await host.start();
  const shell = await startBrowserShell({ host, log, window, env }).catch(async (error: unknown) => {
    await host.stop();
    throw error;
  });
  say(`terminal ${config.terminalId}: browser shell on ${shell.server.origin}`);
  if (shell.windowRefused !== null) say(`kiosk window not opened: ${shell.windowRefused}`);
  if (window === 'none') say(`kiosk url: ${shell.server.issueLaunchUrl()}`);
  let stopping: Promise<void> | null = null;
  return {
    host,
    stop: () => (stopping ??= shell.stop().then(() => host.stop())),
  };
};

import type { Logger } from 'pino';
import type { CallResponse } from '../api/index.ts';
import type { TerminalConfig } from '../config/terminal-config.ts';
import { createAlerts } from '../fleet/alerts.ts';
import { buildPaths } from '../host/build-paths.ts';
import { createRendererFiles } from '../host/renderer-files.ts';
import { findChromium, superviseChromium, type ChromiumSupervisor } from './chromium.ts';
import { lockdownMissing } from './lockdown-gate.ts';
import { startLoopbackServer } from './loopback-server.ts';
import { outOfServicePage } from './out-of-service-page.ts';
import { ChromiumNotFound } from './start-browser-shell.ts';

export interface RunOutOfServiceOptions {
  readonly config: TerminalConfig;
  readonly log: Logger;
  /** Open no window: the launch URL is printed instead. */
  readonly headless: boolean;
  readonly say: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** Where the lockdown's OS pieces are looked for (default `/`). */
  readonly lockdownRoot?: string;
}

export interface RunningOutOfService {
  readonly origin: string;
  stop(): Promise<void>;
}

const OUT_OF_SERVICE: CallResponse = { ok: false, error: { code: 'unavailable', message: 'the terminal is out of service' } };

/**
 * The terminal out of service (`kiosk-browser-shell --out-of-service`, which systemd runs when the host itself keeps
 * failing: gov-service-kiosk-out-of-service.service, the host unit's OnFailure=). None of the host is started — not
 * its devices, storage or platform, whatever made it fail: only the loopback server, answering the kiosk's
 * out-of-service screen in the terminal's language to every page request, and Chromium on it, locked down as ever.
 * The alert is raised at once.
 */
export const runOutOfService = async (options: RunOutOfServiceOptions): Promise<RunningOutOfService> => {
  const { config, log, say } = options;
  const env = options.env ?? process.env;
  const hasDisplay = process.platform !== 'linux' || Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
  const openWindow = !options.headless && hasDisplay;
  const alerts = createAlerts(log);
  alerts.raise('host-crash-loop', `the kiosk host of terminal ${config.terminalId} kept failing: out of service until it is repaired`);

  const server = await startLoopbackServer({
    host: { dispatch: () => Promise.resolve(OUT_OF_SERVICE), subscribe: () => () => undefined },
    rendererFiles: createRendererFiles(buildPaths.renderer),
    pageBridgeScript: Buffer.alloc(0),
    port: config.browserShell.port,
    log,
    refusedPage: outOfServicePage(config),
    outOfService: true,
  });
  say(`terminal ${config.terminalId}: out of service on ${server.origin}`);
  let chromium: ChromiumSupervisor | null = null;
  if (openWindow) {
    const found = findChromium(config.browserShell.chromiumPath);
    const refused = config.browserShell.requireLockdown ? await lockdownMissing(options.lockdownRoot ?? '/') : null;
    if (found === null) {
      await server.close();
      throw new ChromiumNotFound(config.browserShell.chromiumPath);
    }
    if (refused !== null) say(`kiosk window not opened: ${refused}`);
    else {
      chromium = await superviseChromium({
        executablePath: found,
        mode: 'kiosk',
        issueUrl: () => server.issueLaunchUrl(),
        onPageGone: () => undefined,
        log,
        env,
        ...(config.browserShell.chromiumUser === undefined ? {} : { user: config.browserShell.chromiumUser }),
      });
    }
  } else say(`kiosk url: ${server.issueLaunchUrl()}`);
  return {
    origin: server.origin,
    stop: async () => {
      await chromium?.stop();
      await server.close();
    },
  };
};

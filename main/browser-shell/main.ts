import path from 'node:path';
import { parseArgs } from 'node:util';
import { untilStopSignal } from '../common/stop-signal.ts';
import { defaultConfigFile } from '../config/default-config-file.ts';
import { describeConfigProblems, readTerminalConfig } from '../config/terminal-config-file.ts';
import { createLogger } from '../host/logger.ts';
import { systemdNotifier } from '../host/systemd-notify.ts';
import { runBrowserShell } from './run-browser-shell.ts';

/**
 * The browser shell's production entry (`npm run kiosk:browser`, a terminal's systemd unit): a terminal from its
 * config file, with the devices and the platform the config names. Nothing is simulated and nothing is embedded:
 * a device that is not attached is reported offline, an unreachable platform leaves the kiosk offline.
 * Lines on stdout are for the technician; the host's structured log goes to stderr. Exit codes: 0 stopped by
 * SIGTERM/SIGINT, 1 the config is invalid or the terminal could not start, 2 a wrong command line.
 * Under systemd (gov-service-kiosk.service, Type=notify) it says READY=1 once the terminal runs, pings the watchdog,
 * and says STOPPING=1 when it stops.
 */

const USAGE = `usage: kiosk-browser-shell [--config <terminal.json>] [--headless]
  --config    the terminal's config (default: $KIOSK_CONFIG, else ${defaultConfigFile({})})
  --headless  open no window: print the kiosk's URL`;

const parseOptions = () => {
  try {
    return parseArgs({
      options: {
        config: { type: 'string' },
        headless: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return process.exit(2);
  }
};

const options = parseOptions();
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const configFile = path.resolve(options.config ?? defaultConfigFile());
const reading = await readTerminalConfig(configFile);
if (!reading.ok) {
  for (const line of describeConfigProblems(configFile, reading.problems)) console.error(line);
  process.exit(1);
}

const log = createLogger();
const serviceManager = systemdNotifier({ log });

// What this entry runs: the terminal. Another mode of it (serving only the out-of-service page) goes here, and
// tells serviceManager the same way.
const terminal = await runBrowserShell({ config: reading.config, log, headless: options.headless, say: (line) => console.log(line) }).catch(
  (error: unknown) => {
    console.error(`terminal ${reading.config.terminalId} could not start: ${(error as Error).message}`);
    return process.exit(1);
  },
);
serviceManager.ready(`terminal ${reading.config.terminalId} running`);

await untilStopSignal();
await serviceManager.stopping();
await terminal.stop();
await new Promise<void>((resolve) => log.flush(() => resolve()));
process.exit(0);

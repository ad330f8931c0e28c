import path from 'node:path';
import { parseArgs } from 'node:util';
import { untilStopSignal } from '../common/stop-signal.ts';
import { defaultConfigFile } from '../config/default-config-file.ts';
import { describeConfigProblems, readTerminalConfig } from '../config/terminal-config-file.ts';
import { createLogger } from '../host/logger.ts';
import { RESTART_EXIT_CODE } from '../host/restart-exit-code.ts';
import { systemdNotifier } from '../host/systemd-notify.ts';
import { runBrowserShell } from './run-browser-shell.ts';
import { runOutOfService } from './run-out-of-service.ts';
import { terminalEnding } from './terminal-ending.ts';

/**
 * The browser shell's production entry (`npm run kiosk:browser`, a terminal's systemd unit): a terminal from its
 * config file, with the devices and the platform the config names. Nothing is simulated and nothing is embedded:
 * a device that is not attached is reported offline, an unreachable platform leaves the kiosk offline.
 * Lines on stdout are for the technician; the host's structured log goes to stderr. Exit codes: 0 stopped by
 * SIGTERM/SIGINT, 1 the config is invalid or the terminal could not start, 2 a wrong command line, 75 staff asked
 * for a restart in maintenance mode (the host stopped cleanly; systemd's Restart=on-failure starts it again).
 * Under systemd (gov-service-kiosk.service, Type=notify) it says READY=1 once the terminal runs, pings the watchdog,
 * and says STOPPING=1 when it stops.
 */

const USAGE = `usage: kiosk-browser-shell [--config <terminal.json>] [--headless] [--out-of-service]
  --config          the terminal's config (default: $KIOSK_CONFIG, else ${defaultConfigFile({})})
  --headless        open no window: print the kiosk's URL
  --out-of-service  start none of the host: show only the out-of-service screen and raise the alert
                    (systemd's gov-service-kiosk-out-of-service.service, when the host keeps failing)`;

const parseOptions = () => {
  try {
    return parseArgs({
      options: {
        config: { type: 'string' },
        headless: { type: 'boolean', default: false },
        'out-of-service': { type: 'boolean', default: false },
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

// Listening for the stop signal before anything starts: a SIGTERM that comes while the terminal starts (its URL
// already printed) stops it cleanly once started, instead of killing the process half way.
const stopSignal = untilStopSignal();
// What this entry runs: the terminal, or (when the host keeps failing) only its out-of-service screen.
const run = { config: reading.config, log, headless: options.headless, say: (line: string) => console.log(line) };
// The host cuts the spent enrolment code out of the config file once the terminal is enrolled.
const terminal = await (options['out-of-service'] ? runOutOfService(run) : runBrowserShell({ ...run, hostDependencies: { configFile, configReading: reading } })).catch((error: unknown) => {
  console.error(`terminal ${reading.config.terminalId} could not start: ${(error as Error).message}`);
  return process.exit(1);
});
serviceManager.ready(`terminal ${reading.config.terminalId} ${options['out-of-service'] ? 'out of service' : 'running'}`);

const why = await terminalEnding(terminal, stopSignal);
await serviceManager.stopping();
await terminal.stop();
await new Promise<void>((resolve) => log.flush(() => resolve()));
process.exit(why === 'restart' ? RESTART_EXIT_CODE : 0);

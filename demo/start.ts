import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeConfigProblems, readTerminalConfig } from '../main/config/terminal-config-file.ts';
import { runBrowserShell } from '../main/browser-shell/run-browser-shell.ts';
import { terminalEnding } from '../main/browser-shell/terminal-ending.ts';
import { untilStopSignal } from '../main/common/stop-signal.ts';
import { buildPaths } from '../main/host/build-paths.ts';
import { createLogger } from '../main/host/logger.ts';
import { RESTART_EXIT_CODE } from '../main/host/restart-exit-code.ts';
import { startDemoDevices } from './demo-devices.ts';
import { DEMO_FLEET_PAGE_PORT, startDemoFleet, type DemoFleet } from './demo-fleet.ts';
import { startDemoPlatform, type DemoPlatform } from './demo-platform.ts';
import { locateElectron } from './electron-binary.ts';

/**
 * `npm start`, the demo: a terminal from a config (the demo terminal by default), the reference platform (a process of
 * its own) when the config points at loopback, the fleet (broker and page, a process of its own) when the config's
 * fleet broker is on loopback, and a shell. Lines on stdout are for the person who started it; the host's
 * structured log goes to stderr.
 */

const DEMO_CONFIG = path.join(buildPaths.projectRoot, 'kiosk-config', 'terminals', 'demo.json');

const USAGE = `usage: npm start -- [--config <terminal.json>] [--shell electron|browser] [--headless] [--no-platform] [--no-fleet] [--simulate|--no-simulate] [--locked]
  --config       terminal config (default: kiosk-config/terminals/demo.json)
  --shell        electron (default; falls back to browser when Electron is unavailable) or browser
  --headless     open no window: print the kiosk's URL (browser shell)
  --no-platform  do not start the reference platform (the kiosk shows itself offline)
  --no-fleet     do not start the fleet's broker and page (docs/fleet-page.md)
  --simulate     simulate the config's serial devices on pseudo-terminals, with keys to play them
                 (on by default for the demo terminal; --no-simulate turns it off)
  --locked       as a terminal would: open the kiosk window only with the lockdown installed
                 (kioskctl lockdown status)`;

const fail = (message: string, code = 2): never => {
  console.error(message);
  process.exit(code);
};

const parseOptions = () => {
  try {
    return parseArgs({
      options: {
        config: { type: 'string', default: DEMO_CONFIG },
        simulate: { type: 'boolean' },
        'no-simulate': { type: 'boolean', default: false },
        shell: { type: 'string', default: 'electron' },
        headless: { type: 'boolean', default: false },
        'no-platform': { type: 'boolean', default: false },
        'no-fleet': { type: 'boolean', default: false },
        locked: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
};
const options = parseOptions();
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.shell !== 'electron' && options.shell !== 'browser') fail(`unknown shell "${options.shell}"\n${USAGE}`);

const configFile = path.resolve(options.config);
/** The config as the terminal reads it (with the fleet's overlay), read again for each start after a restart. */
const readConfig = async () => {
  const reading = await readTerminalConfig(configFile);
  if (!reading.ok) {
    for (const line of describeConfigProblems(configFile, reading.problems)) console.error(line);
    return process.exit(1);
  }
  const config = options.locked ? { ...reading.config, browserShell: { ...reading.config.browserShell, requireLockdown: true } } : reading.config;
  return { reading, config };
};
const { reading: firstReading, config } = await readConfig();
const RESTARTING = `terminal ${config.terminalId}: restarting, as asked (maintenance, the fleet, a config overlay or an update)`;

// Listening for the stop signal before anything starts: a SIGTERM that comes while the demo starts stops it cleanly.
const stopSignal = untilStopSignal();
let platform: DemoPlatform | null = null;
const platformUrl = new URL(config.platform.baseUrl);
if (!options['no-platform'] && ['127.0.0.1', 'localhost'].includes(platformUrl.hostname)) {
  try {
    // Its own process: nothing a request does to the platform can take the kiosk host down with it.
    platform = await startDemoPlatform({
      port: Number(platformUrl.port || 80),
      dataDir: path.join(buildPaths.projectRoot, 'var', 'reference-platform'),
      say: (line) => console.log(line),
      // The operator's part: the config's code issued for its terminal (the demo's is published, in demo.json). Spent
      // once the terminal enrolled, it is not issued again (the platform keeps its store in var/).
      ...(config.platform.enrolmentCode === undefined ? {} : { enrolmentCode: { terminalId: config.terminalId, code: config.platform.enrolmentCode } }),
    });
    // The demo's "phone": the SMS with pickup codes are read at /_control/sms (and faults switched at /_control/faults).
    console.log(`reference platform: ${platform.url} (process ${platform.pid()}; the SMS it sent: ${new URL('_control/sms', platform.url).href})`);
  } catch (error) {
    console.log(`reference platform not started (${(error as Error).message}); using ${config.platform.baseUrl}`);
  }
}

// The operator's fleet, for a hall without ThingsBoard: its broker where the config's terminal reports, and the page.
let fleet: DemoFleet | null = null;
const fleetUrl = config.fleet?.mqtt === undefined ? null : new URL(config.fleet.mqtt.url);
if (!options['no-fleet'] && fleetUrl !== null && fleetUrl.protocol === 'mqtt:' && ['127.0.0.1', 'localhost'].includes(fleetUrl.hostname)) {
  try {
    fleet = await startDemoFleet({ mqttPort: Number(fleetUrl.port || 1883), pagePort: DEMO_FLEET_PAGE_PORT, say: (line) => console.log(line) });
    console.log(`fleet broker: ${fleet.brokerUrl} (process ${fleet.pid()})`);
    console.log(`fleet page: ${fleet.pageUrl}`);
  } catch (error) {
    console.log(`fleet not started: ${(error as Error).message}`);
  }
}

// demo.json is tracked and its code published: it keeps the code (re-issued above while the demo terminal is not
// enrolled). Any other config loses its code once spent, as on a terminal.
const keepEnrolmentCode = configFile === DEMO_CONFIG;
const simulate = options['no-simulate'] ? false : (options.simulate ?? configFile === DEMO_CONFIG);
const stopDemoDevices = simulate ? await startDemoDevices(config, (line) => console.log(line)) : async () => undefined;

let shell = options.headless ? 'browser' : options.shell;
if (shell === 'electron') {
  const electron = locateElectron();
  if (electron.available) {
    console.log(`terminal ${config.terminalId}: Electron shell`);
    let stopping = false;
    const startElectron = (): ChildProcess => {
      const child = spawn(electron.path, [buildPaths.electronMain, `--config=${configFile}`, ...(keepEnrolmentCode ? ['--keep-enrolment-code'] : [])], { stdio: 'inherit' });
      child.on('exit', (code) => {
        if (code === RESTART_EXIT_CODE && !stopping) {
          console.log(RESTARTING);
          running = startElectron();
          return;
        }
        void Promise.all([platform?.stop(), fleet?.stop(), stopDemoDevices()]).finally(() => process.exit(code ?? 1));
      });
      return child;
    };
    let running = startElectron();
    void stopSignal.then(() => {
      stopping = true;
      running.kill('SIGTERM');
    });
  } else {
    console.log(`Electron is not available here (${electron.reason}); using the browser shell.`);
    shell = 'browser';
  }
}

if (shell === 'browser') {
  const log = createLogger();
  // As systemd would on the terminal's exit status 75: a restart asked for starts the terminal again, on the config
  // read again (an overlay the fleet sent, a spent enrolment code), the platform, fleet and devices left running.
  for (let restart = false; ; restart = true) {
    const { reading, config: current } = restart ? await readConfig() : { reading: firstReading, config };
    const hostDependencies = keepEnrolmentCode ? { configReading: reading } : { configFile, configReading: reading };
    const terminal = await runBrowserShell({ config: current, log, headless: options.headless, say: (line) => console.log(line), hostDependencies }).catch(
      (error: unknown) => fail(`browser shell: ${(error as Error).message}`, 1),
    );
    const ending = await terminalEnding(terminal, stopSignal);
    await terminal.stop();
    if (ending === 'stop') break;
    console.log(RESTARTING);
  }
  await Promise.all([platform?.stop(), fleet?.stop(), stopDemoDevices()]);
  process.exit(0);
}

import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { FleetPortUnavailable } from './fleet-broker.ts';
import { startFleetPage } from './fleet-page-server.ts';
import { startFleetServer } from './fleet-server.ts';

/**
 * The fleet of a hall without ThingsBoard, as its own process (docs/fleet-page.md):
 * `node reference-platform/fleet/main.ts [--mqtt-port 1884] [--page-port 8090] [--allow-token <token>]… [--max-terminals <n>]`.
 * Terminals connect to the broker as ThingsBoard devices (the access token as the MQTT user name; without
 * --allow-token any device may); the operator opens the page. Both on 127.0.0.1. Prints one line per URL, then runs
 * until SIGTERM or SIGINT. Its structured log (pino, `FLEET_LOG_LEVEL`, default info) goes to stderr.
 */
const fail = (message: string, code: number): never => {
  console.error(message);
  process.exit(code);
};

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        'mqtt-port': { type: 'string', default: '1884' },
        'page-port': { type: 'string', default: '8090' },
        'allow-token': { type: 'string', multiple: true },
        'max-terminals': { type: 'string', default: '1000' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail((error as Error).message, 2);
  }
})();
const portOf = (name: 'mqtt-port' | 'page-port'): number => {
  const port = Number(parsed[name]);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : fail(`--${name} must be a port number, not "${parsed[name]}"`, 2);
};
const mqttPort = portOf('mqtt-port');
const pagePort = portOf('page-port');
const maxTerminals = Number(parsed['max-terminals']);
if (!Number.isInteger(maxTerminals) || maxTerminals < 1 || maxTerminals > 100_000) fail(`--max-terminals must be a whole number from 1 to 100000, not "${parsed['max-terminals']}"`, 2);

const log = pino({ level: process.env['FLEET_LOG_LEVEL'] ?? 'info', base: { app: 'fleet' } }, pino.destination({ fd: 2, sync: false }));
const allowedTokens = parsed['allow-token'];

try {
  const fleet = await startFleetServer({ mqttPort, log, maxTerminals, ...(allowedTokens === undefined ? {} : { allowedTokens }) });
  const page = await startFleetPage({ port: pagePort, fleet, log }).catch(async (error: unknown) => {
    await fleet.close();
    throw error;
  });
  console.log(`fleet broker: ${fleet.brokerUrl}`);
  console.log(`fleet page: ${page.url}`);
  const stop = () => void Promise.all([page.close(), fleet.close()]).finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof FleetPortUnavailable) fail(error.message, 1);
  throw error;
}

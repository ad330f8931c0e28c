import { parseArgs } from 'node:util';
import { startReferencePlatform } from './server.ts';

/** Runs the reference platform as its own process: `node reference-platform/main.ts --port 8700 [--data-dir <dir>]`. */
const { values } = parseArgs({ options: { port: { type: 'string', default: '8700' }, 'data-dir': { type: 'string' } }, strict: true });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}
const dataDir = values['data-dir'];
const platform = await startReferencePlatform({ port, ...(dataDir === undefined ? {} : { dataDir }) });
console.log(`reference platform: ${platform.url}`);
const stop = () => void platform.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

import { parseArgs } from 'node:util';
import { startReferencePlatform } from './server.ts';

/** Runs the reference platform as its own process: `node reference-platform/main.ts --port 8700`. */
const { values } = parseArgs({ options: { port: { type: 'string', default: '8700' } }, strict: true });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}
const platform = await startReferencePlatform({ port });
console.log(`reference platform: ${platform.url}`);
const stop = () => void platform.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../support/test-certificates.ts';

const run = promisify(execFile);

/**
 * How an operator pins the platform's certificate on a browser-shell terminal (docs/security.md): the host started
 * with OpenSSL's certificate store (NODE_OPTIONS=--use-openssl-ca) and SSL_CERT_FILE naming a file with only the
 * platform's CA trusts that CA alone. A platform on 127.0.0.1 over https with its own certificate, and the kiosk's
 * real platform adapter in a child process: reached with the pin, refused with another certificate pinned and with
 * Node's bundled roots.
 */
let dir: string;
let server: Server;
let baseUrl: string;

const health = async (env: NodeJS.ProcessEnv) =>
  (await run(process.execPath, [path.join(import.meta.dirname, '../support/platform-health-child.ts'), baseUrl], { env: { ...process.env, ...env } })).stdout.trim();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-ca-pin-'));
  const platform = await selfSignedCertificate(dir, 'platform', '127.0.0.1', 'IP:127.0.0.1');
  await selfSignedCertificate(dir, 'other', 'another-ca');
  server = createServer({ key: await readFile(platform.key), cert: await readFile(platform.cert) }, (_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ status: 'ok', time: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `https://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('pinning the platform’s CA (operator, browser-shell host)', () => {
  it('reaches the platform whose certificate is the one pinned', async () => {
    expect(await health({ NODE_OPTIONS: '--use-openssl-ca', SSL_CERT_FILE: path.join(dir, 'platform.pem') })).toBe('reachable');
  });

  it('refuses it with another CA pinned, and with Node’s bundled roots', async () => {
    expect(await health({ NODE_OPTIONS: '--use-openssl-ca', SSL_CERT_FILE: path.join(dir, 'other.pem') })).toMatch(/^unreachable: DEPTH_ZERO_SELF_SIGNED_CERT$/);
    expect(await health({})).toMatch(/^unreachable: DEPTH_ZERO_SELF_SIGNED_CERT$/);
  });
});

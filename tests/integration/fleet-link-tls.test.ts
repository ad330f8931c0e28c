import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fleetSchema } from '../../main/config/fleet-config.ts';
import { FleetLink } from '../../main/fleet/fleet-link.ts';
import { capturedLog } from '../support/captured-log.ts';
import { FakeFleetTerminal } from '../support/fake-fleet-terminal.ts';
import { connectFleetOperator, type FleetOperator } from '../support/fleet-operator.ts';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.ts';
import { certificateSignedBy, selfSignedCertificate, type CertificateFiles } from '../support/test-certificates.ts';

/**
 * The fleet link over mqtts:// to Debian's mosquitto with a TLS listener that demands a client certificate (its CN
 * the user name, `use_identity_as_username`): the broker checked against the configured CA, the terminal known by its
 * certificate. The operator listens on the broker's plain loopback listener.
 */
let dir: string;
let broker: Mosquitto;
let operator: FleetOperator;
let ca: CertificateFiles;
let otherCa: CertificateFiles;
let client: CertificateFiles;
let strangerClient: CertificateFiles;
const links: FleetLink[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fleet-tls-'));
  ca = await selfSignedCertificate(dir, 'fleet-ca', 'Fleet test CA');
  otherCa = await selfSignedCertificate(dir, 'other-ca', 'Another CA');
  const server = await certificateSignedBy(ca, dir, 'broker', '127.0.0.1', 'IP:127.0.0.1');
  client = await certificateSignedBy(ca, dir, 'terminal', 'kiosk-T-0001');
  strangerClient = await certificateSignedBy(otherCa, dir, 'stranger', 'kiosk-T-9999');
  for (const key of [client.key, strangerClient.key]) chmodSync(key, 0o600);
  broker = await startMosquitto({ tls: { certFile: server.cert, keyFile: server.key, clientCaFile: ca.cert } });
  operator = await connectFleetOperator(broker.url);
});
afterEach(async () => {
  for (const link of links.splice(0)) await link.stop();
});
afterAll(async () => {
  await operator.close();
  await broker.remove();
  rmSync(dir, { recursive: true, force: true });
});

const startLink = (mqtt: Record<string, unknown>) => {
  const { log, lines } = capturedLog();
  const config = fleetSchema.parse({ mqtt: { url: broker.tlsUrl, reconnect: { firstDelaySeconds: 0.1, maxDelaySeconds: 1 }, ...mqtt } });
  const link = new FleetLink({ config, terminalId: 'T-0001', terminal: new FakeFleetTerminal(), dataDir: mkdtempSync(path.join(dir, 'data-')), log });
  links.push(link);
  link.start();
  return { link, lines };
};

const online = (from: number) =>
  operator.waitFor((message) => message.topic === 'v1/devices/me/attributes' && (message.json as { online?: boolean }).online === true, { from, timeoutMs: 10_000 });

describe('mqtts:// with a client certificate', () => {
  it('connects to the broker the configured CA vouches for, known to it by the certificate’s name', async () => {
    const from = operator.heard.length;
    const { link } = startLink({ caFile: ca.cert, auth: { kind: 'client-certificate', certFile: client.cert, keyFile: client.key } });
    await online(from);
    expect(link.status()).toMatchObject({ connected: true, broker: broker.tlsUrl });
    await expect.poll(() => broker.log(), { timeout: 5000 }).toMatch(/as T-0001 \(.*u'kiosk-T-0001'\)/);
  });

  it('refuses a broker another CA signed: not connected, the reason logged, still trying', async () => {
    const { link, lines } = startLink({ caFile: otherCa.cert, auth: { kind: 'client-certificate', certFile: client.cert, keyFile: client.key } });
    await expect.poll(() => lines.filter((line) => line.level === 50).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(link.status()).toMatchObject({ connected: false });
    expect(link.status().lastError?.message).toBe(
      `the broker's certificate is not signed by a CA this terminal trusts; checked against the CA in ${otherCa.cert} (SELF_SIGNED_CERT_IN_CHAIN: self-signed certificate in certificate chain)`,
    );
    expect(lines.find((line) => line.level === 50)?.msg).toContain("fleet broker connection error: the broker's certificate is not signed");
  });

  it('is refused by the broker with a certificate its CA did not sign', async () => {
    const before = broker.log().length;
    const { link, lines } = startLink({ caFile: ca.cert, auth: { kind: 'client-certificate', certFile: strangerClient.cert, keyFile: strangerClient.key } });
    await expect.poll(() => lines.filter((line) => line.level === 50).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(link.status()).toMatchObject({ connected: false, lastError: { message: `the terminal's certificate ${strangerClient.cert} is not signed by a CA the broker trusts (ERR_SSL_TLSV1_ALERT_UNKNOWN_CA)` } });
    expect(broker.log().slice(before)).not.toContain("u'kiosk-T-9999'");
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { overlayFileIn } from '../../main/config/config-overlay.ts';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { freePort } from '../support/free-port.ts';
import { connectFleetOperator, type FleetOperator, type HeardMessage } from '../support/fleet-operator.ts';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.ts';
import { startKiosk, type RunningProcess } from '../support/processes.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * The whole terminal in a fleet (issue 23): the kiosk's own process (the browser shell's entry, headless) with a
 * `fleet.mqtt` section, a real Debian mosquitto on loopback as the operator's broker, and a second MQTT client as the
 * operator's server. Telemetry with the keys the operator reads, the RPCs answered by the real host, a config overlay
 * refused when invalid, and the last will when the host is killed with SIGKILL.
 */
let broker: Mosquitto | null = null;
let operator: FleetOperator | null = null;
let kiosk: RunningProcess | null = null;
let terminal: TestTerminal | null = null;
afterEach(async () => {
  await kiosk?.stop();
  await operator?.close();
  await broker?.remove();
  await terminal?.remove();
  kiosk = operator = broker = terminal = null;
});

const values = (message: HeardMessage): Record<string, unknown> => {
  const json = message.json as { ts?: number; values?: Record<string, unknown> } & Record<string, unknown>;
  return json.values ?? json;
};

describe('a kiosk host in the fleet, over a real mosquitto', () => {
  it('sends its telemetry and attributes, answers the operator’s RPCs, refuses an invalid overlay, and leaves its last will when killed', async () => {
    broker = await startMosquitto();
    const metricsPort = await freePort();
    operator = await connectFleetOperator(broker.url);
    terminal = await testTerminal({
      fleet: {
        mqtt: { url: broker.url, reconnect: { firstDelaySeconds: 0.2, maxDelaySeconds: 1 } },
        telemetryIntervalS: 5,
        metrics: { port: metricsPort },
        updates: { publicKey: sm2.generateKeyPairHex().publicKey, installer: 'deb' },
      },
    });
    ({ kiosk } = await startKiosk(terminal.configFile));

    const attributes = await operator.waitFor((message) => message.topic === 'v1/devices/me/attributes' && (message.json as { online?: boolean }).online === true, { timeoutMs: 10_000 });
    expect(attributes.json).toMatchObject({ terminalId: 'TEST-0001', hall: '测试政务服务大厅', online: true, appVersion: expect.any(String) as string, configHash: expect.stringMatching(/^sm3:[0-9a-f]{64}$/) as string });

    const telemetry = await operator.waitFor((message) => message.topic === 'v1/devices/me/telemetry' && 'uptimeS' in values(message), { timeoutMs: 10_000 });
    expect(Object.keys(values(telemetry))).toEqual(
      expect.arrayContaining(['appVersion', 'uptimeS', 'platformReachable', 'outboxQueued', 'outboxNeedsAttention', 'catalogueVersion', 'printerPaper', 'lockerDoorsJammed', 'sessionsToday', 'auditHead']),
    );
    expect(values(telemetry)).toMatchObject({ platformReachable: false, outboxQueued: 0, printerPaper: 'unknown', sessionsToday: 0 });

    expect(await operator.rpc(1, { method: 'getOutbox', params: {} })).toMatchObject({ queued: 0, needsAttention: 0 });
    expect(await operator.rpc(2, { method: 'getDeviceStates', params: {} })).toEqual({ devices: [] });
    expect(await operator.rpc(3, { method: 'openLockerDoor', params: { cabinet: 'A柜', door: 1 } })).toEqual({ error: 'this terminal has no lockers' });
    expect(await operator.rpc(4, { method: 'selfDestruct', params: {} })).toMatchObject({ error: expect.stringContaining('unknown method') as string });
    // Out of service by the operator: the alert goes out at once, and the telemetry says so.
    const from = operator.heard.length;
    expect(await operator.rpc(5, { method: 'setOutOfService', params: { on: true } })).toEqual({ outOfService: true });
    const alert = await operator.waitFor((message) => message.topic === 'v1/devices/me/telemetry' && values(message)['alert'] === 'terminal-out-of-service', { from });
    expect(values(alert)).toMatchObject({ alertCleared: false, alertMessage: expect.stringContaining('the fleet operator') as string });
    await operator.waitFor((message) => message.topic === 'v1/devices/me/telemetry' && values(message)['outOfService'] === true, { from });
    expect(await operator.rpc(6, { method: 'setLogLevel', params: { level: 'debug', minutes: 5 } })).toMatchObject({ level: 'debug' });

    // An overlay the schema refuses: reported as configError, nothing kept, the running config unchanged.
    const beforeOverlay = operator.heard.length;
    await operator.publish('v1/devices/me/attributes', { config: { session: { idleTimeoutSeconds: -5 } } });
    const refused = await operator.waitFor((message) => message.topic === 'v1/devices/me/attributes' && typeof (message.json as { configError?: unknown }).configError === 'string', { from: beforeOverlay });
    expect((refused.json as { configError: string }).configError).toContain('idleTimeoutSeconds');
    expect(existsSync(overlayFileIn(path.join(terminal.dir, 'data')))).toBe(false);

    // An update whose manifest the release key did not sign: refused, and the terminal says why; nothing downloaded.
    const beforeUpdate = operator.heard.length;
    const manifest = JSON.stringify({ format: 'deb', version: '99.0.0', url: 'https://updates.example.gov.cn/gov-service-kiosk_99.0.0_amd64.deb', size: 1000, sm3: 'a'.repeat(64) });
    await operator.publish('v1/devices/me/attributes', { update: { manifest, signature: 'b'.repeat(128), share: 1 } });
    const update = await operator.waitFor((message) => message.topic === 'v1/devices/me/attributes' && typeof (message.json as { updateError?: unknown }).updateError === 'string', { from: beforeUpdate });
    expect(update.json).toMatchObject({ runningVersion: (attributes.json as { appVersion: string }).appVersion });
    expect(existsSync(path.join(terminal.dir, 'data', 'updates', 'kept'))).toBe(false);

    // Prometheus, on loopback: the outbox by state, and the platform's requests timed (port 9: every one fails).
    const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
    expect(families.get('kiosk_outbox_entries')?.metrics).toEqual(expect.arrayContaining([{ labels: { state: 'queued' }, value: '0' }]));
    expect(families.get('kiosk_out_of_service')?.metrics).toEqual([{ value: '1' }]);
    const requests = families.get('kiosk_platform_request_duration_seconds');
    expect(requests?.type).toBe('HISTOGRAM');
    // The parser folds a histogram's labelled series into one (tests/integration/terminal-metrics.test.ts): read the count's line.
    expect(text).toMatch(/^kiosk_platform_request_duration_seconds_count\{route="health",outcome="network-error"\} [1-9]/m);
    expect(families.has('process_cpu_user_seconds_total')).toBe(true);

    // SIGKILL: no DISCONNECT is sent, so the broker publishes the last will.
    const beforeKill = operator.heard.length;
    process.kill(kiosk.pid, 'SIGKILL');
    await kiosk.exited;
    const will = await operator.waitFor((message) => message.topic === 'v1/devices/me/attributes' && (message.json as { online?: boolean }).online === false, { from: beforeKill, timeoutMs: 10_000 });
    expect(will.json).toEqual({ online: false });
  }, 60_000);

  it('keeps a valid overlay, restarts on it when idle (exit 75 for systemd), runs with it, and drops it when the operator deletes it', async () => {
    broker = await startMosquitto();
    operator = await connectFleetOperator(broker.url);
    terminal = await testTerminal({ fleet: { mqtt: { url: broker.url, reconnect: { firstDelaySeconds: 0.2, maxDelaySeconds: 1 } }, telemetryIntervalS: 5 } });
    const overlayFile = overlayFileIn(path.join(terminal.dir, 'data'));
    ({ kiosk } = await startKiosk(terminal.configFile));
    const first = await operator.waitFor((message) => message.topic === 'v1/devices/me/attributes' && (message.json as { online?: boolean }).online === true, { timeoutMs: 10_000 });
    await operator.publish('v1/devices/me/attributes', { config: { session: { idleTimeoutSeconds: 45 } } });
    // No one is using the terminal: it restarts at once to apply the overlay.
    expect((await kiosk.exited).code).toBe(75);
    expect(JSON.parse(readFileSync(overlayFile, 'utf8'))).toEqual({ session: { idleTimeoutSeconds: 45 } });

    const from = operator.heard.length;
    ({ kiosk } = await startKiosk(terminal.configFile));
    const second = await operator.waitFor((message) => message.topic === 'v1/devices/me/attributes' && (message.json as { online?: boolean }).online === true, { from, timeoutMs: 10_000 });
    expect((second.json as { configHash: string }).configHash).not.toBe((first.json as { configHash: string }).configHash);
    // The same overlay again (as ThingsBoard sends it at every connect) is taken without a restart.
    await operator.publish('v1/devices/me/attributes', { config: { session: { idleTimeoutSeconds: 45 } } });
    await operator.waitFor((message) => message.topic === 'v1/devices/me/attributes' && (message.json as { configError?: unknown }).configError === null, { from });
    await operator.publish('v1/devices/me/attributes', { deleted: ['config'] });
    expect((await kiosk.exited).code).toBe(75);
    expect(existsSync(overlayFile)).toBe(false);
    kiosk = null;
  }, 60_000);
});

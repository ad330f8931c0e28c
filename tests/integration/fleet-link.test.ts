import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fleetSchema } from '../../main/config/fleet-config.ts';
import { ALERT_QUEUE_FILE } from '../../main/fleet/alert-queue.ts';
import { FleetLink, type FleetLinkOptions, type SharedAttributesEvent } from '../../main/fleet/fleet-link.ts';
import { capturedLog } from '../support/captured-log.ts';
import { FakeFleetTerminal } from '../support/fake-fleet-terminal.ts';
import { connectFleetOperator, type FleetOperator, type HeardMessage } from '../support/fleet-operator.ts';
import { freePort } from '../support/free-port.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.ts';
import { silentLog } from '../support/silent-log.ts';

/**
 * The fleet link against Debian's real mosquitto, with a second MQTT client as the operator's server (ThingsBoard's
 * device topics, literally `v1/devices/me/...` on a plain broker): telemetry, client attributes, RPCs, shared
 * attributes, the last will, and alerts that survive a broker outage and a restart.
 */
const BASE = 'v1/devices/me';
const T = {
  telemetry: `${BASE}/telemetry`,
  attributes: `${BASE}/attributes`,
};

let broker: Mosquitto;
let dir: string;
let operator: FleetOperator;
const links: FleetLink[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker.remove();
});
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fleet-link-'));
  await broker.start();
  operator = await connectFleetOperator(broker.url);
});
afterEach(async () => {
  for (const link of links.splice(0)) await link.stop();
  await operator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The `fleet` section as the host would have parsed it, with fast reconnects. */
const fleetConfig = (mqtt: Record<string, unknown> = {}, telemetryIntervalS = 60) => ({
  ...fleetSchema.parse({ mqtt: { url: broker.url, reconnect: { firstDelaySeconds: 0.1, maxDelaySeconds: 1 }, ...mqtt } }),
  // Below the schema's minimum of 5 s: the interval test should not take that long.
  telemetryIntervalS,
});

const startLink = (terminal: FakeFleetTerminal, options: Partial<FleetLinkOptions> = {}): FleetLink => {
  const link = new FleetLink({ config: fleetConfig(), terminalId: 'T-0001', terminal, dataDir: dir, log: silentLog(), ...options });
  links.push(link);
  link.start();
  return link;
};

const isTelemetry = (message: HeardMessage) => message.topic === T.telemetry && !('alert' in values(message));
const isAlert = (message: HeardMessage) => message.topic === T.telemetry && 'alert' in values(message);
const values = (message: HeardMessage) => (message.json as { values: Record<string, unknown> }).values;
const isAttributes = (key: string, value?: unknown) => (message: HeardMessage) => {
  if (message.topic !== T.attributes || typeof message.json !== 'object' || message.json === null || !(key in message.json)) return false;
  return value === undefined || (message.json as Record<string, unknown>)[key] === value;
};

const until = async (condition: () => boolean, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('at connect', () => {
  it('publishes the client attributes with online:true and telemetry with every key', async () => {
    const terminal = new FakeFleetTerminal();
    const link = startLink(terminal);
    const attributes = await operator.waitFor(isAttributes('online', true));
    expect(attributes.json).toEqual({ ...terminal.identity, online: true });
    const telemetry = await operator.waitFor(isTelemetry);
    const json = telemetry.json as { ts: number; values: Record<string, unknown> };
    expect(Math.abs(json.ts - Date.now())).toBeLessThan(5000);
    expect(json.values).toEqual({
      appVersion: '0.1.0-test',
      uptimeS: 12,
      platformReachable: true,
      outboxQueued: 2,
      outboxNeedsAttention: 0,
      catalogueVersion: 'cat-2024-06',
      catalogueAgeS: expect.any(Number),
      printerPaper: 'ok',
      'device.printer.state': 'ready',
      'device.idcard.state': 'offline',
      lockerDoorsJammed: 0,
      sessionsToday: 7,
      auditHead: 'a'.repeat(64),
      outOfService: false,
    });
    expect(json.values.catalogueAgeS).toBeGreaterThanOrEqual(90);
    expect(link.status()).toMatchObject({ connected: true, broker: broker.url, alertsQueued: 0 });
    expect(Date.parse(link.status().since ?? '')).toBeGreaterThan(Date.now() - 5000);
  });

  it('asks for the shared attributes, and applies the config and passes the rest on when the server answers', async () => {
    const terminal = new FakeFleetTerminal();
    const events: SharedAttributesEvent[] = [];
    const link = new FleetLink({ config: fleetConfig(), terminalId: 'T-0001', terminal, dataDir: dir, log: silentLog() });
    links.push(link);
    link.onSharedAttributes((event) => events.push(event));
    link.start();
    const request = await operator.waitFor((message) => message.topic.startsWith(`${BASE}/attributes/request/`));
    expect((request.json as { sharedKeys: string }).sharedKeys.split(',')).toEqual(expect.arrayContaining(['config', 'targetVersion', 'updateShare']));
    const id = request.topic.split('/').at(-1);
    await operator.publish(`${BASE}/attributes/response/${id}`, { shared: { config: { hall: { name: '新大厅' } }, targetVersion: '0.2.0' } });
    const answer = await operator.waitFor(isAttributes('configError', null));
    expect((answer.json as { configOverlayHash: string }).configOverlayHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(terminal.overlays).toEqual([{ hall: { name: '新大厅' } }]);
    expect(events).toEqual([{ origin: 'response', values: { targetVersion: '0.2.0' }, deleted: [] }]);
  });
});

describe('telemetry', () => {
  it('goes out at the interval', async () => {
    const link = new FleetLink({ config: fleetConfig({}, 0.3), terminalId: 'T-0001', terminal: new FakeFleetTerminal(), dataDir: dir, log: silentLog() });
    links.push(link);
    link.start();
    const heard = await operator.waitForCount(isTelemetry, 3, { timeoutMs: 5000 });
    const [first, third] = [heard[0]?.at ?? 0, heard[2]?.at ?? 0];
    expect(third - first).toBeGreaterThanOrEqual(400);
  });

  it('goes out at once on a change, one message for a burst', async () => {
    const terminal = new FakeFleetTerminal();
    startLink(terminal);
    await operator.waitFor(isTelemetry);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const from = operator.heard.length;
    const changedAt = Date.now();
    terminal.change({ printerPaper: 'out' });
    const paperOut = await operator.waitFor((message) => isTelemetry(message) && values(message).printerPaper === 'out', { from, timeoutMs: 2000 });
    expect(paperOut.at - changedAt).toBeLessThan(500);

    const burstFrom = operator.heard.length;
    for (let i = 1; i <= 10; i++) terminal.change({ sessionsToday: 7 + i });
    await operator.waitFor((message) => isTelemetry(message) && values(message).sessionsToday === 17, { from: burstFrom, timeoutMs: 3000 });
    // One more message after the burst, none after it (the interval is a minute).
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(operator.heard.slice(burstFrom).filter(isTelemetry)).toHaveLength(1);
  });
});

describe('RPC', () => {
  it('runs each remote action and answers with its result', async () => {
    const terminal = new FakeFleetTerminal();
    startLink(terminal);
    await operator.waitFor(isAttributes('online', true));
    expect(await operator.rpc(1, { method: 'getDeviceStates', params: {} })).toEqual({ printer: 'ready', idcard: 'offline' });
    expect(await operator.rpc(2, { method: 'getOutbox' })).toEqual({ queued: 2, needsAttention: 0 });
    expect(await operator.rpc(3, { method: 'reloadCatalogue', params: {} })).toEqual({ catalogueVersion: 'cat-2024-07' });
    expect(await operator.rpc(4, { method: 'setOutOfService', params: { on: true } })).toEqual({ outOfService: true });
    expect(await operator.rpc(5, { method: 'restart', params: {} })).toEqual({ ok: true });
    expect(await operator.rpc(6, { method: 'printTestPage', params: {} })).toEqual({ printed: true });
    expect(await operator.rpc(7, { method: 'openLockerDoor', params: { cabinet: 'A', door: 3 } })).toEqual({ opened: { cabinet: 'A', door: 3 } });
    expect(await operator.rpc(8, { method: 'setLogLevel', params: { level: 'debug', minutes: 30 } })).toEqual({ level: 'debug', until: 'later' });
    expect(terminal.calls).toEqual([
      { method: 'getDeviceStates', args: [] },
      { method: 'getOutbox', args: [] },
      { method: 'reloadCatalogue', args: [] },
      { method: 'setOutOfService', args: [true] },
      { method: 'restart', args: [] },
      { method: 'printTestPage', args: [] },
      { method: 'openLockerDoor', args: ['A', 3] },
      { method: 'setLogLevel', args: ['debug', 30] },
    ]);
  });

  it('answers an unknown method, bad params, a failing action and a malformed request with an error, and keeps going', async () => {
    const terminal = new FakeFleetTerminal();
    terminal.failing.set('openLockerDoor', 'a citizen is using door A-3');
    startLink(terminal);
    await operator.waitFor(isAttributes('online', true));
    expect(await operator.rpc(11, { method: 'selfDestruct', params: {} })).toEqual({ error: 'unknown method "selfDestruct"' });
    expect(await operator.rpc(12, { method: 'openLockerDoor', params: { cabinet: 'A', door: 0 } })).toEqual({ error: expect.stringMatching(/^bad params for openLockerDoor: door: /) });
    expect(await operator.rpc(13, { method: 'setLogLevel', params: { level: 'loud', minutes: 30 } })).toEqual({ error: expect.stringContaining('level') });
    expect(await operator.rpc(14, { method: 'setOutOfService', params: {} })).toEqual({ error: expect.stringContaining('on') });
    expect(await operator.rpc(15, { method: 'openLockerDoor', params: { cabinet: 'A', door: 3 } })).toEqual({ error: 'a citizen is using door A-3' });
    expect(await operator.rpc(16, '{"method": "getOutbox", ')).toEqual({ error: expect.stringMatching(/^the request is not JSON/) });
    expect(await operator.rpc(17, [1, 2])).toEqual({ error: expect.stringMatching(/^malformed request/) });
    expect(await operator.rpc(18, { method: 'getOutbox' })).toEqual({ queued: 2, needsAttention: 0 });
    expect(terminal.calls.map((call) => call.method)).toEqual(['openLockerDoor', 'getOutbox']);
  });
});

describe('shared attributes', () => {
  it('applies a valid config overlay, reports an invalid one, ignores malformed JSON, and passes other keys on', async () => {
    const terminal = new FakeFleetTerminal();
    const { log, lines } = capturedLog();
    const events: SharedAttributesEvent[] = [];
    const link = startLink(terminal, { log });
    link.onSharedAttributes((event) => events.push(event));
    await operator.waitFor(isAttributes('online', true));

    let from = operator.heard.length;
    await operator.publish(T.attributes, { config: { printer: { paperWidthMm: 58 } } });
    const applied = await operator.waitFor(isAttributes('configError', null), { from });
    expect(terminal.overlays.at(-1)).toEqual({ printer: { paperWidthMm: 58 } });
    const validHash = (applied.json as { configOverlayHash: string }).configOverlayHash;

    from = operator.heard.length;
    await operator.publish(T.attributes, { config: { invalid: true } });
    const refused = await operator.waitFor((message) => isAttributes('configError')(message) && (message.json as { configError: unknown }).configError !== null, { from });
    expect(refused.json).toEqual({ configError: 'invalid: not a config key; hall: required', configOverlayHash: expect.stringMatching(/^sha256:/) });
    expect((refused.json as { configOverlayHash: string }).configOverlayHash).not.toBe(validHash);

    from = operator.heard.length;
    await operator.publish(T.attributes, { config: 'not an object' });
    await operator.waitFor(isAttributes('configError', 'the config shared attribute is not JSON: ' + errorOfParsing('not an object')), { from });

    await operator.publish(T.attributes, '{"config": {');
    await operator.publish(`${BASE}/attributes/response/99`, 'garbage');
    await operator.publish(T.attributes, { targetVersion: '0.3.0', updateShare: 'smb://hall/updates' });
    await until(() => events.length > 0, 'the shared attributes event');
    expect(events).toEqual([{ origin: 'update', values: { targetVersion: '0.3.0', updateShare: 'smb://hall/updates' }, deleted: [] }]);
    expect(lines.filter((line) => line.msg === 'shared attributes ignored')).toHaveLength(2);
    expect(await operator.rpc(30, { method: 'getOutbox' })).toEqual({ queued: 2, needsAttention: 0 });
    expect(terminal.overlays).toHaveLength(2);
  });
});

const errorOfParsing = (text: string): string => {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('the last will', () => {
  it('says online:false when the connection dies without a DISCONNECT, and the link comes back', async () => {
    const clients: MqttClient[] = [];
    startLink(new FakeFleetTerminal(), {
      connect: (url, options) => {
        const client = connect(url, options);
        clients.push(client);
        return client;
      },
    });
    await operator.waitFor(isAttributes('online', true));
    const from = operator.heard.length;
    clients[0]?.stream.destroy();
    const will = await operator.waitFor(isAttributes('online', false), { from });
    expect(will.text).toBe('{"online":false}');
    await operator.waitFor(isAttributes('online', true), { from });
    expect(clients.length).toBeGreaterThanOrEqual(2);
  });

  it('is not needed on a clean stop: the link says online:false itself', async () => {
    const link = startLink(new FakeFleetTerminal());
    await operator.waitFor(isAttributes('online', true));
    const from = operator.heard.length;
    await link.stop();
    await operator.waitFor(isAttributes('online', false), { from });
  });
});

describe('alerts', () => {
  const alertsHeard = (from = 0) => operator.heard.slice(from).filter(isAlert).map(values);

  it('are sent as telemetry at the time they were raised', async () => {
    const terminal = new FakeFleetTerminal();
    const link = startLink(terminal);
    await operator.waitFor(isAttributes('online', true));
    const raised = terminal.alerts.raise('door-jammed', 'A-3 did not open', { cabinet: 'A', door: 3 });
    const message = await operator.waitFor(isAlert);
    expect(message.json).toEqual({
      ts: Date.parse(raised.at),
      values: { alert: 'door-jammed', alertMessage: 'A-3 did not open', alertCleared: false, alertSeq: 1, alertDetail: { cabinet: 'A', door: 3 } },
    });
    terminal.alerts.clear('door-jammed', 'A-3 opens again');
    const cleared = await operator.waitFor((each) => isAlert(each) && values(each).alertCleared === true);
    expect(values(cleared)).toEqual({ alert: 'door-jammed', alertMessage: 'A-3 opens again', alertCleared: true, alertSeq: 2 });
    await until(() => link.status().alertsQueued === 0, 'the queue to empty');
    expect(statSync(path.join(dir, ALERT_QUEUE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('raised while the broker is down arrive in order when it is back, none lost', async () => {
    const terminal = new FakeFleetTerminal();
    // The link's timers on a clock the test moves, so it reconnects only once the operator is listening again.
    const clock = new ManualClock();
    const link = startLink(terminal, { clock });
    await operator.waitFor(isAttributes('online', true));
    await operator.close();
    await broker.stop();
    await until(() => !link.status().connected, 'the link to see the broker gone');
    for (let i = 1; i <= 20; i++) terminal.alerts.raise('paper-out', `paper out #${i}`);
    expect(link.status().alertsQueued).toBe(20);
    clock.advance(2000); // an attempt against the broker that is still down
    await broker.start();
    operator = await connectFleetOperator(broker.url);
    await until(
      () => {
        clock.advance(1000);
        return link.status().connected;
      },
      'the link to reconnect',
    );
    const heard = await operator.waitForCount(isAlert, 20);
    expect(heard.map((message) => values(message).alertMessage)).toEqual(Array.from({ length: 20 }, (_, i) => `paper out #${i + 1}`));
    expect(heard.map((message) => values(message).alertSeq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await until(() => link.status().alertsQueued === 0, 'the queue to empty');
  });

  it('left queued by a stopped link are sent by the next one on the same data dir, then the new ones', async () => {
    const nowhere = `mqtt://127.0.0.1:${await freePort()}`;
    const before = new FakeFleetTerminal();
    const first = new FleetLink({ config: fleetConfig({ url: nowhere }), terminalId: 'T-0001', terminal: before, dataDir: dir, log: silentLog() });
    first.start();
    before.alerts.raise('help-requested', 'a citizen asks for help');
    before.alerts.raise('device-offline', 'the ID card reader is offline', { device: 'idcard' });
    before.alerts.raise('outbox-needs-attention', 'case T-1 needs attention');
    expect(first.status()).toMatchObject({ connected: false, alertsQueued: 3 });
    await first.stop();

    const after = new FakeFleetTerminal();
    startLink(after);
    await operator.waitForCount(isAlert, 3);
    after.alerts.raise('door-left-open', 'door B-1 left open');
    const heard = (await operator.waitForCount(isAlert, 4)).map(values);
    expect(heard.map((each) => [each.alert, each.alertSeq])).toEqual([
      ['help-requested', 1],
      ['device-offline', 2],
      ['outbox-needs-attention', 3],
      ['door-left-open', 4],
    ]);
    expect(alertsHeard()).toHaveLength(4);
  });

  it('past the queue’s bound drop the oldest, and the next alert says how many', async () => {
    const nowhere = `mqtt://127.0.0.1:${await freePort()}`;
    const before = new FakeFleetTerminal();
    const { log, lines } = capturedLog();
    const first = new FleetLink({ config: fleetConfig({ url: nowhere }), terminalId: 'T-0001', terminal: before, dataDir: dir, log, alertQueueCapacity: 3 });
    first.start();
    for (let i = 1; i <= 5; i++) before.alerts.raise('paper-out', `paper out #${i}`);
    expect(first.status().alertsQueued).toBe(3);
    expect(lines.filter((line) => line.msg === 'the fleet alert queue is full: the oldest alerts were dropped')).toHaveLength(2);
    await first.stop();

    startLink(new FakeFleetTerminal(), { alertQueueCapacity: 3 });
    const heard = (await operator.waitForCount(isAlert, 3)).map(values);
    expect(heard.map((each) => [each.alertMessage, each.alertsDropped])).toEqual([
      ['paper out #3', 2],
      ['paper out #4', undefined],
      ['paper out #5', undefined],
    ]);
  });
});

describe('credentials', () => {
  it('refuses a secret file others may read, with a clear error, keeps retrying, and connects once it is 0600', async () => {
    const secret = path.join(dir, 'mqtt-password');
    writeFileSync(secret, 'hunter2\n', { mode: 0o644 });
    chmodSync(secret, 0o644);
    const { log, lines } = capturedLog();
    const link = startLink(new FakeFleetTerminal(), { log, config: fleetConfig({ auth: { kind: 'password', username: 'kiosk', password: { file: secret } } }) });
    await until(() => lines.filter((line) => String(line.msg).includes('mode is 0644')).length >= 2, 'two refusals in the log');
    const refusal = lines.find((line) => String(line.msg).includes('mode is 0644'));
    expect(refusal?.level).toBe(50);
    expect(refusal?.msg).toBe(`cannot connect to the fleet broker: the MQTT password ${secret} is unusable: its mode is 0644, group or others may read it; it must be 0600 (chmod 600 it, and ask whether it leaked)`);
    expect(link.status()).toMatchObject({ connected: false, lastError: { message: expect.stringContaining('it must be 0600') } });
    expect(JSON.stringify(lines)).not.toContain('hunter2');

    chmodSync(secret, 0o600);
    await operator.waitFor(isAttributes('online', true));
    await until(() => /as T-0001 \(.*u'kiosk'\)/.test(broker.log()), 'the broker to log the user name');
  });

  it('reads an access token from a systemd credential and sends it as the user name', async () => {
    const credentials = path.join(dir, 'credentials');
    mkdirSync(credentials, { mode: 0o700 });
    writeFileSync(path.join(credentials, 'fleet-token'), 'TOKEN-abc123\n', { mode: 0o400 });
    startLink(new FakeFleetTerminal(), {
      config: fleetConfig({ auth: { kind: 'access-token', token: { credential: 'fleet-token' } } }),
      env: { CREDENTIALS_DIRECTORY: credentials },
    });
    await operator.waitFor(isAttributes('online', true));
    await until(() => /as T-0001 \(.*u'TOKEN-abc123'\)/.test(broker.log()), 'the broker to log the token as the user name');
  });
});

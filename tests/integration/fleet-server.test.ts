import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAsync } from 'mqtt';
import { startFleetServer, type FleetServer } from '../../reference-platform/fleet/fleet-server.ts';
import { connectFakeTerminal, type FakeFleetTerminal } from '../support/mqtt-fleet-device.ts';
import { silentLog } from '../support/silent-log.ts';

/**
 * The reference platform's fleet (for halls without ThingsBoard): real mqtt.js terminals against its embedded broker
 * on loopback, each speaking only of `v1/devices/me/...` and kept apart by their access tokens.
 */
let fleet: FleetServer;
const terminals: FakeFleetTerminal[] = [];

const connect = async (...args: Parameters<typeof connectFakeTerminal> extends [string, ...infer Rest] ? Rest : never) => {
  const terminal = await connectFakeTerminal(fleet.brokerUrl, ...args);
  terminals.push(terminal);
  return terminal;
};

const until = async (check: () => boolean, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  fleet = await startFleetServer({ mqttPort: 0, log: silentLog(), maxAlertsPerTerminal: 5 });
});
afterEach(async () => {
  await Promise.all(terminals.splice(0).map((terminal) => terminal.end().catch(() => undefined)));
  await fleet.close();
});

describe('the fleet server', () => {
  it('keeps two terminals with different tokens apart, though both publish to v1/devices/me', async () => {
    const a = await connect({ token: 'TOKEN-A' });
    const b = await connect({ token: 'TOKEN-B' });
    await a.publish('attributes', { terminalId: 'SH-0001', hall: '浦东大厅', appVersion: '0.1.0', online: true });
    await b.publish('attributes', { terminalId: 'SH-0002', hall: '徐汇大厅', appVersion: '0.1.1', online: true });
    await a.publish('telemetry', { ts: 1_700_000_000_000, values: { appVersion: '0.1.0', outboxQueued: 3, printerPaper: 'near-end', 'device.printer.state': 'degraded' } });
    await b.publish('telemetry', { outboxQueued: 0, printerPaper: 'ok', 'device.idcard.state': 'ready' });
    await until(() => fleet.terminal('TOKEN-A')?.outboxQueued === 3 && fleet.terminal('TOKEN-B')?.outboxQueued === 0, 'both telemetries');

    const first = fleet.terminal('TOKEN-A');
    expect(first).toMatchObject({ online: true, terminalId: 'SH-0001', hall: '浦东大厅', appVersion: '0.1.0', printerPaper: 'near-end', devices: [{ id: 'printer', state: 'degraded' }], telemetryAt: 1_700_000_000_000 });
    expect(first?.telemetry).not.toHaveProperty('device.idcard.state');
    const second = fleet.terminal('TOKEN-B');
    expect(second).toMatchObject({ online: true, terminalId: 'SH-0002', printerPaper: 'ok', devices: [{ id: 'idcard', state: 'ready' }] });
    expect(fleet.terminals().map((terminal) => terminal.id)).toEqual(['TOKEN-A', 'TOKEN-B']);
    // Neither got the other's messages, nor its own back (the attribute topic carries both directions).
    expect(a.received).toEqual([]);
    expect(b.received).toEqual([]);
  });

  it('sends an RPC to the one terminal and resolves with its answer', async () => {
    const a = await connect({ token: 'TOKEN-A', answer: (method, params) => ({ method, params, devices: [{ id: 'printer', state: 'ready' }] }) });
    const b = await connect({ token: 'TOKEN-B', answer: () => ({ wrong: 'terminal' }) });
    await until(() => fleet.terminal('TOKEN-A')?.online === true && fleet.terminal('TOKEN-B')?.online === true, 'both online');

    await expect(fleet.rpc('TOKEN-A', 'getDeviceStates', {}, 3000)).resolves.toEqual({ method: 'getDeviceStates', params: {}, devices: [{ id: 'printer', state: 'ready' }] });
    await expect(fleet.rpc('TOKEN-A', 'openLockerDoor', { cabinet: 'A柜', door: 3 }, 3000)).resolves.toMatchObject({ params: { cabinet: 'A柜', door: 3 } });
    expect(a.received.map((message) => message.topic)).toEqual([expect.stringMatching(/^v1\/devices\/me\/rpc\/request\/\d+$/), expect.stringMatching(/^v1\/devices\/me\/rpc\/request\/\d+$/)]);
    expect(b.received).toEqual([]);
  });

  it('refuses an RPC with a timeout when the terminal does not answer, and at once for an unknown or offline one', async () => {
    await connect({ token: 'TOKEN-SILENT' });
    await until(() => fleet.terminal('TOKEN-SILENT')?.online === true, 'online');
    const started = Date.now();
    await expect(fleet.rpc('TOKEN-SILENT', 'restart', {}, 300)).rejects.toMatchObject({ code: 'rpc-timeout', message: expect.stringContaining('did not answer restart within 300 ms') });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await expect(fleet.rpc('NOBODY', 'restart')).rejects.toMatchObject({ code: 'unknown-terminal' });
  });

  it('refuses an answer that is not JSON as a bad reply, not a hang', async () => {
    const a = await connect({ token: 'TOKEN-A' });
    a.client.on('message', (topic) => {
      const id = /rpc\/request\/(\d+)$/.exec(topic)?.[1];
      if (id !== undefined) a.publishRaw(`rpc/response/${id}`, '{not json').catch(() => undefined);
    });
    await until(() => fleet.terminal('TOKEN-A')?.online === true, 'online');
    await expect(fleet.rpc('TOKEN-A', 'getOutbox', {}, 3000)).rejects.toMatchObject({ code: 'rpc-bad-reply' });
  });

  it('sends shared attributes to that terminal only, and answers its later attribute request with them', async () => {
    const a = await connect({ token: 'TOKEN-A' });
    const b = await connect({ token: 'TOKEN-B' });
    await until(() => fleet.terminal('TOKEN-A')?.online === true && fleet.terminal('TOKEN-B')?.online === true, 'both online');

    fleet.setShared('TOKEN-A', { targetVersion: '0.2.0', config: { session: { idleTimeoutSeconds: 60 } } });
    expect(await a.next(/^v1\/devices\/me\/attributes$/)).toEqual({ topic: 'v1/devices/me/attributes', body: { targetVersion: '0.2.0', config: { session: { idleTimeoutSeconds: 60 } } } });
    await quietFor(200);
    expect(b.received).toEqual([]);
    expect(fleet.terminal('TOKEN-A')?.shared).toEqual({ targetVersion: '0.2.0', config: { session: { idleTimeoutSeconds: 60 } } });
    expect(fleet.terminal('TOKEN-B')?.shared).toEqual({});
    expect(() => fleet.setShared('NOBODY', { a: 1 })).toThrow(expect.objectContaining({ code: 'unknown-terminal' }));

    // The terminal restarts: at connect it asks for what it needs, as a ThingsBoard device does.
    await a.end();
    const again = await connect({ token: 'TOKEN-A' });
    await again.publish('attributes/request/1', { sharedKeys: 'config,missing' });
    expect(await again.next(/^v1\/devices\/me\/attributes\/response\/1$/)).toEqual({
      topic: 'v1/devices/me/attributes/response/1',
      body: { shared: { config: { session: { idleTimeoutSeconds: 60 } } } },
    });
    await again.publish('attributes/request/2', {});
    expect((await again.next(/response\/2$/)).body).toEqual({ shared: { targetVersion: '0.2.0', config: { session: { idleTimeoutSeconds: 60 } } } });
    expect(b.received).toEqual([]);
  });

  it('refuses a subscription into another terminal’s namespace: that terminal receives nothing of the other', async () => {
    const a = await connect({ token: 'TOKEN-A', answer: () => ({ ok: true }) });
    const spy = await connect({ token: 'TOKEN-SPY', subscriptions: [] });
    // Each refused in the SUBACK (0x80), which mqtt.js reports as an error carrying the packet.
    const refusal = await spy.client.subscribeAsync(['devices/TOKEN-A/down/#', 'devices/TOKEN-A/up/#', 'devices/+/down/#', 'v1/devices/+/attributes', '#', '$SYS/#'], { qos: 1 }).then(
      () => null,
      (error: unknown) => error as { packet?: { granted?: unknown } },
    );
    expect(refusal?.packet?.granted).toEqual([128, 128, 128, 128, 128, 128]);
    await until(() => fleet.terminal('TOKEN-A')?.online === true, 'online');

    fleet.setShared('TOKEN-A', { secret: 'for A only' });
    await a.publish('telemetry', { outboxQueued: 1 });
    await fleet.rpc('TOKEN-A', 'getOutbox', {}, 3000);
    await a.next(/^v1\/devices\/me\/attributes$/);
    await quietFor(200);
    expect(spy.received).toEqual([]);
  });

  it('ends the connection of a terminal that publishes outside its own topics; the other keeps its state', async () => {
    const a = await connect({ token: 'TOKEN-A' });
    await a.publish('telemetry', { outboxQueued: 2 });
    const intruder = await connectAsync(fleet.brokerUrl, { username: 'TOKEN-EVIL', reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
    intruder.publish('devices/TOKEN-A/up/telemetry', JSON.stringify({ outboxQueued: 999 }), { qos: 1 });
    await closed;
    await until(() => fleet.terminal('TOKEN-EVIL')?.online === false, 'the intruder offline');
    expect(fleet.terminal('TOKEN-A')?.outboxQueued).toBe(2);
    intruder.end(true);
  });

  it('marks a terminal offline when its socket dies: the will {"online": false} arrives through its own namespace', async () => {
    const a = await connect({ token: 'TOKEN-A' });
    const b = await connect({ token: 'TOKEN-B' });
    await a.publish('attributes', { terminalId: 'SH-0001', online: true });
    await until(() => fleet.terminal('TOKEN-A')?.attributes['online'] === true, 'online attribute');

    a.kill();
    await until(() => fleet.terminal('TOKEN-A')?.online === false && fleet.terminal('TOKEN-A')?.attributes['online'] === false, 'offline by the will');
    expect(fleet.terminal('TOKEN-A')?.terminalId).toBe('SH-0001');
    expect(fleet.terminal('TOKEN-B')?.online).toBe(true);
    await quietFor(100);
    expect(b.received).toEqual([]);
    await expect(fleet.rpc('TOKEN-A', 'restart')).rejects.toMatchObject({ code: 'terminal-offline' });
  });

  it('identifies a device without a token by its client id', async () => {
    await connect({ clientId: 'hall-7-terminal-2' });
    await until(() => fleet.terminal('hall-7-terminal-2')?.online === true, 'online by client id');
  });

  it('keeps alerts newest first, raised and cleared, once each, bounded', async () => {
    const a = await connect({ token: 'TOKEN-A' });
    const alert = (ts: number, seq: number, kind: string, cleared = false) => a.publish('telemetry', { ts, values: { alert: kind, alertMessage: `${kind} ${seq}`, alertCleared: cleared, alertSeq: seq, ...(kind === 'door-jammed' ? { alertDetail: { cabinet: 'A柜', door: 3 } } : {}) } });
    await alert(1000, 1, 'paper-out');
    await alert(2000, 2, 'door-jammed');
    await alert(2000, 2, 'door-jammed'); // resent after a broker outage
    await alert(3000, 3, 'paper-out', true);
    await until(() => fleet.terminal('TOKEN-A')?.alerts.length === 3, 'three alerts');
    const terminal = fleet.terminal('TOKEN-A');
    expect(terminal?.alerts.map((entry) => [entry.kind, entry.cleared, entry.at])).toEqual([
      ['paper-out', true, 3000],
      ['door-jammed', false, 2000],
      ['paper-out', false, 1000],
    ]);
    expect(terminal?.alerts[1]?.detail).toEqual({ cabinet: 'A柜', door: 3 });
    expect(terminal?.activeAlerts.map((entry) => entry.kind)).toEqual(['door-jammed']);
    // The alert's keys are the alert, not telemetry values.
    expect(terminal?.telemetry).toEqual({});

    for (let seq = 10; seq < 20; seq += 1) await alert(10_000 + seq, seq, 'help-requested');
    await until(() => fleet.terminal('TOKEN-A')?.alerts[0]?.seq === 19, 'the newest');
    expect(fleet.terminal('TOKEN-A')?.alerts).toHaveLength(5);
    expect(fleet.terminal('TOKEN-A')?.activeAlerts.map((entry) => entry.kind)).toEqual(['help-requested', 'door-jammed']);
  });

  it('logs and ignores malformed payloads and odd values, and goes on serving', async () => {
    const a = await connect({ token: 'TOKEN-A', answer: () => ({ ok: true }) });
    for (const payload of ['not json', '', '[1, 2]', 'null', '{"ts": "yesterday", "values": {"outboxQueued": 5}}', '{"values": 7}', Buffer.from([0xff, 0xfe, 0x00]), 'x'.repeat(70_000)]) {
      await a.publishRaw('telemetry', payload);
    }
    await a.publishRaw('attributes', '["not", "an", "object"]');
    await a.publishRaw('attributes/request/1', '{"sharedKeys": 5}');
    await a.publishRaw('rpc/response/123456', '{"unasked": true}');
    await a.publishRaw('claim', '{}');
    await a.publish('telemetry', { alert: 'Not A Kind!', alertMessage: 'x' });
    await a.publish('telemetry', { outboxQueued: 'many', printerPaper: 'soggy', 'device.printer.state': 'on fire', uptimeS: 12, 'bad key!': 1, long: 'y'.repeat(2000) });
    await a.publish('telemetry', { ts: 5000, values: { outboxNeedsAttention: 1 } });
    await until(() => fleet.terminal('TOKEN-A')?.outboxNeedsAttention === 1, 'the good message after the bad');

    const terminal = fleet.terminal('TOKEN-A');
    expect(terminal).toMatchObject({ online: true, outboxQueued: null, printerPaper: null, devices: [{ id: 'printer', state: 'unknown' }], alerts: [] });
    expect(terminal?.telemetry).toEqual({ outboxQueued: 'many', printerPaper: 'soggy', 'device.printer.state': 'on fire', uptimeS: 12, outboxNeedsAttention: 1 });
    expect(terminal?.attributes).toEqual({});
    await expect(fleet.rpc('TOKEN-A', 'getOutbox', {}, 3000)).resolves.toEqual({ ok: true });
  });

  it('refuses tokens it does not know when given a list, and a new terminal when the fleet is full', async () => {
    await fleet.close();
    fleet = await startFleetServer({ mqttPort: 0, log: silentLog(), allowedTokens: ['GOOD-1', 'GOOD-2'], maxTerminals: 1 });
    await expect(connectAsync(fleet.brokerUrl, { username: 'BAD', reconnectPeriod: 0 })).rejects.toThrow(/Bad username or password|Not authorized/i);
    await expect(connectAsync(fleet.brokerUrl, { reconnectPeriod: 0 })).rejects.toThrow(/Bad username or password|Not authorized/i);
    const first = await connect({ token: 'GOOD-1' });
    await expect(connectAsync(fleet.brokerUrl, { username: 'GOOD-2', reconnectPeriod: 0 })).rejects.toThrow(/Server unavailable/i);
    // Once the first is offline, it is forgotten for the newcomer.
    await first.end();
    await until(() => fleet.terminal('GOOD-1')?.online === false, 'offline');
    await connect({ token: 'GOOD-2' });
    expect(fleet.terminals().map((terminal) => terminal.id)).toEqual(['GOOD-2']);
  });
});

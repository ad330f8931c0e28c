import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAlert, readAttributesRequest, readJsonObject, readTelemetry } from '../../../reference-platform/fleet/device-messages.ts';
import { deliveredTopic, parseUpTopic, subscriptionTopic, upTopic } from '../../../reference-platform/fleet/device-namespace.ts';

/** What a device sends the fleet is untrusted: its readers never throw, and its topics never leave its namespace. */
describe('the fleet’s readers of device messages', () => {
  it('never throw on random bytes or random JSON, and say what they could not read', () => {
    const payloads = fc.oneof(
      fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
      fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
    );
    fc.assert(
      fc.property(payloads, (payload) => {
        for (const read of [readTelemetry(payload), readAttributesRequest(payload), readJsonObject(payload)]) {
          expect(read.ok || typeof read.problem === 'string').toBe(true);
        }
        const object = readJsonObject(payload);
        if (object.ok) expect(() => readAlert(object.value)).not.toThrow();
      }),
    );
  });

  it('reads the three telemetry forms ThingsBoard takes', () => {
    expect(readTelemetry(Buffer.from('{"ts": 5, "values": {"a": 1}}'))).toEqual({ ok: true, value: [{ ts: 5, values: { a: 1 } }] });
    expect(readTelemetry(Buffer.from('{"a": 1}'))).toEqual({ ok: true, value: [{ ts: null, values: { a: 1 } }] });
    expect(readTelemetry(Buffer.from('[{"ts": 5, "values": {"a": 1}}, {"b": 2}]'))).toEqual({ ok: true, value: [{ ts: 5, values: { a: 1 } }, { ts: null, values: { b: 2 } }] });
    expect(readTelemetry(Buffer.from('{"ts": "now", "values": {}}'))).toMatchObject({ ok: false });
  });
});

describe('a device’s namespace', () => {
  const deviceIds = fc.stringMatching(/^[A-Za-z0-9._:@~-]{1,20}$/);
  const topics = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.array(fc.oneof(fc.constantFrom('v1', 'devices', 'me', '+', '#', 'up', 'down', '', 'rpc'), fc.stringMatching(/^[A-Za-z0-9._-]{1,8}$/)), { maxLength: 6 }).map((levels) => levels.join('/')),
  );

  it('maps every publish and subscription of a device into its own topics, or refuses it', () => {
    fc.assert(
      fc.property(deviceIds, topics, (deviceId, topic) => {
        const up = upTopic(deviceId, topic);
        if (up !== null) expect(parseUpTopic(up)).toEqual({ deviceId, suffix: topic.slice('v1/devices/me/'.length) });
        const subscribed = subscriptionTopic(deviceId, topic);
        if (subscribed !== null) expect(subscribed.startsWith(`devices/${deviceId}/down/`) && subscribed.length > `devices/${deviceId}/down/`.length).toBe(true);
      }),
    );
  });

  it('refuses what would reach beyond: another device, every device, the broker', () => {
    for (const topic of ['#', '+/#', 'v1/devices/+/attributes', 'v1/devices/me', 'v1/devices/me/', 'devices/B/down/#', 'devices/B/up/telemetry', '$SYS/#', 'devices/A/up/telemetry']) {
      expect(subscriptionTopic('A', topic)).toBeNull();
    }
    expect(subscriptionTopic('A', 'v1/devices/me/rpc/request/+')).toBe('devices/A/down/rpc/request/+');
    expect(upTopic('A', 'devices/B/up/telemetry')).toBeNull();
    expect(deliveredTopic('A', 'devices/B/down/attributes')).toBeNull();
    expect(deliveredTopic('A', 'devices/A/down/attributes')).toBe('v1/devices/me/attributes');
  });
});

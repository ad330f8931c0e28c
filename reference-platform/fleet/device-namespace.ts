/**
 * Every device's own topics, as ThingsBoard gives them: a device always speaks of `v1/devices/me/...` and the broker
 * knows which device "me" is from its connection (the access token). Inside the broker each device's topics live
 * under `devices/<deviceId>/`, split by direction so that nothing a device publishes comes back to it on the same
 * topic (ThingsBoard's attribute topic carries both the device's client attributes and the server's shared ones):
 *
 * - what the device publishes on `v1/devices/me/X` is `devices/<id>/up/X` (the fleet server reads it);
 * - what the device subscribes to as `v1/devices/me/X` is `devices/<id>/down/X` (the fleet server publishes there),
 *   and is delivered to it as `v1/devices/me/X` again.
 *
 * Pure functions: the broker's hooks (fleet-broker.ts) apply them; a topic that would leave the device's own
 * namespace is refused (null).
 */

export const DEVICE_TOPIC_BASE = 'v1/devices/me';

/**
 * What may name a device: an access token or an MQTT client id, printable, without a topic separator or wildcard,
 * so that it is exactly one topic level.
 */
const DEVICE_ID = /^[A-Za-z0-9._:@~-]{1,128}$/;

export const isDeviceId = (value: string): boolean => DEVICE_ID.test(value);

const DEVICE_PREFIX = `${DEVICE_TOPIC_BASE}/`;

/** The part after `v1/devices/me/`, or null when the topic is not one of the device's own. */
const deviceSuffix = (topic: string): string | null => (topic.startsWith(DEVICE_PREFIX) && topic.length > DEVICE_PREFIX.length ? topic.slice(DEVICE_PREFIX.length) : null);

/** The device's publish on `v1/devices/me/X`, as the broker keeps it: `devices/<id>/up/X`; null for any other topic. */
export const upTopic = (deviceId: string, topic: string): string | null => {
  const suffix = deviceSuffix(topic);
  return suffix === null ? null : `devices/${deviceId}/up/${suffix}`;
};

/** Where the fleet server publishes `X` for the device (delivered to it as `v1/devices/me/X`). */
export const downTopic = (deviceId: string, suffix: string): string => `devices/${deviceId}/down/${suffix}`;

/**
 * The device's subscription to `v1/devices/me/X` (X may hold wildcards: they stay inside its namespace), as the broker
 * keeps it: `devices/<id>/down/X`. A subscription the broker restores for a persistent session is already rewritten:
 * taken as it is when it is the device's own. Anything else (`#`, `v1/devices/+/…`, another device's topics) is null.
 */
export const subscriptionTopic = (deviceId: string, topic: string): string | null => {
  const own = `devices/${deviceId}/down/`;
  if (topic.startsWith(own) && topic.length > own.length) return topic;
  const suffix = deviceSuffix(topic);
  return suffix === null ? null : downTopic(deviceId, suffix);
};

/** A topic of the device's down namespace as the device sees it (`v1/devices/me/X`); null when it is not its own. */
export const deliveredTopic = (deviceId: string, topic: string): string | null => {
  const own = `devices/${deviceId}/down/`;
  return topic.startsWith(own) && topic.length > own.length ? `${DEVICE_PREFIX}${topic.slice(own.length)}` : null;
};

/** Which device and what (`telemetry`, `attributes`, `rpc/response/7` …) an internal up topic is; null otherwise. */
export const parseUpTopic = (topic: string): { deviceId: string; suffix: string } | null => {
  const match = /^devices\/([^/]+)\/up\/(.+)$/.exec(topic);
  if (match === null) return null;
  const [, deviceId = '', suffix = ''] = match;
  return isDeviceId(deviceId) ? { deviceId, suffix } : null;
};

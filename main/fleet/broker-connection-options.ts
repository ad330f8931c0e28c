import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import type { BrokerSettings } from './fleet-link-settings.ts';
import { fleetTopics } from './fleet-topics.ts';
import { readPrivateFile, readSecret, SecretUnusable } from './secret-reference.ts';

/** The last will: what the broker tells the fleet when the terminal's connection dies without a goodbye (ThingsBoard style). */
export const OFFLINE_PAYLOAD = JSON.stringify({ online: false });

/**
 * mqtt.js options for one connection attempt, with the secrets read now from their references (so a rotated token or
 * a fixed file mode counts at the next attempt). Throws SecretUnusable. mqtt.js never reconnects by itself
 * (`reconnectPeriod: 0`): the link does, with its own backoff. Clean session: the link subscribes after every connect.
 */
export const brokerConnectionOptions = (
  broker: BrokerSettings,
  clientId: string,
  env: Readonly<Record<string, string | undefined>>,
): IClientOptions => {
  const options: IClientOptions = {
    clientId: broker.clientId ?? clientId,
    protocolVersion: 4,
    clean: true,
    keepalive: broker.keepaliveSeconds,
    reconnectPeriod: 0,
    connectTimeout: 30_000,
    resubscribe: false,
    will: { topic: fleetTopics(broker.topicBase).attributes, payload: Buffer.from(OFFLINE_PAYLOAD), qos: 1, retain: false },
  };
  const auth = broker.auth;
  if (auth?.kind === 'access-token') {
    // ThingsBoard: the device's access token is the MQTT user name, no password.
    options.username = readSecret(auth.token, 'the MQTT access token', env);
  } else if (auth?.kind === 'password') {
    options.username = auth.username;
    options.password = readSecret(auth.password, 'the MQTT password', env);
  } else if (auth?.kind === 'client-certificate') {
    options.cert = readFileOrExplain(auth.certFile, 'the MQTT client certificate');
    options.key = readPrivateFile(auth.keyFile, 'the MQTT client key');
  }
  if (broker.caFile !== undefined) options.ca = readFileOrExplain(broker.caFile, 'the MQTT broker CA');
  if (broker.url.startsWith('mqtts:')) options.rejectUnauthorized = true;
  return options;
};

const readFileOrExplain = (file: string, what: string): Buffer => {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new SecretUnusable(`${what} ${file}`, (error as Error).message);
  }
};

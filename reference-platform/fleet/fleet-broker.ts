import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from 'pino';
import { deliveredTopic, isDeviceId, subscriptionTopic, upTopic } from './device-namespace.ts';

/**
 * An MQTT broker on 127.0.0.1 that behaves like ThingsBoard's device API for many terminals (aedes over node:net):
 * each connection is a device, known by its MQTT user name (the access token) or, without one, its client id, and
 * speaks only of `v1/devices/me/...`, which the hooks below map into the device's own namespace (device-namespace.ts).
 * A device cannot publish into, or subscribe to, another device's topics; its last will goes through the same mapping.
 */
export interface FleetBroker {
  readonly url: string;
  readonly port: number;
  readonly aedes: Aedes;
  /** The device a connection is (set once it authenticated). */
  deviceIdOf(client: Client): string | undefined;
  close(): Promise<void>;
}

export interface FleetBrokerOptions {
  /** 0: a free port. */
  port: number;
  log: Logger;
  /** Only these access tokens may connect (the MQTT user name); by default any device may. */
  allowedTokens?: readonly string[];
  /** Asked for every new connection: false refuses it (the fleet is full). */
  admits?: (deviceId: string) => boolean;
}

/** aedes' CONNACK return codes (its `AuthErrorCode` is a const enum, which type stripping cannot inline). */
const BAD_USERNAME_OR_PASSWORD = 4;
const SERVER_UNAVAILABLE = 3;

const refusal = (message: string, returnCode: number): AuthenticateError => Object.assign(new Error(message), { returnCode });

/** The port is taken, or the like: said in a sentence a person can act on. */
export class FleetPortUnavailable extends Error {
  readonly what: string;
  readonly port: number;
  constructor(what: string, port: number, options: { cause: unknown }) {
    const code = (options.cause as { code?: unknown }).code;
    super(
      code === 'EADDRINUSE'
        ? `${what}: port ${port} on 127.0.0.1 is already in use (another fleet or broker running?); stop it or choose another port`
        : `${what}: cannot listen on 127.0.0.1:${port} (${(options.cause as Error).message})`,
      options,
    );
    this.what = what;
    this.port = port;
    this.name = 'FleetPortUnavailable';
  }
}

export const listenOnLoopback = (server: Server, port: number, what: string): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    server.once('error', (error) => reject(new FleetPortUnavailable(what, port, { cause: error })));
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

export const startFleetBroker = async (options: FleetBrokerOptions): Promise<FleetBroker> => {
  const { log } = options;
  const allowed = options.allowedTokens === undefined ? null : new Set(options.allowedTokens);
  const devices = new WeakMap<Client, string>();

  const aedes = await Aedes.createBroker({
    // A terminal's messages are small; a client that stops reading is dropped rather than holding the broker up.
    drainTimeout: 10_000,
    maxClientsIdLength: 128,
    authenticate(client, username, _password, done) {
      const token = username === undefined || username === '' ? null : username;
      const deviceId = token ?? client.id;
      if (allowed !== null && (token === null || !allowed.has(token))) {
        log.warn({ clientId: client.id }, 'fleet broker: a device with an unknown access token was refused');
        done(refusal('unknown access token', BAD_USERNAME_OR_PASSWORD), false);
        return;
      }
      if (!isDeviceId(deviceId)) {
        log.warn({ clientId: client.id.slice(0, 128) }, 'fleet broker: a device whose token or client id is not one topic level was refused');
        done(refusal('the access token (or client id) must be 1 to 128 of A-Z a-z 0-9 . _ : @ ~ -', BAD_USERNAME_OR_PASSWORD), false);
        return;
      }
      if (options.admits !== undefined && !options.admits(deviceId)) {
        log.warn({ deviceId }, 'fleet broker: the fleet is full, a new device was refused');
        done(refusal('the fleet is full', SERVER_UNAVAILABLE), false);
        return;
      }
      devices.set(client, deviceId);
      done(null, true);
    },
    // The device's publish (its last will included: aedes authorizes the will like any publish when it sends it).
    authorizePublish(client, packet, done) {
      const deviceId = client === null ? undefined : devices.get(client);
      // client null: a will aedes found of a broker that died; there is no such broker here.
      const topic = deviceId === undefined ? null : upTopic(deviceId, packet.topic);
      if (topic === null) {
        done(new Error(`a device publishes only to v1/devices/me/..., not "${packet.topic.slice(0, 200)}"`));
        return;
      }
      packet.topic = topic;
      // Nothing a device sends is kept by the broker: the fleet server holds what matters, bounded.
      packet.retain = false;
      done(null);
    },
    authorizeSubscribe(client, subscription, done) {
      const deviceId = devices.get(client);
      const topic = deviceId === undefined ? null : subscriptionTopic(deviceId, subscription.topic);
      if (topic === null) {
        log.warn({ deviceId, topic: subscription.topic.slice(0, 200) }, 'fleet broker: a subscription outside the device’s own topics was refused');
        // Refused in the SUBACK (0x80), the connection kept.
        done(null, null);
        return;
      }
      done(null, { ...subscription, topic });
    },
    authorizeForward(client, packet) {
      const deviceId = devices.get(client);
      const topic = deviceId === undefined ? null : deliveredTopic(deviceId, packet.topic);
      // A copy: the same packet goes on to the device's other sessions and to the fleet server.
      return topic === null ? null : { ...packet, topic };
    },
  });
  aedes.on('clientError', (client, error) => log.debug({ clientId: client.id, err: error.message }, 'fleet broker: client error'));
  aedes.on('connectionError', (_client, error) => log.debug({ err: error.message }, 'fleet broker: connection error'));

  const server = createServer((socket) => aedes.handle(socket));
  let port: number;
  try {
    port = await listenOnLoopback(server, options.port, 'fleet broker');
  } catch (error) {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    throw error;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    aedes,
    deviceIdOf: (client) => devices.get(client),
    close: async () => {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

import { connectAsync, type MqttClient } from 'mqtt';

/**
 * A terminal as the fleet sees one, for tests: an mqtt.js client speaking ThingsBoard's device API
 * (`v1/devices/me/...`, the access token as the user name, the last will `{"online": false}`), that records what the
 * broker delivers to it and answers RPCs with `answer` when set.
 */
export interface FakeFleetTerminal {
  readonly client: MqttClient;
  /** Every message delivered to it, in order. */
  readonly received: Array<{ topic: string; body: unknown }>;
  publish(suffix: string, body: unknown): Promise<void>;
  publishRaw(suffix: string, payload: string | Buffer): Promise<void>;
  /** Resolves with the first delivered message whose topic matches. */
  next(topic: RegExp, timeoutMs?: number): Promise<{ topic: string; body: unknown }>;
  /** Ends the connection as a crash would (no DISCONNECT: the broker sends the will). */
  kill(): void;
  end(): Promise<void>;
}

export interface FakeFleetTerminalOptions {
  token?: string;
  clientId?: string;
  /** The RPC answer: called for each request; undefined leaves it unanswered. */
  answer?: (method: string, params: unknown) => unknown;
  /** Subscribed at connect (default: attributes, attributes/response/+ and rpc/request/+ of v1/devices/me). */
  subscriptions?: readonly string[];
}

const BASE = 'v1/devices/me';

export const connectFakeTerminal = async (brokerUrl: string, options: FakeFleetTerminalOptions = {}): Promise<FakeFleetTerminal> => {
  const client = await connectAsync(brokerUrl, {
    ...(options.token === undefined ? {} : { username: options.token }),
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    reconnectPeriod: 0,
    connectTimeout: 5000,
    will: { topic: `${BASE}/attributes`, payload: Buffer.from(JSON.stringify({ online: false })), qos: 1, retain: false },
  });
  const received: Array<{ topic: string; body: unknown }> = [];
  const waiters: Array<{ topic: RegExp; resolve: (message: { topic: string; body: unknown }) => void }> = [];
  client.on('message', (topic, payload) => {
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      body = payload.toString('utf8');
    }
    const message = { topic, body };
    received.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.topic.test(topic)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
    const request = /^v1\/devices\/me\/rpc\/request\/(\d+)$/.exec(topic);
    if (request !== null && options.answer !== undefined) {
      const { method, params } = body as { method: string; params: unknown };
      const reply = options.answer(method, params);
      // A reply still on its way when the test ends the connection is of no interest.
      if (reply !== undefined) client.publishAsync(`${BASE}/rpc/response/${request[1]}`, JSON.stringify(reply)).catch(() => undefined);
    }
  });
  const subscriptions = options.subscriptions ?? [`${BASE}/attributes`, `${BASE}/attributes/response/+`, `${BASE}/rpc/request/+`];
  if (subscriptions.length > 0) await client.subscribeAsync([...subscriptions], { qos: 1 });
  return {
    client,
    received,
    publish: async (suffix, body) => void (await client.publishAsync(`${BASE}/${suffix}`, JSON.stringify(body), { qos: 1 })),
    publishRaw: async (suffix, payload) => void (await client.publishAsync(`${BASE}/${suffix}`, payload, { qos: 1 })),
    next: (topic, timeoutMs = 5000) => {
      const already = received.find((message) => topic.test(message.topic));
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message on ${topic} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          topic,
          resolve: (message) => {
            clearTimeout(timer);
            resolve(message);
          },
        });
      });
    },
    kill: () => client.stream.destroy(),
    end: async () => void (await client.endAsync(true)),
  };
};

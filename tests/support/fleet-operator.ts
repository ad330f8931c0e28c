import { connectAsync, type MqttClient } from 'mqtt';

/** A message the operator's side heard, its payload parsed when it is JSON. */
export interface HeardMessage {
  readonly topic: string;
  readonly text: string;
  readonly json: unknown;
  readonly at: number;
}

/**
 * The operator's server as a second mqtt.js client on the test's broker: it hears everything under the device's
 * topics (on a plain mosquitto they are literally `v1/devices/me/...`), publishes shared attributes and RPC
 * requests, and waits for what the terminal says with a deadline.
 */
export interface FleetOperator {
  readonly heard: readonly HeardMessage[];
  publish(topic: string, payload: string | object): Promise<void>;
  /** The first message heard (since `from`, an index into `heard`) that matches; throws after `timeoutMs`. */
  waitFor(match: (message: HeardMessage) => boolean, options?: { timeoutMs?: number; from?: number }): Promise<HeardMessage>;
  /** Every match heard since `from`, once there are `count` of them. */
  waitForCount(match: (message: HeardMessage) => boolean, count: number, options?: { timeoutMs?: number; from?: number }): Promise<HeardMessage[]>;
  /** Asks RPC `id` and waits for the terminal's answer. */
  rpc(id: number, request: object | string, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const connectFleetOperator = async (url: string, base = 'v1/devices/me'): Promise<FleetOperator> => {
  const client: MqttClient = await connectAsync(url, { clientId: `operator-${process.pid}-${Math.random().toString(16).slice(2)}`, reconnectPeriod: 200 });
  const heard: HeardMessage[] = [];
  const waiters = new Set<() => void>();
  client.on('message', (topic, payload) => {
    const text = payload.toString('utf8');
    heard.push({ topic, text, json: parsed(text), at: Date.now() });
    for (const wake of waiters) wake();
  });
  await client.subscribeAsync(`${base}/#`, { qos: 1 });

  const waitForCount: FleetOperator['waitForCount'] = (match, count, options = {}) => {
    const { timeoutMs = 5000, from = 0 } = options;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = heard.slice(from).filter(match);
        if (found.length < count) return;
        finish();
        resolve(found);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`waited ${timeoutMs} ms for ${count} matching message(s); heard:\n${heard.slice(from).map((each) => `${each.topic} ${each.text}`).join('\n')}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  };

  const operator: FleetOperator = {
    heard,
    async publish(topic, payload) {
      await client.publishAsync(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
    },
    waitFor: async (match, options) => {
      const [first] = await waitForCount(match, 1, options);
      if (first === undefined) throw new Error('no message');
      return first;
    },
    waitForCount,
    async rpc(id, request, timeoutMs = 5000) {
      const from = heard.length;
      await operator.publish(`${base}/rpc/request/${id}`, request);
      const answer = await operator.waitFor((message) => message.topic === `${base}/rpc/response/${id}`, { timeoutMs, from });
      return answer.json;
    },
    async close() {
      await client.endAsync(true);
    },
  };
  return operator;
};

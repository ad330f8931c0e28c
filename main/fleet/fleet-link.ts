import { connect as mqttConnect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { systemClock, type Clock, type TimerHandle } from '../common/clock.ts';
import { alertPayload } from './alert-payload.ts';
import { AlertQueue, ALERT_QUEUE_CAPACITY } from './alert-queue.ts';
import type { KioskAlert } from './alerts.ts';
import { explainBrokerFailure } from './broker-failure.ts';
import { brokerConnectionOptions, OFFLINE_PAYLOAD } from './broker-connection-options.ts';
import type { BrokerSettings, FleetLinkSettings } from './fleet-link-settings.ts';
import { answerRpc } from './fleet-rpc.ts';
import type { FleetTerminal } from './fleet-terminal.ts';
import { fleetTopics, type FleetTopics } from './fleet-topics.ts';
import { reconnectDelayMs } from './reconnect-backoff.ts';
import {
  configOverlayHash,
  configOverlayOf,
  DEFAULT_SHARED_KEYS,
  parseAttributesResponse,
  parseAttributesUpdate,
  type ParsedAttributes,
  type SharedAttributes,
} from './shared-attributes.ts';
import { telemetryValues } from './telemetry.ts';

/**
 * The terminal as a device of the operator's fleet over MQTT, ThingsBoard's device API (docs/fleet-mqtt.md): client
 * attributes and telemetry up, shared attributes (the config overlay, staged updates) and RPCs (remote actions) down,
 * alerts through a durable queue, a last will saying `{"online":false}`. The link never stops the kiosk: a broker
 * away, a refused login or an unusable secret is logged and retried with backoff.
 */

/** How a connection is made; tests pass one that keeps the clients it makes. */
export type MqttConnect = (url: string, options: IClientOptions) => MqttClient;

export interface FleetLinkOptions {
  /** The `fleet` section; its `mqtt` must be set. */
  readonly config: FleetLinkSettings;
  readonly terminalId: string;
  readonly terminal: FleetTerminal;
  /** Where the alert queue lives (fleet-alerts.sqlite). */
  readonly dataDir: string;
  readonly log: Logger;
  readonly clock?: Clock;
  /** In [0, 1): the reconnect jitter. */
  readonly random?: () => number;
  /** Where `CREDENTIALS_DIRECTORY` is read (systemd credentials). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly connect?: MqttConnect;
  /** The shared keys asked for at connect (default: config, targetVersion, updateShare). */
  readonly sharedKeys?: readonly string[];
  readonly alertQueueCapacity?: number;
}

export interface FleetLinkStatus {
  readonly broker: string;
  readonly connected: boolean;
  /** ISO time the link last connected or lost its connection; null before its first connect. */
  readonly since: string | null;
  /** The last thing that went wrong (a refused connection, an unusable secret), with its time; null: nothing yet. */
  readonly lastError: { readonly message: string; readonly at: string } | null;
  readonly alertsQueued: number;
}

/** Shared attributes other than `config`, as they came. */
export interface SharedAttributesEvent {
  /** `update`: pushed by the server (only the keys that changed); `response`: all those asked for, at connect. */
  readonly origin: 'update' | 'response';
  readonly values: SharedAttributes;
  /** Keys the operator deleted (an update only). */
  readonly deleted: readonly string[];
}

/** A burst of changes makes at most one telemetry message per this long. */
const CHANGE_TELEMETRY_SPACING_MS = 1000;
const STOP_TIMEOUT_MS = 2000;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class FleetLink {
  readonly #options: FleetLinkOptions;
  readonly #broker: BrokerSettings;
  readonly #topics: FleetTopics;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #log: Logger;
  readonly #sharedListeners = new Set<(event: SharedAttributesEvent) => void>();
  /** Keys this terminal publishes as client attributes: heard back on a plain broker, they are not shared ones. */
  readonly #ownAttributeKeys = new Set<string>(['online', 'configError', 'configOverlayHash']);
  readonly #extraAttributes: Record<string, unknown> = {};
  #queue: AlertQueue | null = null;
  #unsubscribe: Array<() => void> = [];
  #client: MqttClient | null = null;
  #connected = false;
  #since: number | null = null;
  #lastError: { message: string; at: number } | null = null;
  #failedAttempts = 0;
  #reconnectTimer: TimerHandle | null = null;
  #telemetryTimer: TimerHandle | null = null;
  #changeTimer: TimerHandle | null = null;
  #lastTelemetryAt = Number.NEGATIVE_INFINITY;
  #alertInFlight: number | null = null;
  #attributesRequestId = 0;
  #state: 'new' | 'running' | 'stopped' = 'new';

  constructor(options: FleetLinkOptions) {
    if (options.config.mqtt === undefined) throw new Error('the fleet link needs a broker (fleet.mqtt in the config)');
    this.#options = options;
    this.#broker = options.config.mqtt;
    this.#topics = fleetTopics(this.#broker.topicBase);
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#log = options.log;
  }

  /** Opens the alert queue (throws if it cannot) and connects; everything after that is retried, never thrown. */
  start(): void {
    if (this.#state !== 'new') throw new Error('a fleet link starts once');
    this.#state = 'running';
    this.#queue = AlertQueue.open(this.#options.dataDir, this.#options.alertQueueCapacity ?? ALERT_QUEUE_CAPACITY);
    const { terminal } = this.#options;
    this.#unsubscribe = [terminal.alerts.subscribe((alert) => this.#alertRaised(alert)), terminal.onChange(() => this.#changed())];
    this.#scheduleTelemetry();
    this.#connect();
  }

  /** Says `{"online":false}` and disconnects (cleanly: no last will), then closes the queue; what is queued stays for the next start. */
  async stop(): Promise<void> {
    if (this.#state !== 'running') {
      this.#state = 'stopped';
      return;
    }
    this.#state = 'stopped';
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    for (const timer of [this.#reconnectTimer, this.#telemetryTimer, this.#changeTimer]) if (timer !== null) this.#clock.clearTimeout(timer);
    this.#reconnectTimer = this.#telemetryTimer = this.#changeTimer = null;
    const client = this.#client;
    const wasConnected = this.#connected;
    this.#client = null;
    this.#connected = false;
    if (client !== null) {
      if (wasConnected) {
        const goodbye = (async () => {
          await client.publishAsync(this.#topics.attributes, OFFLINE_PAYLOAD, { qos: 1 });
          await client.endAsync();
        })();
        const ended = await this.#within(goodbye, STOP_TIMEOUT_MS);
        if (!ended) this.#log.warn('the broker did not take the goodbye in time; connection dropped');
      }
      client.end(true);
    }
    this.#queue?.close();
    this.#queue = null;
    this.#log.info('fleet link stopped');
  }

  /**
   * Client attributes of another part of the terminal (the staged update's state): sent now when connected, and with
   * the terminal's own attributes at every connect from now on.
   */
  publishAttributes(attributes: Readonly<Record<string, unknown>>): void {
    Object.assign(this.#extraAttributes, attributes);
    if (this.status().connected) this.#publishClientAttributes(attributes);
  }

  status(): FleetLinkStatus {
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      broker: this.#broker.url,
      connected: this.#connected,
      since: this.#since === null ? null : iso(this.#since),
      lastError: this.#lastError === null ? null : { message: this.#lastError.message, at: iso(this.#lastError.at) },
      alertsQueued: this.#queue?.size() ?? 0,
    };
  }

  /** Shared attributes other than the config overlay (targetVersion, updateShare, …); returns the unsubscribe. */
  onSharedAttributes(listener: (event: SharedAttributesEvent) => void): () => void {
    this.#sharedListeners.add(listener);
    return () => void this.#sharedListeners.delete(listener);
  }

  // The connection

  #connect(): void {
    if (this.#state !== 'running') return;
    const mqtt = this.#broker;
    let options: IClientOptions;
    try {
      options = brokerConnectionOptions(mqtt, this.#options.terminalId, this.#options.env ?? process.env);
    } catch (error) {
      this.#failed(error, 'cannot connect to the fleet broker');
      this.#scheduleReconnect();
      return;
    }
    let client: MqttClient;
    try {
      client = (this.#options.connect ?? mqttConnect)(mqtt.url, options);
    } catch (error) {
      this.#failed(error, 'cannot connect to the fleet broker');
      this.#scheduleReconnect();
      return;
    }
    this.#client = client;
    client.on('connect', () => void this.#connectedTo(client));
    client.on('message', (topic, payload) => this.#message(client, topic, payload));
    // Kept after the client is done with: mqtt.js may still emit an error, which must never go unheard (it would throw).
    client.on('error', (error) => {
      if (client === this.#client) this.#failed(error, 'fleet broker connection error');
    });
    client.on('close', () => this.#closed(client));
  }

  async #connectedTo(client: MqttClient): Promise<void> {
    if (client !== this.#client) return;
    this.#connected = true;
    this.#since = this.#clock.now();
    this.#failedAttempts = 0;
    this.#log.info({ broker: this.#broker.url }, 'connected to the fleet broker');
    const topics = this.#topics;
    try {
      // Clean session: nothing is remembered by the broker, so every connect subscribes anew.
      const granted = await client.subscribeAsync({
        [topics.attributes]: { qos: 1 },
        [topics.attributesResponses]: { qos: 1 },
        [topics.rpcRequests]: { qos: 1 },
      });
      const refused = granted.filter((grant) => grant.qos === 128).map((grant) => grant.topic);
      if (refused.length > 0) this.#failed(new Error(`the broker refused the subscriptions to ${refused.join(', ')}`), 'fleet subscriptions refused');
    } catch (error) {
      if (client !== this.#client) return;
      // Without its subscriptions the terminal would not hear RPCs or its config: a new connection is tried.
      this.#failed(error, 'fleet subscriptions failed');
      this.#closed(client);
      return;
    }
    if (client !== this.#client) return;
    this.#publishClientAttributes({ ...this.#attributesNow(), ...this.#extraAttributes, online: true });
    this.#requestSharedAttributes(client);
    this.#sendTelemetry();
    this.#sendAlerts();
  }

  #closed(client: MqttClient): void {
    if (client !== this.#client) return;
    this.#client = null;
    this.#alertInFlight = null;
    if (this.#connected) {
      this.#connected = false;
      this.#since = this.#clock.now();
      this.#log.warn('lost the fleet broker');
    }
    client.end(true);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#state !== 'running' || this.#reconnectTimer !== null) return;
    const delayMs = reconnectDelayMs(this.#failedAttempts, this.#broker.reconnect, this.#random);
    this.#failedAttempts += 1;
    this.#log.info({ delayMs, attempt: this.#failedAttempts }, 'reconnecting to the fleet broker');
    this.#reconnectTimer = this.#clock.setTimeout(() => {
      this.#reconnectTimer = null;
      this.#connect();
    }, delayMs);
  }

  #failed(error: unknown, what: string): void {
    const message = explainBrokerFailure(error, this.#broker);
    this.#lastError = { message, at: this.#clock.now() };
    this.#log.error({ err: error, broker: this.#broker.url }, `${what}: ${message}`);
  }

  /** The client when connected, else null: nothing is handed to mqtt.js to queue while offline. */
  #online(): MqttClient | null {
    return this.#connected ? this.#client : null;
  }

  #publish(topic: string, payload: string, what: string): void {
    const client = this.#online();
    if (client === null) return;
    client.publish(topic, payload, { qos: 1 }, (error) => {
      if (error instanceof Error && client === this.#client) this.#log.warn({ err: error, topic }, `${what} not sent`);
    });
  }

  // Client attributes, shared attributes

  #attributesNow(): Record<string, unknown> {
    try {
      return { ...this.#options.terminal.attributes() };
    } catch (error) {
      this.#log.error({ err: error }, 'the terminal attributes could not be read');
      return { terminalId: this.#options.terminalId };
    }
  }

  #publishClientAttributes(attributes: Readonly<Record<string, unknown>>): void {
    for (const key of Object.keys(attributes)) this.#ownAttributeKeys.add(key);
    this.#publish(this.#topics.attributes, JSON.stringify(attributes), 'client attributes');
  }

  #requestSharedAttributes(client: MqttClient): void {
    this.#attributesRequestId += 1;
    const sharedKeys = (this.#options.sharedKeys ?? DEFAULT_SHARED_KEYS).join(',');
    client.publish(this.#topics.attributesRequest(this.#attributesRequestId), JSON.stringify({ sharedKeys }), { qos: 1 }, (error) => {
      if (error instanceof Error && client === this.#client) this.#log.warn({ err: error }, 'shared attributes request not sent');
    });
  }

  #message(client: MqttClient, topic: string, payload: Buffer): void {
    if (client !== this.#client) return;
    try {
      const text = payload.toString('utf8');
      if (topic === this.#topics.attributes) {
        this.#sharedAttributes(parseAttributesUpdate(text, this.#ownAttributeKeys), 'update', topic);
        return;
      }
      if (this.#topics.attributesResponseId(topic) !== null) {
        this.#sharedAttributes(parseAttributesResponse(text), 'response', topic);
        return;
      }
      const rpcId = this.#topics.rpcRequestId(topic);
      if (rpcId !== null) void this.#rpc(rpcId, text);
    } catch (error) {
      this.#log.error({ err: error, topic }, 'a fleet message could not be handled');
    }
  }

  #sharedAttributes(parsed: ParsedAttributes, origin: 'update' | 'response', topic: string): void {
    if (!parsed.ok) {
      this.#log.warn({ topic, problem: parsed.problem }, 'shared attributes ignored');
      return;
    }
    const { config, ...rest } = parsed.shared;
    if ('config' in parsed.shared) this.#applyConfigOverlay(config);
    if (Object.keys(rest).length === 0 && parsed.deleted.length === 0) return;
    const event: SharedAttributesEvent = { origin, values: rest, deleted: parsed.deleted };
    for (const listener of this.#sharedListeners) {
      try {
        listener(event);
      } catch (error) {
        this.#log.warn({ err: error }, 'a shared attributes listener failed');
      }
    }
  }

  #applyConfigOverlay(value: unknown): void {
    const overlay = configOverlayOf(value);
    const hash = configOverlayHash(overlay.ok ? overlay.overlay : value);
    let configError: string | null;
    if (!overlay.ok) {
      configError = overlay.problem;
    } else {
      try {
        const outcome = this.#options.terminal.applyConfigOverlay(overlay.overlay);
        configError = outcome.applied ? null : outcome.problems.join('; ');
      } catch (error) {
        configError = `the overlay could not be applied: ${messageOf(error)}`;
      }
    }
    if (configError === null) this.#log.info({ configOverlayHash: hash }, 'config overlay from the fleet accepted');
    else this.#log.warn({ configOverlayHash: hash, configError }, 'config overlay from the fleet refused');
    this.#publishClientAttributes({ configError, configOverlayHash: hash });
  }

  // RPC

  async #rpc(requestId: string, text: string): Promise<void> {
    const answer = await answerRpc(this.#options.terminal.actions, text);
    if (answer.error === null) this.#log.info({ rpc: requestId, method: answer.method }, 'fleet RPC done');
    else this.#log.warn({ rpc: requestId, method: answer.method, error: answer.error }, 'fleet RPC refused or failed');
    // Answered on the connection there is now (a request outlives a reconnect: the server still waits on the id).
    this.#publish(this.#topics.rpcResponse(requestId), answer.payload, 'RPC response');
  }

  // Telemetry

  #scheduleTelemetry(): void {
    if (this.#state !== 'running') return;
    this.#telemetryTimer = this.#clock.setTimeout(() => {
      this.#telemetryTimer = null;
      this.#sendTelemetry();
      this.#scheduleTelemetry();
    }, this.#options.config.telemetryIntervalS * 1000);
  }

  /** Something changed: telemetry now, or as soon as the spacing allows (one more message however long the burst). */
  #changed(): void {
    if (this.#changeTimer !== null) return;
    const waitMs = this.#lastTelemetryAt + CHANGE_TELEMETRY_SPACING_MS - this.#clock.now();
    if (waitMs <= 0) {
      this.#sendTelemetry();
      return;
    }
    this.#changeTimer = this.#clock.setTimeout(() => {
      this.#changeTimer = null;
      this.#sendTelemetry();
    }, waitMs);
  }

  #sendTelemetry(): void {
    if (this.#online() === null) return;
    const ts = this.#clock.now();
    let payload: string;
    try {
      payload = JSON.stringify({ ts, values: telemetryValues(this.#options.terminal.snapshot(), ts) });
    } catch (error) {
      this.#log.error({ err: error }, 'the terminal snapshot could not be read');
      return;
    }
    this.#lastTelemetryAt = ts;
    this.#publish(this.#topics.telemetry, payload, 'telemetry');
  }

  // Alerts

  #alertRaised(alert: KioskAlert): void {
    const queue = this.#queue;
    if (queue === null) return;
    try {
      const added = queue.add(alert);
      if (added.dropped > 0) this.#log.warn({ dropped: added.dropped, queued: queue.size() }, 'the fleet alert queue is full: the oldest alerts were dropped');
    } catch (error) {
      this.#log.error({ err: error, kind: alert.kind }, 'an alert could not be queued for the fleet');
      return;
    }
    this.#sendAlerts();
  }

  /** The oldest queued alert, one at a time: it leaves the queue on its PUBACK, and the next goes. */
  #sendAlerts(): void {
    const client = this.#online();
    const queue = this.#queue;
    if (client === null || queue === null || this.#alertInFlight !== null) return;
    const next = queue.oldest();
    if (next === null) return;
    const dropped = queue.dropped();
    this.#alertInFlight = next.seq;
    client.publish(this.#topics.telemetry, alertPayload(next, dropped), { qos: 1 }, (error) => {
      if (client !== this.#client || this.#alertInFlight !== next.seq || this.#queue === null) return;
      this.#alertInFlight = null;
      if (error instanceof Error) {
        // Kept: it goes again after the next connect.
        this.#log.warn({ err: error, alertSeq: next.seq }, 'alert not taken by the broker');
        return;
      }
      this.#queue.delivered(next.seq, dropped);
      this.#sendAlerts();
    });
  }

  async #within(work: Promise<unknown>, ms: number): Promise<boolean> {
    let timer: TimerHandle | null = null;
    const timeout = new Promise<false>((resolve) => (timer = this.#clock.setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([work.then(() => true, () => false), timeout]);
    } finally {
      if (timer !== null) this.#clock.clearTimeout(timer);
    }
  }
}

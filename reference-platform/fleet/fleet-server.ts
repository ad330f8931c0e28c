import type { AedesPublishPacket, Client } from 'aedes';
import type { Logger } from 'pino';
import { downTopic, parseUpTopic } from './device-namespace.ts';
import {
  ALERT_KEYS,
  isPlainObject,
  keptEntries,
  readAlert,
  readAttributesRequest,
  readJson,
  readJsonObject,
  readTelemetry,
  requestIdOf,
  type DeviceAlert,
} from './device-messages.ts';
import { FleetRequestRefused, rpcBadReply, rpcTimeout, terminalOffline, unknownTerminal } from './fleet-errors.ts';
import { startFleetBroker, type FleetBroker } from './fleet-broker.ts';

/**
 * The fleet as the reference platform sees it, for a hall without ThingsBoard: an embedded broker (fleet-broker.ts)
 * and, in the same process, what every terminal last said — online or not, when last seen, its client attributes, its
 * latest telemetry (versions, outbox depth, paper, device states) and a timeline of its alerts — with the operator's
 * two ways to reach it: an RPC (`rpc`) and shared attributes (`setShared`, also answered to its attribute requests).
 * Everything a device sends is untrusted: what cannot be read is logged and dropped; memory is bounded by
 * `maxTerminals` and per terminal (alerts, keys, pending RPCs).
 */

export type PrinterPaper = 'ok' | 'near-end' | 'out' | 'unknown';
export type DeviceState = 'ready' | 'degraded' | 'offline' | 'error' | 'unknown';

export interface FleetAlert extends DeviceAlert {
  /** When it happened: the telemetry's `ts`, else when the broker got it (ms since the epoch). */
  at: number;
  receivedAt: number;
}

/** A terminal in the fleet's list. */
export interface TerminalSummary {
  /** The device: its access token, or its MQTT client id. */
  id: string;
  online: boolean;
  /** The last message or connection (ms since the epoch); null: reserved, never heard. */
  lastSeen: number | null;
  /** The `terminalId` and `hall` it says it is (client attributes); null until it said. */
  terminalId: string | null;
  hall: string | null;
  appVersion: string | null;
  outboxQueued: number | null;
  outboxNeedsAttention: number | null;
  printerPaper: PrinterPaper | null;
  platformReachable: boolean | null;
  outOfService: boolean | null;
  devices: Array<{ id: string; state: DeviceState }>;
  /** Alerts raised and not cleared, newest first. */
  activeAlerts: FleetAlert[];
  /** Counts every change: a page fetches the detail again when it moved. */
  revision: number;
}

export interface TerminalDetail extends TerminalSummary {
  /** What the terminal said of itself (client attributes). */
  attributes: Record<string, unknown>;
  /** What the operator set for it (shared attributes). */
  shared: Record<string, unknown>;
  telemetry: Record<string, unknown>;
  /** When the latest telemetry was taken (its ts, else received). */
  telemetryAt: number | null;
  /** Raised and cleared, newest first, at most `maxAlertsPerTerminal`. */
  alerts: FleetAlert[];
}

export interface FleetServerOptions {
  /** The broker's port on 127.0.0.1 (0: a free one). */
  mqttPort: number;
  log: Logger;
  /** Only these access tokens may connect; by default any device may (the demo). */
  allowedTokens?: readonly string[];
  /** Terminals kept at once (default 1000): past that the longest-unseen offline one is forgotten, or a new one refused. */
  maxTerminals?: number;
  /** Alerts kept per terminal (default 200). */
  maxAlertsPerTerminal?: number;
  now?: () => number;
}

export interface FleetServer {
  /** `mqtt://127.0.0.1:<port>` */
  readonly brokerUrl: string;
  terminals(): TerminalSummary[];
  terminal(deviceId: string): TerminalDetail | undefined;
  /**
   * Asks the terminal (`{"method", "params"}` on its `rpc/request/<n>`) and resolves with its answer; refuses with a
   * `FleetRequestRefused` (unknown-terminal, terminal-offline, rpc-timeout, rpc-bad-reply, too-many-rpcs).
   */
  rpc(deviceId: string, method: string, params?: unknown, timeoutMs?: number): Promise<unknown>;
  /** Publishes the attributes to the terminal and keeps them for its attribute requests (merged over earlier ones). */
  setShared(deviceId: string, attributes: Record<string, unknown>): void;
  /** Told of every change, with the terminal it was; returns the unsubscribe. */
  onChange(listener: (deviceId: string) => void): () => void;
  close(): Promise<void>;
}

const MAX_KEYS = 300;
const MAX_PENDING_RPCS = 20;
const MAX_ACTIVE_KINDS = 64;
const DEFAULT_RPC_TIMEOUT_MS = 10_000;
const PAPER: ReadonlySet<string> = new Set(['ok', 'near-end', 'out', 'unknown']);
const DEVICE_STATES: ReadonlySet<string> = new Set(['ready', 'degraded', 'offline', 'error']);
const DEVICE_STATE_KEY = /^device\.(.+)\.state$/;

interface PendingRpc {
  method: string;
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface TerminalRecord {
  readonly id: string;
  readonly sessions: Set<Client>;
  lastSeen: number | null;
  readonly attributes: Map<string, unknown>;
  readonly shared: Map<string, unknown>;
  readonly telemetry: Map<string, unknown>;
  telemetryAt: number | null;
  /** The newest `ts` the terminal stamped on telemetry. */
  latestTelemetryTs: number | null;
  /** Newest first. */
  alerts: FleetAlert[];
  /** Per kind: the newest raised-or-cleared seen, and the raised one still active. */
  readonly latestAlertAt: Map<string, number>;
  readonly activeAlerts: Map<string, FleetAlert>;
  readonly pending: Map<number, PendingRpc>;
  revision: number;
}

const stringOr = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberOr = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const booleanOr = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

export const startFleetServer = async (options: FleetServerOptions): Promise<FleetServer> => {
  const { log } = options;
  const now = options.now ?? Date.now;
  const maxTerminals = options.maxTerminals ?? 1000;
  const maxAlerts = options.maxAlertsPerTerminal ?? 200;
  const records = new Map<string, TerminalRecord>();
  const listeners = new Set<(deviceId: string) => void>();
  let nextRequestId = 1;
  let closed = false;

  const changed = (record: TerminalRecord) => {
    record.revision += 1;
    for (const listener of listeners) {
      try {
        listener(record.id);
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'fleet: a change listener failed');
      }
    }
  };

  const newRecord = (id: string): TerminalRecord => ({
    id,
    sessions: new Set(),
    lastSeen: null,
    attributes: new Map(),
    shared: new Map(),
    telemetry: new Map(),
    telemetryAt: null,
    latestTelemetryTs: null,
    alerts: [],
    latestAlertAt: new Map(),
    activeAlerts: new Map(),
    pending: new Map(),
    revision: 0,
  });

  /** A place for the device: its own, a free one, or the one of the offline terminal unseen the longest. */
  const admits = (deviceId: string): boolean => {
    if (closed) return false;
    if (records.has(deviceId)) return true;
    if (records.size >= maxTerminals) {
      let oldest: TerminalRecord | undefined;
      for (const record of records.values()) {
        if (record.sessions.size > 0) continue;
        if (oldest === undefined || (record.lastSeen ?? 0) < (oldest.lastSeen ?? 0)) oldest = record;
      }
      if (oldest === undefined) return false;
      forget(oldest);
    }
    records.set(deviceId, newRecord(deviceId));
    return true;
  };

  const forget = (record: TerminalRecord) => {
    for (const pending of record.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(unknownTerminal(record.id));
    }
    records.delete(record.id);
    log.info({ deviceId: record.id }, 'fleet: the fleet is full, the terminal unseen the longest is forgotten');
  };

  const broker: FleetBroker = await startFleetBroker({
    port: options.mqttPort,
    log,
    admits,
    ...(options.allowedTokens === undefined ? {} : { allowedTokens: options.allowedTokens }),
  });

  const publishDown = (deviceId: string, suffix: string, body: unknown) =>
    broker.aedes.publish({ cmd: 'publish', topic: downTopic(deviceId, suffix), payload: Buffer.from(JSON.stringify(body)), qos: 1, retain: false, dup: false }, (error) => {
      if (error !== undefined && error !== null) log.warn({ deviceId, suffix, err: error.message }, 'fleet: a message to a terminal was not sent');
    });

  const ignore = (record: TerminalRecord, what: string, why: string) => log.warn({ deviceId: record.id, what, why }, 'fleet: a message from a terminal was ignored');

  const putBounded = (map: Map<string, unknown>, entries: ReadonlyArray<[string, unknown]>): number => {
    let refused = 0;
    for (const [key, value] of entries) {
      if (!map.has(key) && map.size >= MAX_KEYS) refused += 1;
      else map.set(key, value);
    }
    return refused;
  };

  const addAlert = (record: TerminalRecord, alert: FleetAlert, ts: number | null) => {
    // A terminal resends what it buffered while the broker was away: the same alert (kind, seq, time) is kept once.
    if (alert.seq !== null && ts !== null && record.alerts.some((kept) => kept.kind === alert.kind && kept.seq === alert.seq && kept.cleared === alert.cleared && kept.at === alert.at)) return;
    const index = record.alerts.findIndex((kept) => kept.at < alert.at);
    record.alerts.splice(index === -1 ? record.alerts.length : index, 0, alert);
    if (record.alerts.length > maxAlerts) record.alerts.length = maxAlerts;
    const latest = record.latestAlertAt.get(alert.kind);
    if (latest !== undefined && latest > alert.at) return;
    if (latest === undefined && record.latestAlertAt.size >= MAX_ACTIVE_KINDS) return;
    record.latestAlertAt.set(alert.kind, alert.at);
    if (alert.cleared) record.activeAlerts.delete(alert.kind);
    else record.activeAlerts.set(alert.kind, alert);
  };

  const onTelemetry = (record: TerminalRecord, payload: Buffer) => {
    const read = readTelemetry(payload);
    if (!read.ok) return ignore(record, 'telemetry', read.problem);
    const receivedAt = now();
    for (const { ts, values } of read.value) {
      const alert = readAlert(values);
      if (alert !== null) {
        if (alert.ok) addAlert(record, { ...alert.value, at: ts ?? receivedAt, receivedAt }, ts);
        else ignore(record, 'alert', alert.problem);
      }
      const rest = Object.fromEntries(Object.entries(values).filter(([key]) => !(ALERT_KEYS as readonly string[]).includes(key)));
      const { entries, dropped } = keptEntries(rest);
      // A record older than one already taken (resent from the terminal's buffer) does not overwrite newer values. Only
      // the terminal's own times are compared: its clock and the broker's may differ.
      const stale = ts !== null && record.latestTelemetryTs !== null && ts < record.latestTelemetryTs;
      if (entries.length > 0 && !stale) {
        const refused = putBounded(record.telemetry, entries);
        record.telemetryAt = ts ?? receivedAt;
        if (ts !== null) record.latestTelemetryTs = ts;
        if (refused > 0) ignore(record, 'telemetry', `${refused} keys over the ${MAX_KEYS} kept`);
      }
      if (dropped > 0) ignore(record, 'telemetry', `${dropped} keys or values that are not kept (a bad key, too long, or not a value)`);
    }
    changed(record);
  };

  const onAttributes = (record: TerminalRecord, client: Client, payload: Buffer) => {
    const read = readJsonObject(payload);
    if (!read.ok) return ignore(record, 'attributes', read.problem);
    const { entries, dropped } = keptEntries(read.value);
    const refused = putBounded(record.attributes, entries);
    if (dropped + refused > 0) ignore(record, 'attributes', `${dropped + refused} attributes not kept`);
    // The last will (`{"online": false}`) of this connection, or the terminal saying it is back.
    if (read.value['online'] === false) record.sessions.delete(client);
    else if (read.value['online'] === true && client.connected) record.sessions.add(client);
    changed(record);
  };

  const onAttributesRequest = (record: TerminalRecord, requestId: number, payload: Buffer) => {
    const read = readAttributesRequest(payload);
    if (!read.ok) return ignore(record, 'attributes request', read.problem);
    const pick = (map: Map<string, unknown>, keys: string[] | null) => Object.fromEntries(keys === null ? map : keys.filter((key) => map.has(key)).map((key) => [key, map.get(key)]));
    const answer: Record<string, unknown> = { shared: pick(record.shared, read.value.sharedKeys) };
    if (read.value.clientKeys !== null) answer['client'] = pick(record.attributes, read.value.clientKeys);
    publishDown(record.id, `attributes/response/${requestId}`, answer);
  };

  const onRpcResponse = (record: TerminalRecord, requestId: number, payload: Buffer) => {
    const pending = record.pending.get(requestId);
    if (pending === undefined) return ignore(record, 'rpc response', `no RPC ${requestId} is waiting (late, or never asked)`);
    record.pending.delete(requestId);
    clearTimeout(pending.timer);
    const read = readJson(payload);
    if (read.ok) pending.resolve(read.value);
    else pending.reject(rpcBadReply(record.id, pending.method, read.problem));
  };

  const onPublish = (packet: AedesPublishPacket, client: Client | null) => {
    // The server's own messages (client null) and the broker's $SYS topics are not the devices'.
    if (client === null) return;
    const topic = parseUpTopic(packet.topic);
    const deviceId = broker.deviceIdOf(client);
    if (topic === null || deviceId === undefined || topic.deviceId !== deviceId) return;
    const record = records.get(deviceId);
    if (record === undefined) return;
    record.lastSeen = now();
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const { suffix } = topic;
    if (suffix === 'telemetry') return onTelemetry(record, payload);
    if (suffix === 'attributes') return onAttributes(record, client, payload);
    const attributesRequest = requestIdOf(suffix, 'attributes/request/');
    if (attributesRequest !== null) return onAttributesRequest(record, attributesRequest, payload);
    const rpcResponse = requestIdOf(suffix, 'rpc/response/');
    if (rpcResponse !== null) return onRpcResponse(record, rpcResponse, payload);
    ignore(record, suffix.slice(0, 100), 'not a topic this fleet serves');
  };

  broker.aedes.on('publish', (packet, client) => {
    // Nothing a device sends may end the server.
    try {
      onPublish(packet, client);
    } catch (error) {
      log.error({ err: (error as Error).message }, 'fleet: a message from a terminal could not be handled');
    }
  });
  broker.aedes.on('clientReady', (client) => {
    const deviceId = broker.deviceIdOf(client);
    const record = deviceId === undefined ? undefined : records.get(deviceId);
    if (record === undefined) return;
    record.sessions.add(client);
    record.lastSeen = now();
    log.info({ deviceId }, 'fleet: terminal connected');
    changed(record);
  });
  broker.aedes.on('clientDisconnect', (client) => {
    const deviceId = broker.deviceIdOf(client);
    const record = deviceId === undefined ? undefined : records.get(deviceId);
    if (record === undefined) return;
    record.sessions.delete(client);
    log.info({ deviceId, sessions: record.sessions.size }, 'fleet: terminal disconnected');
    changed(record);
  });

  const summaryOf = (record: TerminalRecord): TerminalSummary => {
    const { telemetry, attributes } = record;
    const paper = stringOr(telemetry.get('printerPaper'));
    const devices: TerminalSummary['devices'] = [];
    for (const [key, value] of telemetry) {
      const id = DEVICE_STATE_KEY.exec(key)?.[1];
      if (id !== undefined) devices.push({ id, state: typeof value === 'string' && DEVICE_STATES.has(value) ? (value as DeviceState) : 'unknown' });
    }
    return {
      id: record.id,
      online: record.sessions.size > 0,
      lastSeen: record.lastSeen,
      terminalId: stringOr(attributes.get('terminalId')),
      hall: stringOr(attributes.get('hall')),
      appVersion: stringOr(telemetry.get('appVersion')) ?? stringOr(attributes.get('appVersion')),
      outboxQueued: numberOr(telemetry.get('outboxQueued')),
      outboxNeedsAttention: numberOr(telemetry.get('outboxNeedsAttention')),
      printerPaper: paper !== null && PAPER.has(paper) ? (paper as PrinterPaper) : null,
      platformReachable: booleanOr(telemetry.get('platformReachable')),
      outOfService: booleanOr(telemetry.get('outOfService')),
      devices: devices.sort((a, b) => a.id.localeCompare(b.id)),
      activeAlerts: [...record.activeAlerts.values()].sort((a, b) => b.at - a.at),
      revision: record.revision,
    };
  };

  const known = (deviceId: string): TerminalRecord => {
    const record = records.get(deviceId);
    if (record === undefined) throw unknownTerminal(deviceId);
    return record;
  };

  return {
    brokerUrl: broker.url,
    terminals: () => [...records.values()].map(summaryOf).sort((a, b) => a.id.localeCompare(b.id)),
    terminal: (deviceId) => {
      const record = records.get(deviceId);
      if (record === undefined) return undefined;
      return {
        ...summaryOf(record),
        attributes: Object.fromEntries(record.attributes),
        shared: Object.fromEntries(record.shared),
        telemetry: Object.fromEntries(record.telemetry),
        telemetryAt: record.telemetryAt,
        alerts: [...record.alerts],
      };
    },
    rpc: (deviceId, method, params = {}, timeoutMs = DEFAULT_RPC_TIMEOUT_MS) =>
      new Promise<unknown>((resolve, reject) => {
        if (closed) throw new FleetRequestRefused('fleet-closed', 'the fleet server is stopping');
        const record = known(deviceId);
        if (record.sessions.size === 0) throw terminalOffline(deviceId);
        if (record.pending.size >= MAX_PENDING_RPCS) throw new FleetRequestRefused('too-many-rpcs', `terminal "${deviceId}" has ${MAX_PENDING_RPCS} commands waiting for an answer`);
        const requestId = nextRequestId++;
        const timer = setTimeout(() => {
          record.pending.delete(requestId);
          reject(rpcTimeout(deviceId, method, timeoutMs));
        }, timeoutMs);
        record.pending.set(requestId, { method, resolve, reject, timer });
        log.info({ deviceId, method, requestId }, 'fleet: RPC sent');
        publishDown(deviceId, `rpc/request/${requestId}`, { method, params });
      }),
    setShared: (deviceId, attributes) => {
      const record = known(deviceId);
      if (!isPlainObject(attributes)) throw new TypeError('shared attributes are an object');
      const { entries, dropped } = keptEntries(attributes);
      if (dropped > 0) throw new FleetRequestRefused('too-many-attributes', `${dropped} of the attributes have a bad key or a value too large to keep`);
      const added = entries.filter(([key]) => !record.shared.has(key)).length;
      if (record.shared.size + added > MAX_KEYS) throw new FleetRequestRefused('too-many-attributes', `at most ${MAX_KEYS} shared attributes per terminal`);
      for (const [key, value] of entries) record.shared.set(key, value);
      log.info({ deviceId, keys: entries.map(([key]) => key) }, 'fleet: shared attributes set');
      publishDown(deviceId, 'attributes', Object.fromEntries(entries));
      changed(record);
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: async () => {
      closed = true;
      for (const record of records.values()) {
        for (const pending of record.pending.values()) {
          clearTimeout(pending.timer);
          pending.reject(new FleetRequestRefused('fleet-closed', 'the fleet server stopped'));
        }
        record.pending.clear();
      }
      listeners.clear();
      await broker.close();
    },
  };
};

import { z } from 'zod';

/**
 * What a device sends, read as untrusted input (ThingsBoard's device API, see ../shared/reference/fleet-and-atm.md §2):
 * each reader returns a value or a `problem` sentence for the log, never throws. Sizes are bounded here so that what
 * the fleet server keeps of a terminal stays small whatever it sends.
 */

/** No message from a device is read beyond this size. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** A value kept of a telemetry key or attribute: a longer string, or a larger object, is dropped. */
const MAX_STRING = 1000;
const MAX_OBJECT_JSON = 4096;
const KEY = /^[A-Za-z0-9_.:@-]{1,128}$/;

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };
const problem = (text: string): { ok: false; problem: string } => ({ ok: false, problem: text });

/** A JSON object (not an array, not null) from a payload, or why not. */
export const readJsonObject = (payload: Buffer): Read<Record<string, unknown>> => {
  const parsed = readJson(payload);
  if (!parsed.ok) return parsed;
  return isPlainObject(parsed.value) ? { ok: true, value: parsed.value } : problem('not a JSON object');
};

export const readJson = (payload: Buffer): Read<unknown> => {
  if (payload.length > MAX_MESSAGE_BYTES) return problem(`larger than ${MAX_MESSAGE_BYTES} bytes (${payload.length})`);
  try {
    return { ok: true, value: JSON.parse(payload.toString('utf8')) as unknown };
  } catch {
    return problem('not JSON');
  }
};

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as the fleet keeps it: a number, a short string, a boolean, null, or a small object; undefined to drop it. */
export const keptValue = (value: unknown): unknown => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return value.length <= MAX_STRING ? value : undefined;
  if (typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'object') {
    const json = JSON.stringify(value);
    return json.length <= MAX_OBJECT_JSON ? (JSON.parse(json) as unknown) : undefined;
  }
  return undefined;
};

/** The keys and values of an object that may be kept (see keptValue), and how many were dropped. */
export const keptEntries = (object: Record<string, unknown>): { entries: Array<[string, unknown]>; dropped: number } => {
  const entries: Array<[string, unknown]> = [];
  let dropped = 0;
  for (const [key, value] of Object.entries(object)) {
    const kept = KEY.test(key) ? keptValue(value) : undefined;
    if (kept === undefined) dropped += 1;
    else entries.push([key, kept]);
  }
  return { entries, dropped };
};

/** One telemetry record: `{"ts": ms, "values": {…}}`, or a flat object of values (ts: null, the broker's time). */
export interface TelemetryRecord {
  ts: number | null;
  values: Record<string, unknown>;
}

const timestampedSchema = z.object({ ts: z.number().int().min(0).max(8.64e15), values: z.record(z.string(), z.unknown()) }).strict();

/** A telemetry payload: one record, a flat object, or an array of records (ThingsBoard takes all three). */
export const readTelemetry = (payload: Buffer): Read<TelemetryRecord[]> => {
  const parsed = readJson(payload);
  if (!parsed.ok) return parsed;
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (items.length > 100) return problem(`${items.length} records in one message (at most 100)`);
  const records: TelemetryRecord[] = [];
  for (const item of items) {
    if (!isPlainObject(item)) return problem('a telemetry record that is not an object');
    const timestamped = timestampedSchema.safeParse(item);
    if (timestamped.success) records.push({ ts: timestamped.data.ts, values: timestamped.data.values });
    else if ('values' in item || 'ts' in item) return problem('a record with ts or values, but not {"ts": ms, "values": {…}}');
    else records.push({ ts: null, values: item });
  }
  return { ok: true, value: records };
};

/** The keys of an alert in a telemetry record (docs/fleet.md): they are the alert, not values to keep. */
export const ALERT_KEYS = ['alert', 'alertMessage', 'alertCleared', 'alertSeq', 'alertDetail'] as const;

export interface DeviceAlert {
  kind: string;
  message: string;
  cleared: boolean;
  seq: number | null;
  detail?: Record<string, unknown>;
}

const alertSchema = z.object({
  // A terminal newer than this page may raise kinds it does not know: kept, shown by their name.
  alert: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a kebab-case kind'),
  alertMessage: z.string().max(MAX_STRING).optional(),
  alertCleared: z.boolean().optional(),
  alertSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  alertDetail: z.record(z.string(), z.unknown()).optional(),
});

/** The alert a record's values carry: null when they carry none. */
export const readAlert = (values: Record<string, unknown>): Read<DeviceAlert> | null => {
  if (!('alert' in values)) return null;
  const parsed = alertSchema.safeParse(values);
  if (!parsed.success) return problem(`an alert that is not one: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const { alert, alertMessage, alertCleared, alertSeq, alertDetail } = parsed.data;
  const detail = alertDetail === undefined ? undefined : keptValue(alertDetail);
  return {
    ok: true,
    value: {
      kind: alert,
      message: alertMessage ?? '',
      cleared: alertCleared ?? false,
      seq: alertSeq ?? null,
      ...(isPlainObject(detail) ? { detail } : {}),
    },
  };
};

/** An attributes request: `{"sharedKeys": "a,b", "clientKeys": "c"}` (either may be missing: all of them). */
export interface AttributesRequest {
  sharedKeys: string[] | null;
  clientKeys: string[] | null;
}

const keyListSchema = z.string().max(4096).optional();
const attributesRequestSchema = z.object({ sharedKeys: keyListSchema, clientKeys: keyListSchema });

export const readAttributesRequest = (payload: Buffer): Read<AttributesRequest> => {
  // An empty request asks for everything.
  if (payload.length === 0) return { ok: true, value: { sharedKeys: null, clientKeys: null } };
  const object = readJsonObject(payload);
  if (!object.ok) return object;
  const parsed = attributesRequestSchema.safeParse(object.value);
  if (!parsed.success) return problem('sharedKeys and clientKeys must be comma-separated key names');
  const keys = (list: string | undefined) =>
    list === undefined
      ? null
      : list
          .split(',')
          .map((key) => key.trim())
          .filter((key) => key !== '');
  return { ok: true, value: { sharedKeys: keys(parsed.data.sharedKeys), clientKeys: keys(parsed.data.clientKeys) } };
};

/** The request id of `rpc/response/<n>` or `attributes/request/<n>`: a whole number as ThingsBoard sends. */
export const requestIdOf = (suffix: string, prefix: string): number | null => {
  if (!suffix.startsWith(prefix)) return null;
  const id = suffix.slice(prefix.length);
  return /^[0-9]{1,15}$/.test(id) ? Number(id) : null;
};

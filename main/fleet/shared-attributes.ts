import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Shared attributes: what the operator sets on the device in ThingsBoard and the terminal follows (docs/fleet-mqtt.md).
 * They come as an update on `attributes` (the changed keys, or `{"deleted": [...]}`), or as the answer to the request
 * made at connect on `attributes/response/<n>` (`{"shared": {...}}`). `config` is the config overlay; the rest goes to
 * whoever listens (staged updates: `targetVersion`, `updateShare`).
 */
export type SharedAttributes = Readonly<Record<string, unknown>>;

/** The shared keys asked for at connect. */
export const DEFAULT_SHARED_KEYS: readonly string[] = ['config', 'targetVersion', 'updateShare'];

const attributeMapSchema = z.record(z.string(), z.unknown());
const attributesResponseSchema = z.object({ shared: attributeMapSchema.optional(), client: attributeMapSchema.optional() });

export type ParsedAttributes = { ok: true; shared: SharedAttributes; deleted: readonly string[] } | { ok: false; problem: string };

const jsonOf = (text: string): { ok: true; value: unknown } | { ok: false; problem: string } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
};

/**
 * An update pushed on `attributes`. On a plain broker the terminal also hears its own client attributes there (it
 * publishes them on the same topic): `ownKeys` are left out, so those echoes come to nothing.
 */
export const parseAttributesUpdate = (text: string, ownKeys: ReadonlySet<string>): ParsedAttributes => {
  const json = jsonOf(text);
  if (!json.ok) return json;
  const parsed = attributeMapSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, problem: 'not a JSON object' };
  const shared: Record<string, unknown> = {};
  let deleted: string[] = [];
  for (const [key, value] of Object.entries(parsed.data)) {
    if (key === 'deleted' && Array.isArray(value)) deleted = value.filter((each): each is string => typeof each === 'string');
    else if (!ownKeys.has(key)) shared[key] = value;
  }
  return { ok: true, shared, deleted };
};

/** The answer to the request at connect: its `shared` part (absent: none set). */
export const parseAttributesResponse = (text: string): ParsedAttributes => {
  const json = jsonOf(text);
  if (!json.ok) return json;
  const parsed = attributesResponseSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, problem: 'not an attributes response ({"shared": {...}})' };
  return { ok: true, shared: parsed.data.shared ?? {}, deleted: [] };
};

/** The `config` attribute as an overlay object: ThingsBoard's JSON attribute, or a string holding one. */
export const configOverlayOf = (value: unknown): { ok: true; overlay: Readonly<Record<string, unknown>> } | { ok: false; problem: string } => {
  let candidate = value;
  if (typeof value === 'string') {
    const json = jsonOf(value);
    if (!json.ok) return { ok: false, problem: `the config shared attribute is ${json.problem}` };
    candidate = json.value;
  }
  const parsed = attributeMapSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problem: 'the config shared attribute is not a JSON object' };
  return { ok: true, overlay: parsed.data };
};

/** JSON with the keys sorted at every level: the same overlay always hashes the same. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, each]) => each !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${canonicalJson(each)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/** The overlay's fingerprint, reported back as `configOverlayHash` so the operator sees which one the terminal holds. */
export const configOverlayHash = (overlay: unknown): string => `sha256:${createHash('sha256').update(canonicalJson(overlay)).digest('hex')}`;

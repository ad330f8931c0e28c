import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sm3 } from 'sm-crypto-v2';
import { canonicalJson } from '../common/canonical-json.ts';
import { writeFileDurably } from '../storage/durable-file.ts';
import { mergeOverProfile } from './config-profiles.ts';

/**
 * The fleet operator's config overlay (docs/fleet.md): a JSON object sent as the ThingsBoard shared attribute
 * `config`, merged over the terminal's own config (objects key by key, anything else replaced — as a config over its
 * profile) and checked against the terminal schema as a whole before it is kept. Kept in the data directory, so it
 * outlives the restart that applies it; the config file itself is never rewritten by the fleet.
 */

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What the operator may not set remotely: who the terminal is and where it keeps its data, and the fleet link itself —
 * an overlay that pointed the terminal at another broker, or broke its credentials, could never be taken back.
 */
const NOT_REMOTE = ['$schema', 'extends', 'terminalId', 'dataDir', 'fleet'] as const;

export const overlayFileIn = (dataDir: string): string => path.join(dataDir, 'fleet-config-overlay.json');

/** `sm3:<hex>` over the overlay's canonical JSON: what the terminal reports as `configOverlayHash`. */
export const overlayHash = (overlay: JsonObject): string => `sm3:${sm3(canonicalJson(overlay))}`;

/** The overlay's own problems (not an object, a key it may not set); [] when it may be merged. */
export const overlayShapeProblems = (overlay: unknown): string[] => {
  if (!isObject(overlay)) return ['the config overlay must be a JSON object'];
  const platform = overlay['platform'];
  const refused: string[] = [...NOT_REMOTE.filter((key) => key in overlay), ...(isObject(platform) && 'enrolmentCode' in platform ? ['platform.enrolmentCode'] : [])];
  return refused.map((key) => `${key}: may not be set by the fleet (it is the terminal's own)`);
};

/** The config's JSON value with the overlay over it. */
export const withOverlay = (config: JsonObject, overlay: JsonObject): JsonObject => mergeOverProfile(config, overlay);

export type StoredOverlay = { kind: 'none' } | { kind: 'overlay'; overlay: JsonObject; hash: string } | { kind: 'unreadable'; problem: string };

/** The overlay kept in the data directory, if any. */
export const readStoredOverlay = (dataDir: string): StoredOverlay => {
  const file = overlayFileIn(dataDir);
  if (!existsSync(file)) return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { kind: 'unreadable', problem: `${file}: ${(error as Error).message}` };
  }
  const problems = overlayShapeProblems(value);
  if (problems.length > 0) return { kind: 'unreadable', problem: `${file}: ${problems.join('; ')}` };
  return { kind: 'overlay', overlay: value as JsonObject, hash: overlayHash(value as JsonObject) };
};

/** Keeps an overlay (checked by the caller) for the next start. */
export const storeOverlay = (dataDir: string, overlay: JsonObject): void => writeFileDurably(overlayFileIn(dataDir), `${JSON.stringify(overlay, null, 2)}\n`);

/** The operator took the overlay away: the next start runs on the config file alone. */
export const removeStoredOverlay = (dataDir: string): void => rmSync(overlayFileIn(dataDir), { force: true });

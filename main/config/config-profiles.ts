import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigProblem } from './terminal-config-file.ts';

/**
 * Terminal profiles: what terminals of one kind share (a community hall, an office building, a bank's ATM), in
 * kiosk-config/profiles/<name>.json. A terminal config names one in `"extends"` — a profile's name, or a path
 * relative to the config (a province's own) — and says the rest: its values win, objects are merged key by key,
 * lists and single values replaced. A profile may extend another. Paths inside a profile are taken relative to the
 * terminal config, as the config's own are. What belongs to one terminal (its id, hall, data directory, enrolment
 * code) is never in a profile.
 */
export const PROFILES_DIR = path.resolve(import.meta.dirname, '..', '..', 'kiosk-config', 'profiles');

/** Keys a profile must not set: they are one terminal's. */
const TERMINAL_OWN = ['terminalId', 'hallName', 'dataDir'] as const;

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The profile's values under the config's: objects merged key by key, anything else the config's. */
export const mergeOverProfile = (profile: JsonObject, config: JsonObject): JsonObject => {
  const merged: JsonObject = { ...profile };
  for (const [key, value] of Object.entries(config)) {
    const under = merged[key];
    merged[key] = isObject(under) && isObject(value) ? mergeOverProfile(under, value) : value;
  }
  return merged;
};

const profileNames = (): string[] => {
  try {
    return readdirSync(PROFILES_DIR)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort();
  } catch {
    return [];
  }
};

type Resolution = { ok: true; value: JsonObject } | { ok: false; problems: ConfigProblem[] };
const problemAtExtends = (message: string): Resolution => ({ ok: false, problems: [{ path: '$.extends', message }] });

const readProfile = async (reference: string, from: string): Promise<{ file: string; value: JsonObject } | string> => {
  const byName = !reference.includes('/') && !reference.endsWith('.json');
  const file = byName ? path.join(PROFILES_DIR, `${reference}.json`) : path.resolve(from, reference);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (byName && code === 'ENOENT') return `no profile "${reference}" (there are: ${profileNames().join(', ')})`;
    return `cannot read profile ${reference}: ${code === 'ENOENT' ? 'file not found' : (code ?? String(error))}`;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `profile ${reference} is not valid JSON: ${(error as Error).message}`;
  }
  return isObject(value) ? { file, value } : `profile ${reference} is not a JSON object`;
};

/** A config with its profiles (if it extends one) merged under it, and no `extends` left. */
export const applyProfiles = async (config: unknown, configDir: string): Promise<Resolution> => {
  if (!isObject(config) || config['extends'] === undefined) return { ok: true, value: config as JsonObject };
  let value: JsonObject = { ...config };
  const seen = new Set<string>();
  let from = configDir;
  while (value['extends'] !== undefined) {
    const reference = value['extends'];
    if (typeof reference !== 'string' || reference === '') return problemAtExtends('a profile name (kiosk-config/profiles) or a path to one');
    const profile = await readProfile(reference, from);
    if (typeof profile === 'string') return problemAtExtends(profile);
    if (seen.has(profile.file)) return problemAtExtends(`profile ${reference} extends itself (through ${[...seen].map((file) => path.basename(file)).join(' → ')})`);
    seen.add(profile.file);
    const own = TERMINAL_OWN.filter((key) => key in profile.value);
    if (own.length > 0) return problemAtExtends(`profile ${reference} sets ${own.join(', ')}, which belong in the terminal's own config`);
    const rest = { ...value };
    delete rest['extends'];
    value = mergeOverProfile(profile.value, rest);
    from = path.dirname(profile.file);
  }
  return { ok: true, value };
};

/** Only what a profile may set, with its problems at its own JSON paths (a profile is checked as terminals see it). */
export const terminalOwnKeysIn = (profile: JsonObject): ConfigProblem[] => {
  const problems: ConfigProblem[] = TERMINAL_OWN.filter((key) => key in profile).map((key) => ({ path: `$.${key}`, message: "belongs in the terminal's own config, not in a profile" }));
  if (isObject(profile['platform']) && 'enrolmentCode' in profile['platform']) {
    problems.push({ path: '$.platform.enrolmentCode', message: "belongs in the terminal's own config, not in a profile (one code per terminal)" });
  }
  return problems;
};

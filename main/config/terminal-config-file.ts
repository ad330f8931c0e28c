import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { applyProfiles } from './config-profiles.ts';
import { readStoredOverlay, withOverlay } from './config-overlay.ts';
import type { FleetConfig, SecretReference } from './fleet-config.ts';
import { terminalConfigSchema, type TerminalConfig } from './terminal-config.ts';

/** One thing wrong with a config file: where (a JSON path such as `$.devices[0].connection.path`) and why. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** A reading's problems as lines for a person: `<file>: <JSON path>: <why>`, one per problem. */
export const describeConfigProblems = (file: string, problems: readonly ConfigProblem[]): string[] =>
  problems.map((problem) => `${file}: ${problem.path}: ${problem.message}`);

/** What came of the fleet operator's config overlay kept in the data directory (config-overlay.ts), if there is one. */
export type OverlayUse = { applied: true; hash: string } | { applied: false; problems: string[] };

export type ConfigReading =
  | {
      ok: true;
      /** The config the terminal runs on: its file, the profile under it, the fleet's overlay over it. */
      config: TerminalConfig;
      /** The config as its file (and profile) says, without the fleet's overlay; `config` itself when there is none. */
      base?: TerminalConfig;
      overlay?: OverlayUse;
      /** The profile the file extends (`extends`), as written there. */
      profile?: string;
    }
  | { ok: false; problems: ConfigProblem[] };

export const formatJsonPath = (segments: readonly PropertyKey[]): string =>
  segments.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    const key = String(segment);
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${out}.${key}` : `${out}[${JSON.stringify(key)}]`;
  }, '$');

const describeIssue = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `required (${issue.expected})`;
  if (issue.code === 'unrecognized_keys') return `unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
};

const secretFrom = (baseDir: string, secret: SecretReference): SecretReference => ('file' in secret ? { file: path.resolve(baseDir, secret.file) } : secret);

/** The fleet section's files (CA, client certificate and key, secrets) relative to the config file. */
const fleetWithPathsFrom = (baseDir: string, fleet: FleetConfig): FleetConfig => {
  const updatesDir = fleet.updates?.downloadDir;
  if (fleet.updates !== undefined && updatesDir !== undefined) fleet = { ...fleet, updates: { ...fleet.updates, downloadDir: path.resolve(baseDir, updatesDir) } };
  if (fleet.mqtt === undefined) return fleet;
  const { auth, caFile } = fleet.mqtt;
  const resolvedAuth =
    auth === undefined
      ? undefined
      : auth.kind === 'access-token'
        ? { ...auth, token: secretFrom(baseDir, auth.token) }
        : auth.kind === 'password'
          ? { ...auth, password: secretFrom(baseDir, auth.password) }
          : { ...auth, certFile: path.resolve(baseDir, auth.certFile), keyFile: path.resolve(baseDir, auth.keyFile) };
  return {
    ...fleet,
    mqtt: { ...fleet.mqtt, ...(resolvedAuth === undefined ? {} : { auth: resolvedAuth }), ...(caFile === undefined ? {} : { caFile: path.resolve(baseDir, caFile) }) },
  };
};

/** Checks parsed JSON against the terminal schema, reporting every problem rather than the first. */
export const checkTerminalConfig = (value: unknown, baseDir: string): ConfigReading => {
  const parsed = terminalConfigSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: describeIssue(issue) })),
    };
  }
  const config = parsed.data;
  // Relative paths (the data directory, a demo's simulated device) are relative to the config file.
  const devices = config.devices.map((device) =>
    device.connection.type === 'serial' ? { ...device, connection: { ...device.connection, path: path.resolve(baseDir, device.connection.path) } } : device,
  ) as TerminalConfig['devices'];
  const receipt = config.receipt.logo === undefined ? config.receipt : { ...config.receipt, logo: path.resolve(baseDir, config.receipt.logo) };
  const lockers = config.lockers === undefined ? {} : { lockers: { ...config.lockers, staffAccounts: path.resolve(baseDir, config.lockers.staffAccounts) } };
  const staff = config.staff === undefined ? {} : { staff: { ...config.staff, accounts: path.resolve(baseDir, config.staff.accounts) } };
  const fleet = config.fleet === undefined ? {} : { fleet: fleetWithPathsFrom(baseDir, config.fleet) };
  return { ok: true, config: { ...config, dataDir: path.resolve(baseDir, config.dataDir), devices, receipt, ...lockers, ...staff, ...fleet } };
};

/**
 * Reads a config file, with the profile it extends (config-profiles.ts) under it; an unreadable file or broken JSON is
 * a problem at `$`, never an exception.
 */
export const readTerminalConfig = async (file: string): Promise<ConfigReading> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`;
    return { ok: false, problems: [{ path: '$', message }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '$', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const configDir = path.dirname(path.resolve(file));
  const withProfiles = await applyProfiles(value, configDir);
  if (!withProfiles.ok) return withProfiles;
  const reading = checkTerminalConfig(withProfiles.value, configDir);
  if (!reading.ok) return reading;
  const extended = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['extends'] : undefined;
  const profile = typeof extended === 'string' ? { profile: extended } : {};
  return { ...overlaid(reading.config, withProfiles.value, configDir), ...profile };
};

/**
 * The fleet's overlay over a config that is valid on its own: used when the whole still checks, else refused (the
 * problems said, the file's config used) — an overlay a newer or older kiosk cannot take never stops a terminal.
 */
const overlaid = (config: TerminalConfig, value: Record<string, unknown>, configDir: string): ConfigReading => {
  const stored = readStoredOverlay(config.dataDir);
  if (stored.kind === 'none') return { ok: true, config };
  if (stored.kind === 'unreadable') return { ok: true, config, base: config, overlay: { applied: false, problems: [stored.problem] } };
  const reading = checkTerminalConfig(withOverlay(value, stored.overlay), configDir);
  if (!reading.ok) return { ok: true, config, base: config, overlay: { applied: false, problems: reading.problems.map((problem) => `${problem.path}: ${problem.message}`) } };
  return { ok: true, config: reading.config, base: config, overlay: { applied: true, hash: stored.hash } };
};

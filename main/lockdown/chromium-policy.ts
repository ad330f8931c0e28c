import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The managed Chromium policy that locks the browser shell's window down (no developer tools, no URL but the
 * host's loopback origin, no downloads, printing, file choosers, incognito, guests, extensions, passwords, autofill,
 * translation, device APIs …): `chromium-policy.json` beside this file, installed by `kioskctl lockdown install`
 * as a managed policy, which Chromium enforces and the page cannot change.
 */
export const CHROMIUM_POLICY_NAME = 'gov-service-kiosk.json';
/** Where Debian's Chromium reads managed policies. */
export const CHROMIUM_MANAGED_POLICY_DIR = '/etc/chromium/policies/managed';

const SHIPPED = path.join(import.meta.dirname, 'chromium-policy.json');

export type ChromiumPolicy = Readonly<Record<string, unknown>>;

export const shippedChromiumPolicy = async (): Promise<ChromiumPolicy> => JSON.parse(await readFile(SHIPPED, 'utf8')) as ChromiumPolicy;

/** Whether the policy is in force on this machine: installed as shipped, missing, or installed but different. */
export type ChromiumPolicyState =
  | { state: 'installed'; file: string }
  | { state: 'missing'; file: string }
  | { state: 'differs'; file: string; keys: string[] };

/** Where the policy goes under a root (`/` on a terminal; a scratch root for a package build or a test). */
export const installedPolicyFile = (root = '/'): string => path.join(root, CHROMIUM_MANAGED_POLICY_DIR, CHROMIUM_POLICY_NAME);

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const chromiumPolicyState = async (root = '/'): Promise<ChromiumPolicyState> => {
  const file = installedPolicyFile(root);
  let installed: unknown;
  try {
    installed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing', file };
    return { state: 'differs', file, keys: ['(the file is not readable JSON)'] };
  }
  const shipped = await shippedChromiumPolicy();
  const actual = (typeof installed === 'object' && installed !== null ? installed : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(shipped), ...Object.keys(actual)])].filter((key) => !sameValue(shipped[key], actual[key])).sort();
  return keys.length === 0 ? { state: 'installed', file } : { state: 'differs', file, keys };
};

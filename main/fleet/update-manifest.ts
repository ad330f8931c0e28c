import { z } from 'zod';
import { isSignedBy, sm3Hex } from '../catalogue/catalogue-manifest.ts';
import { isNotPlainHttpOffMachine } from '../common/loopback.ts';

/**
 * What the operator offers (docs/fleet-updates.md): the `update` shared attribute carries a manifest — the exact JSON
 * text the release key signed, so no canonical form is needed — its SM2 signature, and the share of the fleet that
 * should take it. The share is outside the signature: the operator widens or halts a rollout without the release key.
 */

/** A release version: MAJOR.MINOR.PATCH with an optional pre-release (semver 2.0, no build metadata). */
export const releaseVersionSchema = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/, 'a version such as 0.2.0 or 0.3.0-rc.1');

/**
 * The kinds of package an installer takes: a Debian package fetched from the manifest's URL, a version of the package
 * in the operator's apt repository (apt fetches and checks it), or the Electron shell's AppImage or NSIS installer.
 */
export const packageFormatSchema = z.enum(['deb', 'apt', 'appimage', 'nsis']);
export type PackageFormat = z.infer<typeof packageFormatSchema>;

/** When it was signed (for people; not checked). */
const createdAt = z.iso.datetime({ offset: true }).optional();

/** The formats of a package file the terminal downloads and checks itself. */
export const packageFileFormatSchema = z.enum(['deb', 'appimage', 'nsis']);

/** A package file the terminal downloads and checks itself. */
const packageFileManifestSchema = z
  .object({
    format: packageFileFormatSchema,
    version: releaseVersionSchema,
    /** https:// (plain http:// only to this machine, for tests). */
    url: z.url({ protocol: /^https?$/ }).refine(isNotPlainHttpOffMachine, 'the package URL must be https:// (http:// only to this machine)'),
    /** The package's size in bytes. */
    size: z.number().int().positive(),
    /** SM3 of the package's bytes, lower-case hex. */
    sm3: z.string().regex(/^[0-9a-f]{64}$/, 'an SM3 digest: 64 lower-case hex digits'),
    createdAt,
  })
  .strict();

/**
 * A version of the kiosk's package in the operator's apt repository: apt downloads it and checks it against the
 * repository's signed index (its key installed on the terminal by root), so the manifest names only the version.
 */
const aptManifestSchema = z.object({ format: z.literal('apt'), version: releaseVersionSchema, createdAt }).strict();

/** The signed part. Strict: a field this terminal does not know (a future constraint) refuses the manifest rather than being skipped. */
export const updateManifestSchema = z.discriminatedUnion('format', [packageFileManifestSchema, aptManifestSchema]);
export type UpdateManifest = z.infer<typeof updateManifestSchema>;
/** A manifest of a package file the terminal fetches itself. */
export type PackageFileManifest = z.infer<typeof packageFileManifestSchema>;

/** The `update` shared attribute's value. */
export const updateAttributeSchema = z
  .object({
    /** The manifest's JSON text, exactly as signed. */
    manifest: z.string().min(2).max(4096),
    /** SM2 signature of `manifest` (r‖s, 128 hex digits) by the release key. */
    signature: z.string().regex(/^[0-9a-fA-F]{128}$/, 'an SM2 signature: 128 hex digits'),
    /** The share of the fleet that takes it, 0 (halted) to 1 (every terminal). Raising it only adds terminals. */
    share: z.number().min(0).max(1),
  })
  .strict();
export type UpdateAttribute = z.infer<typeof updateAttributeSchema>;

/** A verified offer: the signed text and signature (kept to check again before installing) and what it says. */
export interface SignedUpdate {
  readonly manifest: string;
  readonly signature: string;
  readonly update: UpdateManifest;
}

export type UpdateAttributeReading =
  | { kind: 'offer'; offer: SignedUpdate; share: number }
  /** Not the attribute's shape: nothing is done with it. */
  | { kind: 'malformed'; problem: string }
  /** Well-formed, but not signed by the release key, or signed but not a manifest this terminal understands. */
  | { kind: 'refused'; signature: string; problem: string };

const problemsOf = (error: z.ZodError): string =>
  error.issues.map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`)).join('; ');

/** Reads the attribute: its shape, then the signature (nothing unsigned is parsed further), then the manifest. */
export const readUpdateAttribute = (value: unknown, publicKey: string): UpdateAttributeReading => {
  const attribute = updateAttributeSchema.safeParse(value);
  if (!attribute.success) return { kind: 'malformed', problem: `the update attribute is malformed: ${problemsOf(attribute.error)}` };
  const { manifest, signature, share } = attribute.data;
  if (!isSignedBy(manifest, signature, publicKey)) {
    return { kind: 'refused', signature, problem: 'bad-signature: the manifest is not signed by the release key in this terminal\'s config' };
  }
  let json: unknown;
  try {
    json = JSON.parse(manifest);
  } catch {
    return { kind: 'refused', signature, problem: 'bad-manifest: the signed manifest is not JSON' };
  }
  const parsed = updateManifestSchema.safeParse(json);
  if (!parsed.success) return { kind: 'refused', signature, problem: `bad-manifest: ${problemsOf(parsed.error)}` };
  return { kind: 'offer', offer: { manifest, signature, update: parsed.data }, share };
};

/** Whether a kept offer still carries the release key's signature (checked again right before installing). */
export const isStillSigned = (offer: SignedUpdate, publicKey: string): boolean => isSignedBy(offer.manifest, offer.signature, publicKey);

const numericOrText = (identifier: string): number | string => (/^\d+$/.test(identifier) ? Number(identifier) : identifier);

/** Semver precedence: negative when a < b, 0 when equal, positive when a > b. Both must be release versions. */
export const compareVersions = (a: string, b: string): number => {
  const split = (version: string) => {
    const dash = version.indexOf('-');
    const core = (dash === -1 ? version : version.slice(0, dash)).split('.').map(Number);
    const pre = dash === -1 ? [] : version.slice(dash + 1).split('.').map(numericOrText);
    return { core, pre };
  };
  const left = split(a);
  const right = split(b);
  for (let i = 0; i < 3; i++) {
    const difference = (left.core[i] ?? 0) - (right.core[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  // A version without a pre-release ranks above the same version with one.
  if (left.pre.length === 0 || right.pre.length === 0) return Math.sign(right.pre.length - left.pre.length);
  for (let i = 0; i < Math.max(left.pre.length, right.pre.length); i++) {
    const x = left.pre[i];
    const y = right.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return Math.sign(x - y);
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
};

/**
 * Where a terminal stands in a version's rollout, in [0, 1): SM3 of its id and the version, the first 52 bits as a
 * fraction. The same terminal always gets the same place for a version (so raising the share only adds terminals),
 * and a different place for the next version (so the same few terminals are not always the first).
 */
export const rolloutPosition = (terminalId: string, version: string): number => Number.parseInt(sm3Hex(`${terminalId}\n${version}`).slice(0, 13), 16) / 2 ** 52;

export const isInShare = (terminalId: string, version: string, share: number): boolean => rolloutPosition(terminalId, version) < share;

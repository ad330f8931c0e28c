import { sm2, sm3 } from 'sm-crypto-v2';
import { z } from 'zod';

/**
 * The manifest a catalogue snapshot or delta comes with: which version it brings (from which, for a delta), how
 * many lines its body has and the body's SM3 digest. The platform signs the manifest's exact JSON text with SM2
 * (SM3 digest with the standard user ID, sm-crypto-v2's `hash: true`); the terminal's trust anchor is the platform's
 * public key in its config.
 */
const version = z.number().int().min(1).max(2 ** 31);
const common = {
  version,
  createdAt: z.iso.datetime({ offset: true }),
  count: z.number().int().nonnegative(),
  sm3: z.string().regex(/^[0-9a-f]{64}$/),
};
export const catalogueManifestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), ...common }),
  z
    .object({ kind: z.literal('delta'), baseVersion: version, ...common })
    .refine((manifest) => manifest.baseVersion < manifest.version, 'a delta goes from an older version to a newer one'),
]);
export type CatalogueManifest = z.infer<typeof catalogueManifestSchema>;

/** Why a download was not used. The catalogue the terminal holds is untouched in every case. */
export type CatalogueRejection = 'bad-signature' | 'bad-manifest' | 'digest-mismatch' | 'count-mismatch' | 'not-newer' | 'wrong-base';

export class CatalogueRejected extends Error {
  readonly reason: CatalogueRejection;

  constructor(reason: CatalogueRejection, detail: string) {
    super(`catalogue rejected (${reason}): ${detail}`);
    this.name = 'CatalogueRejected';
    this.reason = reason;
  }
}

/** SM3 in pure JS (Electron's BoringSSL has none); over the UTF-8 bytes, which sm-crypto-v2 hashes 4× faster than a string. */
export const sm3Hex = (text: string): string => sm3(Buffer.from(text, 'utf8'));

/**
 * Whether `text` (its exact characters) carries an SM2 signature by `publicKey`: SM3 digest with the standard user ID
 * (sm-crypto-v2's `hash: true`), as the platform signs catalogue manifests and the release key signs update manifests
 * (main/fleet/update-manifest.ts). A malformed signature or key is simply not a valid signature.
 */
export const isSignedBy = (text: string, signatureHex: string, publicKey: string): boolean => {
  try {
    return sm2.doVerifySignature(text, signatureHex, publicKey, { hash: true });
  } catch {
    return false;
  }
};

/** Checks the signature first (nothing unsigned is even parsed), then the manifest's shape. */
export const verifyManifest = (signed: { manifest: string; signature: string }, publicKey: string): CatalogueManifest => {
  if (!isSignedBy(signed.manifest, signed.signature, publicKey)) throw new CatalogueRejected('bad-signature', 'the manifest is not signed by the platform key in this terminal\'s config');
  let value: unknown;
  try {
    value = JSON.parse(signed.manifest);
  } catch {
    throw new CatalogueRejected('bad-manifest', 'the signed manifest is not JSON');
  }
  const parsed = catalogueManifestSchema.safeParse(value);
  if (!parsed.success) throw new CatalogueRejected('bad-manifest', parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
};

/** Checks a downloaded body against its verified manifest. */
export const verifyBody = (manifest: CatalogueManifest, body: string): void => {
  const digest = sm3Hex(body);
  if (digest !== manifest.sm3) throw new CatalogueRejected('digest-mismatch', `the body's SM3 is ${digest}, the manifest says ${manifest.sm3}`);
};

import { sm2, sm3 } from 'sm-crypto-v2';
import type { PackageFileManifest, UpdateAttribute, UpdateManifest } from '../main/fleet/update-manifest.ts';

/**
 * The release side of a staged update (docs/fleet-updates.md): the manifest of a package and its SM2 signature by the
 * release key, as the `update` shared attribute the operator sets. The terminal's side is main/fleet/update-manifest.ts.
 */
export interface PackageToOffer {
  bytes: Uint8Array;
  format: PackageFileManifest['format'];
  version: string;
  url: string;
  /** The release key (private, 64 hex digits); its public key is derived. */
  privateKey: string;
  share: number;
  createdAt?: string;
}

export const updateManifestOf = (offer: Omit<PackageToOffer, 'privateKey' | 'share'>): PackageFileManifest => ({
  format: offer.format,
  version: offer.version,
  url: offer.url,
  size: offer.bytes.byteLength,
  sm3: sm3(offer.bytes),
  ...(offer.createdAt === undefined ? {} : { createdAt: offer.createdAt }),
});

/** Signs the manifest's exact JSON text (SM3 with the standard user ID, as the terminal checks it). */
export const signedManifest = (manifest: UpdateManifest | string, privateKey: string): { manifest: string; signature: string } => {
  const text = typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
  const publicKey = sm2.getPublicKeyFromPrivateKey(privateKey);
  return { manifest: text, signature: sm2.doSignature(text, privateKey, { hash: true, publicKey }) };
};

export const updateAttributeOf = (offer: PackageToOffer): UpdateAttribute => ({ ...signedManifest(updateManifestOf(offer), offer.privateKey), share: offer.share });

/** A version in the operator's apt repository: the manifest names only the version (apt fetches and checks the package). */
export interface AptVersionToOffer {
  version: string;
  privateKey: string;
  share: number;
  createdAt?: string;
}

export const aptUpdateAttributeOf = (offer: AptVersionToOffer): UpdateAttribute => {
  const manifest: UpdateManifest = { format: 'apt', version: offer.version, ...(offer.createdAt === undefined ? {} : { createdAt: offer.createdAt }) };
  return { ...signedManifest(manifest, offer.privateKey), share: offer.share };
};

import { createHash } from 'node:crypto';
import smCrypto from 'sm-crypto';
import type { PublishedGuide } from './guide-dataset.ts';

/**
 * What a terminal downloads: the snapshot (JSON Lines, one guide per line) and a manifest saying which version it
 * is, how many guides and its SM3 digest, signed with the platform's SM2 key (over the SM3 digest, with the
 * standard user ID, as sm-crypto's `hash: true` does). The manifest travels as the exact string that was signed,
 * so nobody has to agree on how to re-serialise it.
 */
export interface SignedManifest {
  manifest: string;
  signature: string;
}

export interface CatalogueManifest {
  kind: 'snapshot';
  version: number;
  createdAt: string;
  count: number;
  /** SM3 of the snapshot body, lower-case hex. */
  sm3: string;
}

export interface PublishedCatalogue {
  body: string;
  signed: SignedManifest;
}

export const sm3Hex = (text: string): string => createHash('sm3').update(text, 'utf8').digest('hex');

export const publishCatalogue = (guides: readonly PublishedGuide[], version: number, privateKey: string, now = new Date()): PublishedCatalogue => {
  const body = guides.map((guide) => JSON.stringify(guide)).join('\n') + '\n';
  const manifest: CatalogueManifest = { kind: 'snapshot', version, createdAt: now.toISOString(), count: guides.length, sm3: sm3Hex(body) };
  const text = JSON.stringify(manifest);
  return { body, signed: { manifest: text, signature: smCrypto.sm2.doSignature(text, privateKey, { hash: true }) } };
};

export const generateSigningKey = (): { publicKey: string; privateKey: string } => smCrypto.sm2.generateKeyPairHex();

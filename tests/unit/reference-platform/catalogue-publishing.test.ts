import { sm2 } from 'sm-crypto-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../../../reference-platform/catalogue/catalogue-publisher.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../../reference-platform/server.ts';
import { CatalogueStore } from '../../../main/catalogue/catalogue-store.ts';

/** The reference platform's catalogue as a terminal receives it: a snapshot and its SM2-signed manifest. */
let platform: ReferencePlatform;
beforeAll(async () => {
  platform = await startReferencePlatform({ port: 0, guides: 1000 });
});
afterAll(() => platform.close());

const fetchSigned = async () => (await (await fetch(new URL('v1/catalogue/manifest', platform.url))).json()) as { manifest: string; signature: string };

describe('reference platform catalogue', () => {
  it('signs the manifest with its SM2 key; the signature fails for any other text or key', async () => {
    const { manifest, signature } = await fetchSigned();
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(sm2.doVerifySignature(manifest, signature, platform.catalogueKey, { hash: true })).toBe(true);
    expect(sm2.doVerifySignature(manifest.replace('"version":1', '"version":2'), signature, platform.catalogueKey, { hash: true })).toBe(false);
    const other = sm2.generateKeyPairHex();
    expect(sm2.doVerifySignature(manifest, signature, other.publicKey, { hash: true })).toBe(false);
  });

  it('serves the snapshot the manifest describes: its SM3, its count, guides a kiosk can import', async () => {
    const manifest = JSON.parse((await fetchSigned()).manifest) as { kind: string; version: number; count: number; sm3: string };
    const body = await (await fetch(new URL('v1/catalogue/snapshot', platform.url))).text();
    expect(manifest).toMatchObject({ kind: 'snapshot', version: 1, count: 1048 });
    expect(sm3Hex(body)).toBe(manifest.sm3);
    const store = new CatalogueStore(':memory:');
    expect(store.importJsonLines(body)).toEqual({ guides: 1000, bundles: 48, removed: 0, outOfScope: 0, rejected: [], warnings: {} });
    store.close();
  });
});

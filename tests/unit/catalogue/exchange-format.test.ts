import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { type CatalogueRejected, sm3Hex, verifyBody, verifyManifest } from '../../../main/catalogue/catalogue-manifest.ts';
import { CatalogueStore, CatalogueVersionMismatch } from '../../../main/catalogue/catalogue-store.ts';
import { parseExchangeLines } from '../../../main/catalogue/exchange-format.ts';

const GUIDE = { task_code: 'A000001', task_name: '甲', task_type: '20', task_version: 1, task_state: '1', dept_name: 'd', server_type: '1', is_service_terminals: '1' };
const BUNDLE = { bundle_code: 'YJS-310115-001', bundle_name: '一件事', area_code: '310115', server_type: '1', task_codes: ['A000001', 'A000002'] };
const lines = (...records: unknown[]) => records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n');

describe('exchange format', () => {
  it('tells guides, bundles and removals apart; removals only in a delta; each key once', () => {
    const text = lines(GUIDE, BUNDLE, { task_code: 'B000001', cd_operation: 'D' }, { bundle_code: 'YJS-1', cd_operation: 'D' }, GUIDE, '[1]', { cd_operation: 'D' });
    const delta = parseExchangeLines(text, { deletionsAllowed: true });
    expect(delta.records.map((record) => record.type)).toEqual(['guide', 'bundle', 'remove-guide', 'remove-bundle']);
    expect(delta.rejected).toEqual([
      { line: 5, reason: 'guide A000001 appears twice' },
      { line: 6, reason: 'not a JSON object' },
      { line: 7, reason: 'task_code: required for a removal' },
    ]);
    const snapshot = parseExchangeLines(text, { deletionsAllowed: false });
    expect(snapshot.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7]);
    expect(snapshot.rejected[0]?.reason).toMatch(/belongs in a delta/);
  });

  it('a bundle needs at least two member items and a 6-digit region', () => {
    const { rejected } = parseExchangeLines(lines({ ...BUNDLE, task_codes: ['A000001'] }, { ...BUNDLE, bundle_code: 'YJS-2', area_code: '31' }), { deletionsAllowed: false });
    expect(rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/^task_codes/), expect.stringMatching(/^area_code/)]);
  });
});

describe('catalogue store', () => {
  it('keeps materials as rows in order, with their 容缺 and 告知承诺 markers', () => {
    const store = new CatalogueStore(':memory:');
    const materials = [
      { material_name: '居民身份证', is_need: '1', source_type: '20' },
      { material_name: '照片', is_need: '2', page_num: 2 },
      { material_name: '无犯罪记录证明', is_need: '1', is_promise: '1' },
    ];
    store.importJsonLines(lines({ ...GUIDE, materials }, BUNDLE));
    expect(store.guide('A000001')?.materials).toEqual(materials);
    expect(store.bundles()).toEqual([expect.objectContaining({ bundleCode: 'YJS-310115-001', taskCodes: ['A000001', 'A000002'] })]);
    store.close();
  });

  it('applies a delta only to the version it was made from', () => {
    const store = new CatalogueStore(':memory:');
    store.replaceAll(parseExchangeLines(lines(GUIDE), { deletionsAllowed: false }).records, { version: 3 });
    const change = parseExchangeLines(lines({ task_code: 'A000001', cd_operation: 'D' }), { deletionsAllowed: true }).records;
    expect(() => store.applyChanges(change, { fromVersion: 2, toVersion: 4 })).toThrow(CatalogueVersionMismatch);
    expect(store.size).toBe(1);
    expect(store.applyChanges(change, { fromVersion: 3, toVersion: 4 })).toEqual({ guides: 0, bundles: 0, removed: 1, outOfScope: 0 });
    expect(store.version).toBe(4);
    store.close();
  });

  it('migrates a catalogue written by schema 1 (materials inside the record) to materials as rows', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-catalogue-migrate-'));
    const file = path.join(dir, 'catalogue.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE guides (task_code TEXT PRIMARY KEY, task_name TEXT NOT NULL, task_type TEXT NOT NULL, dept_name TEXT NOT NULL,
      server_type TEXT NOT NULL, is_service_terminals INTEGER NOT NULL, plan_effective_date TEXT, plan_cancel_date TEXT,
      popularity REAL NOT NULL DEFAULT 0, record TEXT NOT NULL);
      CREATE TABLE catalogue_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); PRAGMA user_version = 1;`);
    const record = { ...GUIDE, user_topic_type: '社会保障', materials: [{ material_name: '居民身份证', is_need: '1' }, { material_name: '照片', is_need: '2', is_promise: '1' }], fees: [] };
    old.prepare("INSERT INTO guides VALUES ('A000001', '甲', '20', 'd', '1', 1, NULL, NULL, 0, ?)").run(JSON.stringify(record));
    old.close();
    const store = new CatalogueStore(file);
    expect(store.guide('A000001')?.materials).toEqual(record.materials);
    expect(store.entries()[0]?.userTopics).toEqual(['社会保障']);
    store.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('catalogue manifest', () => {
  const key = sm2.generateKeyPairHex();
  const sign = (manifest: unknown) => {
    const text = JSON.stringify(manifest);
    return { manifest: text, signature: sm2.doSignature(text, key.privateKey, { hash: true }) };
  };
  const body = 'line\n';
  const good = { kind: 'delta', baseVersion: 1, version: 2, createdAt: '2026-11-23T08:00:00.000Z', count: 1, sm3: sm3Hex(body) };

  it('verifies the signature before anything else, then the shape, then the body', () => {
    const manifest = verifyManifest(sign(good), key.publicKey);
    expect(manifest).toEqual(good);
    expect(() => verifyBody(manifest, body)).not.toThrow();
    expect(() => verifyBody(manifest, 'line!\n')).toThrow(/digest-mismatch/);
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as CatalogueRejected).reason;
      }
      return null;
    };
    expect(reason(() => verifyManifest({ ...sign(good), signature: '0'.repeat(128) }, key.publicKey))).toBe('bad-signature');
    expect(reason(() => verifyManifest(sign(good), sm2.generateKeyPairHex().publicKey))).toBe('bad-signature');
    expect(reason(() => verifyManifest(sign(good), 'not a key'))).toBe('bad-signature');
    expect(reason(() => verifyManifest(sign({ ...good, baseVersion: 2 }), key.publicKey))).toBe('bad-manifest');
    expect(reason(() => verifyManifest(sign({ ...good, kind: 'other' }), key.publicKey))).toBe('bad-manifest');
  });
});

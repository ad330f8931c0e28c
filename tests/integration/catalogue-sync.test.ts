import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sm2 } from 'sm-crypto-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogueRejected } from '../../main/catalogue/catalogue-manifest.ts';
import { CatalogueStore } from '../../main/catalogue/catalogue-store.ts';
import { CatalogueSync, type SyncOutcome } from '../../main/catalogue/catalogue-sync.ts';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import { PlatformUnreachable } from '../../main/platform/platform-adapter.ts';
import type { CatalogueChange } from '../../reference-platform/catalogue/catalogue-publisher.ts';
import { deptCodeOf, generateCatalogue } from '../../reference-platform/catalogue/guide-dataset.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';

/** A terminal syncing its catalogue from the reference platform over loopback. */
let dir: string;
let platform: ReferencePlatform;
let store: CatalogueStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-catalogue-sync-'));
  platform = await startReferencePlatform({ port: 0, guides: 2000 });
  store = new CatalogueStore(path.join(dir, 'catalogue.sqlite'));
});
afterEach(async () => {
  store.close();
  await platform.close();
  await rm(dir, { recursive: true, force: true });
});

const PUDONG = { areaCode: '310115', audiences: ['natural'] as const };
const syncOf = (publicKey = platform.catalogueKey, scope: ConstructorParameters<typeof CatalogueSync>[0]['scope'] = PUDONG) =>
  new CatalogueSync({ store, source: new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000 }), publicKey, scope });
const codes = () => new Set(store.entries().map((entry) => entry.taskCode));
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const data = generateCatalogue(2000);
const guideAt = (i: number) => data.guides[i] as NonNullable<(typeof data.guides)[number]>;

describe('catalogue sync against the reference platform', () => {
  it('takes the snapshot first, keeping only its district (and the city, and 全市通办) and its audience', async () => {
    const outcome = await syncOf().syncOnce();
    expect(outcome).toMatchObject({ kind: 'snapshot', from: null, version: 1, rejected: [] });
    const kept = store.entries();
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(1000);
    for (const entry of kept) expect(entry.serverTypes).toContain('1');
    const regions = new Set(kept.map((entry) => store.guide(entry.taskCode)?.dept_code?.slice(2, 8)));
    expect(regions).toContain('310115');
    expect(regions).toContain('310000');
    for (const region of regions) {
      if (region === '310115' || region === '310000') continue;
      // Another district's guide is kept only when it may be handled across the city.
      const sample = kept.find((entry) => store.guide(entry.taskCode)?.dept_code?.slice(2, 8) === region);
      expect(store.guide(sample?.taskCode ?? '')?.handle_area).toBe('全市通办');
    }
    expect(store.bundles().map((bundle) => bundle.bundleCode)).toEqual(['YJS-310115-001', 'YJS-310115-002']);
    expect(store.version).toBe(1);
  });

  it('applies a delta: changed, new and removed guides, and a guide that leaves this terminal\'s scope', async () => {
    await syncOf().syncOnce();
    const held = [...codes()];
    const [changed, removed, leaving] = held.map((code) => data.guides.find((guide) => guide.task_code === code));
    if (changed === undefined || removed === undefined || leaving === undefined) throw new Error('fixture');
    const added = { ...guideAt(0), task_code: `${deptCodeOf('310115', 0)}4000199999999`, task_name: '新增事项测试' };
    platform.catalogue.publish([
      { guide: { ...changed, task_name: `${changed.task_name}（修订）`, task_version: 2 } },
      { guide: added },
      { removeGuide: removed.task_code },
      { guide: { ...leaving, server_type: '2' } },
    ]);
    const outcome = await syncOf().syncOnce();
    expect(outcome).toMatchObject({ kind: 'delta', from: 1, version: 2, applied: { guides: 2, removed: 2, outOfScope: 1 } });
    expect(store.guide(changed.task_code)).toMatchObject({ task_name: `${changed.task_name}（修订）`, task_version: 2 });
    expect(store.guide(added.task_code)?.materials.length).toBeGreaterThan(0);
    expect(store.guide(removed.task_code)).toBeNull();
    expect(store.guide(leaving.task_code)).toBeNull();
    expect(store.version).toBe(2);
    expect(await syncOf().syncOnce()).toEqual({ kind: 'up-to-date', version: 2 });
  });

  it('refuses a manifest signed by another key and keeps the catalogue it has', async () => {
    await syncOf().syncOnce();
    const before = codes();
    platform.catalogue.publish([{ removeGuide: [...before][0] ?? '' }]);
    const error = await failure(syncOf(sm2.generateKeyPairHex().publicKey).syncOnce());
    expect(error).toBeInstanceOf(CatalogueRejected);
    expect((error as CatalogueRejected).reason).toBe('bad-signature');
    expect(codes()).toEqual(before);
    expect(store.version).toBe(1);
  });

  it('refuses a tampered manifest or body, and a faulty platform, keeping the catalogue; syncs once the fault is gone', async () => {
    await syncOf().syncOnce();
    const before = codes();
    const removed = [...before].slice(0, 3);
    platform.catalogue.publish(removed.map((code) => ({ removeGuide: code })));

    const expectKept = async (fault: Parameters<ReferencePlatform['faults']['add']>[0], check: (error: unknown) => void) => {
      platform.faults.add({ ...fault, times: 2 });
      check(await failure(syncOf().syncOnce()));
      platform.faults.clear();
      expect(codes()).toEqual(before);
      expect(store.version).toBe(1);
    };
    const rejected = (reason: string) => (error: unknown) => expect((error as CatalogueRejected).reason).toBe(reason);
    const unreachable = (error: unknown) => expect(error).toBeInstanceOf(PlatformUnreachable);
    await expectKept({ path: '/v1/catalogue/manifest', fault: { kind: 'tamper' } }, (error) => expect(error).toBeInstanceOf(Error));
    await expectKept({ path: '/v1/catalogue/delta', fault: { kind: 'tamper' } }, rejected('digest-mismatch'));
    await expectKept({ path: '/v1/catalogue/delta', fault: { kind: 'garbage' } }, (error) =>
      expect(error instanceof CatalogueRejected || error instanceof PlatformUnreachable).toBe(true),
    );
    await expectKept({ path: '/v1/catalogue/manifest', fault: { kind: 'garbage' } }, unreachable);
    await expectKept({ path: '/v1/catalogue/delta', fault: { kind: 'status', status: 503 } }, unreachable);
    await expectKept({ path: '/v1/catalogue/delta', fault: { kind: 'drop' } }, unreachable);

    const outcome = await syncOf().syncOnce();
    expect(outcome).toMatchObject({ kind: 'delta', version: 2, applied: { removed: 3 } });
    expect(codes()).toEqual(new Set([...before].filter((code) => !removed.includes(code))));
  });

  it('refuses to go back to an older version (a replayed or reset platform)', async () => {
    for (let i = 0; i < 2; i += 1) platform.catalogue.publish([{ guide: guideAt(i) }]);
    await syncOf().syncOnce();
    expect(store.version).toBe(3);
    const reset = await startReferencePlatform({ port: 0, guides: 2000 });
    try {
      const sync = new CatalogueSync({ store, source: new HttpPlatformAdapter({ baseUrl: reset.url, timeoutMs: 2000 }), publicKey: reset.catalogueKey, scope: PUDONG });
      expect(((await failure(sync.syncOnce())) as CatalogueRejected).reason).toBe('not-newer');
      expect(store.version).toBe(3);
    } finally {
      await reset.close();
    }
  });

  it('reports malformed lines of a signed body with their line numbers and applies the rest', async () => {
    await syncOf().syncOnce();
    platform.catalogue.publish([
      { guide: { ...guideAt(0), task_name: '' } },
      { guide: { ...guideAt(1), task_name: `${guideAt(1).task_name}（修订）` } },
    ]);
    const outcome = (await syncOf(platform.catalogueKey, {}).syncOnce()) as Exclude<SyncOutcome, { kind: 'up-to-date' }>;
    expect(outcome.rejected).toEqual([{ line: 1, reason: expect.stringMatching(/task_name/) as unknown as string }]);
    expect(store.guide(guideAt(1).task_code)?.task_name).toMatch(/（修订）$/);
  });

  it('takes a province\'s spellings in a delta as an import does: unknown optional values dropped and counted, the guide kept', async () => {
    await syncOf(platform.catalogueKey, {}).syncOnce();
    const province = (guide: ReturnType<typeof guideAt>, extra: Record<string, unknown>) => ({ guide: { ...guide, ...extra } as unknown as ReturnType<typeof guideAt> });
    const [first, second] = [guideAt(2), guideAt(3)];
    platform.catalogue.publish([
      province(first, { is_fee: '是', is_service_terminals: 'Y', plan_cancel_date: '2099/1/1', materials: [{ material_name: '居民身份证', is_need: '必要', material_form: '纸质+电子' }] }),
      province(second, { is_fee: '视情况', materials: [{ material_name: '照片', is_need: '否', material_form: '光盘' }] }),
    ]);
    const outcome = (await syncOf(platform.catalogueKey, {}).syncOnce()) as Exclude<SyncOutcome, { kind: 'up-to-date' }>;
    expect(outcome).toMatchObject({ kind: 'delta', rejected: [], applied: { guides: 2 } });
    expect(outcome.warnings).toEqual({ is_fee: { count: 1, firstLine: 2, example: '视情况' }, 'materials.material_form': { count: 1, firstLine: 2, example: '光盘' } });
    expect(store.guide(first.task_code)).toMatchObject({ is_fee: '1', is_service_terminals: '1', plan_cancel_date: '2099-01-01', materials: [{ material_name: '居民身份证', is_need: '1', material_form: '3' }] });
    const kept = store.guide(second.task_code);
    expect(kept?.materials).toEqual([{ material_name: '照片', is_need: '0' }]);
    expect(kept).not.toHaveProperty('is_fee');
  });
});

describe('a sync killed at any step', () => {
  it('leaves a whole catalogue (the old version or the new), and the next start completes the sync', async () => {
    const child = path.resolve(import.meta.dirname, '../support/catalogue-sync-child.ts');
    const db = path.join(dir, 'killed.sqlite');
    const big = await startReferencePlatform({ port: 0, guides: 20_000 });
    const run = (killAfter: { stage: string; delayMs: number } | null) =>
      new Promise<string>((resolve) => {
        const process_ = spawn(process.execPath, [child, db, big.url, big.catalogueKey], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        process_.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (killAfter !== null && out.includes(killAfter.stage)) setTimeout(() => process_.kill('SIGKILL'), killAfter.delayMs);
        });
        process_.once('exit', () => resolve(out));
      });
    /** The version on disk and whether the guides are exactly that version's: every renamed guide carries its number. */
    const inspect = () => {
      const raw = new Database(db, { readonly: true });
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        const version = (raw.prepare("SELECT value FROM catalogue_meta WHERE key = 'version'").pluck().get() as string | undefined) ?? null;
        const names = raw.prepare('SELECT task_name FROM guides').pluck().all() as string[];
        const marks = new Set(names.map((name) => /（第(\d+)版）$/.exec(name)?.[1]).filter((mark) => mark !== undefined));
        const materialsWithoutGuide = raw.prepare('SELECT count(*) FROM materials m LEFT JOIN guides g USING (task_code) WHERE g.task_code IS NULL').pluck().get();
        return { version: version === null ? null : Number(version), count: names.length, marks: [...marks], materialsWithoutGuide };
      } finally {
        raw.close();
      }
    };
    const expectedCount = (version: number) => 20_000 + 10 * (version - 1);
    const publishVersion = () => {
      const next = big.catalogue.version + 1;
      const changes: CatalogueChange[] = generateCatalogue(3000).guides.map((guide) => ({ guide: { ...guide, task_name: `${guide.task_name}（第${next}版）` } }));
      const extra = generateCatalogue(20_000 + 10 * next).guides.slice(20_000 + 10 * (next - 2), 20_000 + 10 * (next - 1));
      for (const guide of extra) changes.push({ guide });
      big.catalogue.publish(changes);
    };
    try {
      // Killed while applying the first snapshot: nothing, or all of version 1.
      await run({ stage: 'applying', delayMs: 20 });
      let state = inspect();
      expect(state.count).toBe(state.version === null ? 0 : expectedCount(1));
      const kills: string[] = [];
      for (const [stage, delayMs] of [['manifest-verified', 0], ['body-verified', 0], ['applying', 0], ['applying', 30], ['applying', 80], ['applied', 0]] as const) {
        if (state.version === null) await run(null);
        publishVersion();
        const before = inspect().version ?? 0;
        await run({ stage, delayMs });
        state = inspect();
        kills.push(`${stage}+${delayMs}ms → version ${state.version}`);
        expect([before, big.catalogue.version], kills.join('; ')).toContain(state.version);
        expect(state.count).toBe(expectedCount(state.version ?? 1));
        expect(state.marks.every((mark) => Number(mark) === state.version) || (state.version === 1 && state.marks.length === 0)).toBe(true);
        expect(state.materialsWithoutGuide).toBe(0);
      }
      const finished = await run(null);
      expect(finished).toMatch(new RegExp(`done (delta|snapshot|up-to-date) ${big.catalogue.version}`));
      expect(inspect()).toMatchObject({ version: big.catalogue.version, count: expectedCount(big.catalogue.version), marks: [String(big.catalogue.version)] });
    } finally {
      await big.close();
    }
  }, 120_000);
});

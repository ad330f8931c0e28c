import { describe, expect, it, vi } from 'vitest';
import { CatalogueService } from '../../../main/catalogue/catalogue-service.ts';
import { CatalogueStore } from '../../../main/catalogue/catalogue-store.ts';
import type { CatalogueSync } from '../../../main/catalogue/catalogue-sync.ts';
import { ManualClock } from '../../support/manual-clock.ts';

const guide = (code: string, name: string, fields: Record<string, unknown> = {}) => ({
  task_code: code,
  task_name: name,
  task_type: '20',
  task_version: 1,
  task_state: '1',
  dept_name: '浦东新区民政局',
  server_type: '1',
  is_service_terminals: '1',
  user_topic_type: '婚姻登记',
  ...fields,
});
const lines = (...records: object[]) => records.map((record) => JSON.stringify(record)).join('\n');
const flush = () => new Promise((resolve) => setImmediate(resolve));

const serviceWith = (text: string, sync: CatalogueSync | null = null, clock = new ManualClock()) => {
  const store = new CatalogueStore(':memory:');
  store.importJsonLines(text);
  const service = new CatalogueService({ store, sync, clock, syncIntervalMs: 60_000, retryMs: 5_000 });
  service.start();
  return { store, service, clock };
};

describe('catalogue service', () => {
  it('offers only guides in force now, and a life event only when every member is offered', () => {
    const clock = new ManualClock();
    clock.advance(Date.parse('2026-11-23T00:00:00Z'));
    const { service } = serviceWith(
      lines(
        guide('A000001', '结婚登记'),
        guide('A000002', '婚姻状况证明开具', { plan_cancel_date: '2026-01-01' }),
        guide('A000003', '户口迁移', { plan_effective_date: '2027-01-01' }),
        guide('A000004', '离婚登记', { is_service_terminals: '0' }),
        { bundle_code: 'YJS-1', bundle_name: '婚育一件事', area_code: '310115', server_type: '1', task_codes: ['A000001', 'A000004'] },
        { bundle_code: 'YJS-2', bundle_name: '迁户一件事', area_code: '310115', server_type: '1', task_codes: ['A000001', 'A000003'] },
      ),
      null,
      clock,
    );
    expect(service.status()).toEqual({ loaded: true, version: null, guides: 2 });
    expect(service.guide('A000002')).toBeNull();
    expect(service.guide('A000003')).toBeNull();
    expect(service.guide('A000004')).toMatchObject({ kioskCapable: false });
    const browse = service.browse('natural');
    expect(browse.themes).toEqual([{ name: '婚姻登记', count: 2 }]);
    expect(browse.departments).toEqual([{ name: '浦东新区民政局', count: 2 }]);
    expect(browse.bundles.map((bundle) => bundle.bundleCode)).toEqual(['YJS-1']);
    expect(service.bundle('YJS-2')).toBeNull();
    expect(service.list('natural', 'theme', '婚姻登记').map((g) => g.taskCode).sort()).toEqual(['A000001', 'A000004']);
    expect(service.list('legal', 'theme', '婚姻登记')).toEqual([]);
    expect(service.search('hunyin', 'natural', 10).results.map((g) => g.taskCode)).not.toContain('A000002');
    // Walk finding: "找到 20 项" was shown when results were capped at 20. The service says whether more match.
    expect(service.search('hunyin', 'natural', 10).more).toBe(false);
    expect(service.search('登记', undefined, 1)).toMatchObject({ results: [expect.anything()], more: true });
    expect(service.search('登记', undefined, 2)).toMatchObject({ results: [expect.anything(), expect.anything()], more: false });
  });

  it('syncs at start and every interval, sooner after a failure, and re-indexes after a change', async () => {
    let outcome: Awaited<ReturnType<CatalogueSync['syncOnce']>> | Error = new Error('platform down');
    const { store, service, clock } = serviceWith(lines(guide('A000001', '结婚登记')), {
      syncOnce: vi.fn(async () => {
        if (outcome instanceof Error) throw outcome;
        return outcome;
      }),
    } as unknown as CatalogueSync);
    clock.advance(0);
    await flush();
    expect(service.search('结婚', undefined, 5).results).toHaveLength(1);
    // After the failure, the retry comes after 5 s, not 60 s.
    store.importJsonLines(lines(guide('A000001', '结婚登记'), guide('A000009', '结婚登记（补办）')));
    outcome = { kind: 'delta', from: 1, version: 2, applied: { guides: 1, bundles: 0, removed: 0, outOfScope: 0 }, rejected: [], warnings: {} };
    clock.advance(4_999);
    await flush();
    expect(service.search('结婚', undefined, 5).results).toHaveLength(1);
    clock.advance(1);
    await flush();
    expect(service.search('结婚', undefined, 5).results).toHaveLength(2);
    service.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('after failures waits longer each time, and tries at once when the platform is back', async () => {
    const syncOnce = vi.fn(async () => {
      throw new Error('platform down');
    });
    const { service, clock } = serviceWith(lines(guide('A000001', '结婚登记')), { syncOnce } as unknown as CatalogueSync);
    const attemptsAt = async (ms: number) => {
      clock.advance(ms);
      await flush();
      return syncOnce.mock.calls.length;
    };
    expect(await attemptsAt(0)).toBe(1);
    expect(await attemptsAt(4_999)).toBe(1);
    expect(await attemptsAt(1)).toBe(2);
    expect(await attemptsAt(9_999)).toBe(2);
    expect(await attemptsAt(1)).toBe(3);
    service.platformBack();
    expect(await attemptsAt(0)).toBe(4);
    service.stop();
  });
});

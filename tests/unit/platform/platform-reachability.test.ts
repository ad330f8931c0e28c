import { describe, expect, it, vi } from 'vitest';
import type { PlatformStatus } from '../../../main/api/index.ts';
import { PlatformUnreachable, type PlatformAdapter } from '../../../main/platform/platform-adapter.ts';
import { PlatformReachability } from '../../../main/platform/platform-reachability.ts';
import { ManualClock } from '../../support/manual-clock.ts';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('platform reachability', () => {
  it('reports the first result, then only changes, checking at the interval', async () => {
    const clock = new ManualClock();
    let up = false;
    const adapter: Pick<PlatformAdapter, 'checkHealth'> = {
      checkHealth: vi.fn(async () => {
        if (!up) throw new PlatformUnreachable('down');
        return { serverTime: 'now' };
      }),
    };
    const changes: PlatformStatus[] = [];
    const failed = vi.fn();
    const reachability = new PlatformReachability({ adapter, clock, intervalMs: 10_000, onCheckFailed: failed });
    reachability.onChange((s) => changes.push(s));
    expect(reachability.status).toEqual({ reachable: false, checkedAt: null });
    reachability.start();
    await flush();
    expect(changes).toEqual([{ reachable: false, checkedAt: new Date(0).toISOString() }]);
    clock.advance(10_000);
    await flush();
    expect(changes).toHaveLength(1);
    expect(failed).toHaveBeenCalledTimes(2);
    up = true;
    clock.advance(10_000);
    await flush();
    expect(changes.at(-1)).toEqual({ reachable: true, checkedAt: new Date(20_000).toISOString() });
    reachability.stop();
    expect(clock.pendingTimers).toBe(0);
    expect(adapter.checkHealth).toHaveBeenCalledTimes(3);
  });
});

import { describe, expect, it } from 'vitest';
import { PageLiveness, type PageLoss } from '../../../main/browser-shell/page-liveness.ts';
import { PAGE_HEARTBEAT_MS } from '../../../main/browser-shell/ws-frames.ts';
import { ManualClock } from '../../support/manual-clock.ts';

const watch = () => {
  const clock = new ManualClock();
  const lost: PageLoss[] = [];
  const liveness = new PageLiveness({ clock, onLost: (why) => lost.push(why) });
  return { clock, lost, liveness };
};

describe('the kiosk page watchdog', () => {
  it('says nothing while the page beats', () => {
    const { clock, lost, liveness } = watch();
    const page = liveness.connected();
    for (let i = 0; i < 20; i++) {
      clock.advance(PAGE_HEARTBEAT_MS);
      page.heartbeat();
    }
    expect(lost).toEqual([]);
  });

  it('takes a page whose script stopped beating for hung, once', () => {
    const { clock, lost, liveness } = watch();
    liveness.connected().heartbeat();
    clock.advance(5 * PAGE_HEARTBEAT_MS - 1);
    expect(lost).toEqual([]);
    clock.advance(1);
    expect(lost).toEqual(['hung']);
    clock.advance(60_000);
    expect(lost).toEqual(['hung']);
  });

  it('takes a page whose connection closed and did not come back within a second for gone', () => {
    const { clock, lost, liveness } = watch();
    liveness.connected().disconnected();
    clock.advance(999);
    expect(lost).toEqual([]);
    clock.advance(1);
    expect(lost).toEqual(['gone']);
  });

  it('lets a page reload (its connection closes and a new one comes at once)', () => {
    const { clock, lost, liveness } = watch();
    liveness.connected().disconnected();
    clock.advance(300);
    const reloaded = liveness.connected();
    clock.advance(3000);
    reloaded.heartbeat();
    clock.advance(3000);
    expect(lost).toEqual([]);
  });

  it('forgets the old page when a new browser starts, and waits for the new one for a minute and a half', () => {
    const { clock, lost, liveness } = watch();
    const old = liveness.connected();
    liveness.expectNewPage();
    old.disconnected(); // the old browser's page goes as it is killed
    old.heartbeat();
    clock.advance(89_000);
    expect(lost).toEqual([]);
    liveness.connected();
    clock.advance(5 * PAGE_HEARTBEAT_MS);
    expect(lost).toEqual(['hung']);
  });

  it('takes a new browser whose page never connects (its launch refused) for stuck', () => {
    const { clock, lost, liveness } = watch();
    liveness.expectNewPage();
    clock.advance(90_000);
    expect(lost).toEqual(['never-connected']);
  });

  it('says nothing once the shell is stopping', () => {
    const { clock, lost, liveness } = watch();
    const page = liveness.connected();
    liveness.stop();
    page.disconnected();
    clock.advance(60_000);
    expect(lost).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { staffOnSiteAt } from '../../../main/session/staff-presence.ts';

/** 2026-12-03 at the given UTC time. */
const utc = (hhmm: string) => new Date(`2026-12-03T${hhmm}:00Z`);

describe('staff on site', () => {
  it('always and never do not depend on the time', () => {
    expect(staffOnSiteAt('always', utc('03:00'), 'Asia/Shanghai')).toBe(true);
    expect(staffOnSiteAt('never', utc('03:00'), 'Asia/Shanghai')).toBe(false);
  });

  it('reads a day window in the hall time zone, not the machine one', () => {
    const day = { from: '08:30', to: '17:30' };
    // 00:30 UTC is 08:30 in Beijing: the first minute of the window; 09:30 UTC is 17:30, the first minute after it.
    expect(staffOnSiteAt(day, utc('00:29'), 'Asia/Shanghai')).toBe(false);
    expect(staffOnSiteAt(day, utc('00:30'), 'Asia/Shanghai')).toBe(true);
    expect(staffOnSiteAt(day, utc('09:29'), 'Asia/Shanghai')).toBe(true);
    expect(staffOnSiteAt(day, utc('09:30'), 'Asia/Shanghai')).toBe(false);
    // The same instants read in UTC give the other answers.
    expect(staffOnSiteAt(day, utc('09:29'), 'UTC')).toBe(true);
    expect(staffOnSiteAt(day, utc('00:30'), 'UTC')).toBe(false);
  });

  it('a window whose end is before its start runs past midnight', () => {
    const night = { from: '21:00', to: '07:00' };
    expect(staffOnSiteAt(night, utc('20:59'), 'UTC')).toBe(false);
    expect(staffOnSiteAt(night, utc('21:00'), 'UTC')).toBe(true);
    expect(staffOnSiteAt(night, utc('23:59'), 'UTC')).toBe(true);
    expect(staffOnSiteAt(night, utc('00:00'), 'UTC')).toBe(true);
    expect(staffOnSiteAt(night, utc('06:59'), 'UTC')).toBe(true);
    expect(staffOnSiteAt(night, utc('07:00'), 'UTC')).toBe(false);
    expect(staffOnSiteAt(night, utc('12:00'), 'UTC')).toBe(false);
  });

  it('a window from a time to the same time is all day', () => {
    for (const at of ['00:00', '11:11', '23:59']) expect(staffOnSiteAt({ from: '09:00', to: '09:00' }, utc(at), 'UTC')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { checkTerminalConfig } from '../../../main/config/terminal-config-file.ts';

/** The lockers section: its defaults, the staff file beside the config, cabinets people can tell apart. */
const minimal = {
  terminalId: 'T-0001',
  hallName: { 'zh-CN': '测试大厅' },
  dataDir: 'data',
  platform: { baseUrl: 'https://gw.example.gov.cn/kiosk/' },
};
const bus = (id: string, label?: string) => ({ id, kind: 'locker-bus', ...(label === undefined ? {} : { label }), connection: { type: 'serial', path: `dev/${id}` }, protocol: 'kerong-cu16', boards: [{ address: 0 }] });

describe('lockers config', () => {
  it('fills in retention and lockouts, and finds the staff file beside the config', () => {
    const reading = checkTerminalConfig({ ...minimal, devices: [bus('lockers-a', 'A柜')], lockers: { staffAccounts: 'staff.json' } }, '/etc/kiosk');
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.config.lockers).toEqual({
      staffAccounts: '/etc/kiosk/staff.json',
      retentionDays: 7,
      staffIdleMinutes: 5,
      pickupLockout: { perRecipient: 5, perTerminal: 5, minutes: 15 },
      staffLockout: { perAccount: 5, perTerminal: 20, minutes: 15 },
    });
    expect(reading.config.devices[0]).toMatchObject({ label: 'A柜' });
  });

  it('wants a cabinet for the lockers, and cabinets with labels of their own', () => {
    const none = checkTerminalConfig({ ...minimal, lockers: { staffAccounts: 'staff.json' } }, '/etc/kiosk');
    expect(none.ok ? [] : none.problems).toEqual([{ path: '$.lockers', message: 'lockers need at least one locker-bus device' }]);
    // A cabinet without a label goes by its device id.
    const twins = checkTerminalConfig({ ...minimal, devices: [bus('a', 'A柜'), bus('b', 'A柜'), bus('c', 'cabinet-d'), bus('cabinet-d')] }, '/etc/kiosk');
    expect(twins.ok ? [] : twins.problems).toEqual([
      { path: '$.devices[1].label', message: 'another cabinet is labelled "A柜"' },
      { path: '$.devices[3].label', message: 'another cabinet is labelled "cabinet-d"' },
    ]);
    const lax = checkTerminalConfig({ ...minimal, devices: [bus('a')], lockers: { staffAccounts: 'staff.json', retentionDays: 0, pickupLockout: { perTerminal: 1 } } }, '/etc/kiosk');
    expect(lax.ok ? [] : lax.problems.map((problem) => problem.path)).toEqual(['$.lockers.retentionDays', '$.lockers.pickupLockout.perTerminal']);
  });
});

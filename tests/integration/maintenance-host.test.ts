import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditFile } from '../../main/audit/audit-file.ts';
import { auditFileIn } from '../../main/audit/audit-log.ts';
import type { KioskAlert } from '../../main/fleet/alerts.ts';
import { createKioskHost, type KioskHost } from '../../main/host/create-host.ts';
import { hashStaffPassword } from '../../main/lockers/staff-accounts.ts';
import { API_VERSION } from '../../main/api/index.ts';
import { silentLog } from '../support/silent-log.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * Maintenance mode on a terminal without lockers, only a staff accounts file (`staff.accounts`): staff sign in; every
 * maintenance method refuses without a signed-in member and within a citizen session; out of service is kept across
 * a restart, refuses citizen sessions, and raises and clears its alert; each action is in the audit log.
 */
let terminal: TestTerminal | null = null;
let host: KioskHost | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
  await terminal?.remove();
  terminal = null;
});

const running = (): KioskHost => {
  if (host === null) throw new Error('no host running');
  return host;
};
const call = (method: string, params: object = {}) => running().dispatch({ method, params });
const ok = async <T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> => {
  const response = await call(method, params);
  if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
  return response.result as T;
};
const errorOf = async (method: string, params: object = {}) => {
  const response = await call(method, params);
  return response.ok ? null : response.error.code;
};

const startTerminal = async () => {
  terminal = await testTerminal();
  const staffFile = path.join(terminal.dir, 'staff.json');
  const passwordHash = await hashStaffPassword('desk-pass-1', { log2N: 10, r: 8, p: 1 });
  await writeFile(staffFile, JSON.stringify({ accounts: [{ staffId: 'S001', passwordHash, disabled: false }] }), { mode: 0o600 });
  return { ...terminal.config, staff: { accounts: staffFile, idleMinutes: 5, lockout: { perAccount: 5, perTerminal: 20, minutes: 15 } } };
};
const startHost = async (config: Awaited<ReturnType<typeof startTerminal>>) => {
  host = createKioskHost(config, { log: silentLog() });
  await host.start();
  await ok('kiosk.hello', { apiVersion: API_VERSION });
};

describe('maintenance mode without lockers', () => {
  it('is offered, needs a signed-in staff member, never within a citizen session, and records each action', async () => {
    const config = await startTerminal();
    await startHost(config);
    const hello = await ok<{ capabilities: { maintenance: boolean; lockers: boolean }; outOfService: boolean }>('kiosk.hello', { apiVersion: API_VERSION });
    expect(hello.capabilities).toMatchObject({ maintenance: true, lockers: false });
    expect(hello.outOfService).toBe(false);

    for (const method of ['maintenance.overview', 'maintenance.retryOutbox', 'maintenance.restartKiosk']) expect(await errorOf(method)).toBe('invalid-state');
    expect(await errorOf('maintenance.setOutOfService', { outOfService: true })).toBe('invalid-state');

    expect(await ok('staff.signIn', { staffId: 's001', password: 'desk-pass-1' })).toMatchObject({ status: 'signed-in', staffId: 'S001' });
    const overview = await ok<{ devices: unknown[]; outbox: { queued: number; oldestWaiting: string | null }; catalogue: unknown; outOfService: boolean }>('maintenance.overview');
    expect(overview).toEqual({ devices: [], outbox: { queued: 0, sending: 0, needsAttention: 0, rejected: 0, accepted: 0, oldestWaiting: null }, catalogue: null, outOfService: false });
    expect(await errorOf('maintenance.testPrint')).toBe('unavailable');
    expect(await errorOf('maintenance.reloadCatalogue')).toBe('unavailable');
    expect(await ok('maintenance.retryOutbox')).toMatchObject({ queued: 0 });

    const alerts: KioskAlert[] = [];
    running().alerts.subscribe((alert) => alerts.push(alert));
    const events: unknown[] = [];
    running().subscribe((event) => events.push(event));
    expect(await ok('maintenance.setOutOfService', { outOfService: true })).toEqual({ outOfService: true });
    expect(alerts).toMatchObject([{ kind: 'terminal-out-of-service' }]);
    expect(alerts[0]?.cleared).toBeUndefined();
    expect(events).toContainEqual({ event: 'terminal.outOfService', payload: { outOfService: true } });
    await ok('staff.signOut');
    // No citizen session while out of service.
    expect(await errorOf('session.start')).toBe('unavailable');

    // Kept across a restart: the alert is raised again.
    await running().stop();
    host = createKioskHost(config, { log: silentLog() });
    const again: KioskAlert[] = [];
    host.alerts.subscribe((alert) => again.push(alert));
    await host.start();
    expect(again).toMatchObject([{ kind: 'terminal-out-of-service' }]);
    expect(await ok('kiosk.hello', { apiVersion: API_VERSION })).toMatchObject({ outOfService: true });
    await ok('staff.signIn', { staffId: 'S001', password: 'desk-pass-1' });
    expect(await ok('maintenance.setOutOfService', { outOfService: false })).toEqual({ outOfService: false });
    expect(again[1]).toMatchObject({ kind: 'terminal-out-of-service', cleared: true });
    expect(await ok('session.start')).toMatchObject({ phase: 'active' });
    // Within a citizen session staff work is refused, and the staff session is over.
    expect(await errorOf('maintenance.overview')).toBe('invalid-state');
    await ok('session.end');

    await ok('staff.signIn', { staffId: 'S001', password: 'desk-pass-1' });
    let restarted = 0;
    host.onRestartRequested(() => restarted++);
    expect(await ok('maintenance.restartKiosk')).toEqual({ restarting: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(restarted).toBe(1);
    expect(await errorOf('maintenance.overview')).toBe('invalid-state');

    const records = AuditFile.read(auditFileIn(config.dataDir), (audit) => audit.latest(null));
    const staffRecords = records.filter((record) => record.actor === 'staff:S001').map((record) => record.kind);
    expect(staffRecords).toEqual(
      expect.arrayContaining(['staff-signed-in', 'outbox-retry', 'out-of-service-entered', 'out-of-service-left', 'kiosk-restart', 'staff-signed-out']),
    );
    expect(staffRecords.indexOf('out-of-service-entered')).toBeLessThan(staffRecords.indexOf('out-of-service-left'));
  });
});

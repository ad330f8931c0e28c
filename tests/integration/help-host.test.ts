import { afterEach, describe, expect, it } from 'vitest';
import type { KioskAlert } from '../../main/fleet/alerts.ts';
import { createKioskHost, type KioskHost } from '../../main/host/create-host.ts';
import { API_VERSION } from '../../main/api/index.ts';
import type { TerminalConfigInput } from '../../main/config/terminal-config.ts';
import { silentLog } from '../support/silent-log.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/** 呼叫工作人员 through the host's API: the alert the operator gets, what the citizen is told, and bad input refused. */
let terminal: TestTerminal | null = null;
let host: KioskHost | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
  await terminal?.remove();
  terminal = null;
});

const startHost = async (overrides: Partial<TerminalConfigInput>) => {
  terminal = await testTerminal(overrides);
  const started = createKioskHost(terminal.config, { log: silentLog() });
  host = started;
  await started.start();
  await started.dispatch({ method: 'kiosk.hello', params: { apiVersion: API_VERSION } });
  const alerts: KioskAlert[] = [];
  started.alerts.subscribe((alert) => alerts.push(alert));
  const call = async (screen: unknown) => {
    const response = await started.dispatch({ method: 'help.call', params: { screen } });
    if (!response.ok) throw new Error(`help.call: ${response.error.code} ${response.error.message}`);
    return response.result;
  };
  return { host: started, alerts, call };
};

describe('call staff', () => {
  it('alerts the operator once and tells the citizen staff are coming, again on a second press without a second alert', async () => {
    const { alerts, call } = await startHost({ help: { staffOnSite: 'always' } });
    expect(await call('apply-form')).toEqual({ staffComing: true, hotline: '12345', alerted: true });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'help-requested', detail: { screen: 'apply-form', staffOnSite: true } });
    expect(alerts[0]?.message).toContain('apply-form');
    expect(alerts[0]?.message).toContain('before starting');

    expect(await call('home')).toEqual({ staffComing: true, hotline: '12345', alerted: false });
    expect(alerts).toHaveLength(1);
  });

  it('gives the hall hotline where no staff are on site, and says so to the operator', async () => {
    const { alerts, call } = await startHost({ help: { staffOnSite: 'never', hotline: '021-12345' } });
    expect(await call('identify')).toEqual({ staffComing: false, hotline: '021-12345', alerted: true });
    expect(alerts[0]?.message).toContain('no staff on site: told to call 021-12345');
  });

  it('refuses a screen name that is not one, and raises nothing', async () => {
    const { host: running, alerts } = await startHost({});
    for (const screen of ['', 'Home', '../etc', 'x'.repeat(41), 42]) {
      const response = await running.dispatch({ method: 'help.call', params: { screen } });
      expect(response.ok).toBe(false);
      if (!response.ok) expect(response.error.code).toBe('invalid-request');
    }
    expect(alerts).toEqual([]);
  });
});

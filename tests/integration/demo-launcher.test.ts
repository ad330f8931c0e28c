import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestDeviceHealth } from '../support/device-health-log.ts';
import { startNodeProcess, type RunningProcess } from '../support/processes.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/** `npm start`'s launcher (demo/start.ts): the same browser shell, with the config's serial devices simulated. */
describe('the demo launcher', () => {
  let terminal: TestTerminal | null = null;
  let running: RunningProcess | null = null;
  afterEach(async () => {
    await running?.stop();
    await terminal?.remove();
    running = null;
    terminal = null;
  });

  it('simulates the serial devices on pseudo-terminals, serves the kiosk headless and stops on SIGTERM', async () => {
    terminal = await testTerminal({
      devices: [
        { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: 'dev/idcard-reader', baudRate: 115200 } },
        { id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: 'dev/receipt-printer', baudRate: 115200 } },
      ],
    });
    const started = await startNodeProcess(
      'demo/start.ts',
      ['--headless', '--no-platform', '--simulate', '--config', terminal.configFile],
      /kiosk url: (\S+)\n/,
      15_000,
      { KIOSK_LOG_LEVEL: 'info' },
    );
    running = started.process;
    expect(running.output()).toContain('simulated receipt printer: printed slips are saved in');
    expect(existsSync(path.join(terminal.dir, 'dev', 'idcard-reader'))).toBe(true);
    // The simulated devices answer: the host reports them ready.
    await expect
      .poll(() => Object.fromEntries([...latestDeviceHealth(running?.errors() ?? '')].map(([device, health]) => [device, health.state])), { timeout: 10_000 })
      .toEqual({ idcard: 'ready', printer: 'ready' });

    process.kill(running.pid, 'SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    // The simulators' pseudo-terminals go with it.
    expect(existsSync(path.join(terminal.dir, 'dev', 'idcard-reader'))).toBe(false);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkTerminalConfig } from '../../main/config/terminal-config-file.ts';
import type { TerminalConfig, TerminalConfigInput } from '../../main/config/terminal-config.ts';

/** A terminal config for a test, with its own data directory, written to disk as a technician would. */
export interface TestTerminal {
  dir: string;
  configFile: string;
  config: TerminalConfig;
  remove(): Promise<void>;
}

/** The terminal id of a test terminal unless its overrides give another. */
export const TEST_TERMINAL_ID = 'TEST-0001';

export const testTerminal = async (overrides: Partial<TerminalConfigInput> = {}): Promise<TestTerminal> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-test-terminal-'));
  const input: TerminalConfigInput = {
    terminalId: TEST_TERMINAL_ID,
    hallName: { 'zh-CN': '测试政务服务大厅', en: 'Test Service Hall' },
    dataDir: 'data',
    // Port 9 (discard) on loopback: nothing listens, so the platform is unreachable unless a test says otherwise.
    platform: { baseUrl: 'http://127.0.0.1:9/', timeoutMs: 500, healthIntervalSeconds: 1 },
    ...overrides,
  };
  const configFile = path.join(dir, 'terminal.json');
  await writeFile(configFile, JSON.stringify(input, null, 2));
  const reading = checkTerminalConfig(input, dir);
  if (!reading.ok) throw new Error(`test terminal config is invalid: ${JSON.stringify(reading.problems)}`);
  return { dir, configFile, config: reading.config, remove: () => rm(dir, { recursive: true, force: true }) };
};

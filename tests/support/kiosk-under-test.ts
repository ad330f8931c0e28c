import { mintEnrolmentCode } from '../../reference-platform/terminals/enrolment-codes.ts';
import type { TerminalConfigInput } from '../../main/config/terminal-config.ts';
import { startKiosk, startPlatform, type RunningProcess } from './processes.ts';
import { TEST_TERMINAL_ID, testTerminal, type TestTerminal } from './test-terminal.ts';

/** A kiosk process (browser shell, headless) with its own terminal config and, unless told not to, a reference platform. */
export interface KioskUnderTest {
  /** The one-time launch URL for the page. */
  url: string;
  kiosk: RunningProcess;
  terminal: TestTerminal;
  /** The reference platform's address (its own process), when one was started. */
  platformUrl: string | null;
  stop(): Promise<void>;
}

export const startKioskUnderTest = async (
  overrides: Partial<TerminalConfigInput> = {},
  {
    withPlatform = true,
    platformArgs = [],
    kioskEnv,
    kioskNodeArgs = [],
  }: { withPlatform?: boolean; platformArgs?: readonly string[]; kioskEnv?: NodeJS.ProcessEnv; kioskNodeArgs?: readonly string[] } = {},
): Promise<KioskUnderTest> => {
  let platform: RunningProcess | null = null;
  let platformOverride: Partial<TerminalConfigInput> = {};
  let platformUrl: string | null = null;
  if (withPlatform) {
    // The operator issues the terminal its code, as for a real one.
    const enrolmentCode = mintEnrolmentCode();
    const started = await startPlatform(0, [...platformArgs, '--issue-enrolment-code', `${overrides.terminalId ?? TEST_TERMINAL_ID}=${enrolmentCode}`]);
    platform = started.platform;
    platformUrl = started.url;
    platformOverride = { platform: { baseUrl: started.url, timeoutMs: 500, healthIntervalSeconds: 1, enrolmentCode } };
  }
  const terminal = await testTerminal({ ...platformOverride, ...overrides });
  const { kiosk, url } = await startKiosk(terminal.configFile, { ...(kioskEnv === undefined ? {} : { env: kioskEnv }), nodeArgs: kioskNodeArgs });
  return {
    url,
    kiosk,
    terminal,
    platformUrl,
    stop: async () => {
      await kiosk.stop();
      await platform?.stop();
      await terminal.remove();
    },
  };
};

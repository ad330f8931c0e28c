import { existsSync } from 'node:fs';
import { PayloadSeal } from '../../../main/cases/sealed-payload.ts';
import type { TerminalConfig } from '../../../main/config/terminal-config.ts';
import { HttpPlatformAdapter } from '../../../main/platform/http-platform-adapter.ts';
import { PlatformUnreachable, TerminalRefused } from '../../../main/platform/platform-adapter.ts';
import { LARGE_CLOCK_OFFSET_MS, PlatformClock } from '../../../main/platform/platform-clock.ts';
import { privateKeySealedWith, readTerminalIdentity, type PrivateKeyKeeping, type TerminalIdentity } from '../../../main/platform/terminal-identity.ts';
import { dataKeyFileIn } from '../../../main/host/terminal-keys.ts';
import { fileDataKeyStore } from '../../../main/storage/data-key.ts';
import type { SelfTestCheck } from './self-test-result.ts';

/** A case number no terminal is given: asking for it shows whether the platform accepts this terminal's signature. */
const NO_SUCH_CASE = 'SELF-TEST-0';

const withoutDataKey = (keyFile: string): PrivateKeyKeeping => {
  const missing = () => {
    throw new Error(`there is no data key ${keyFile} to open its private key with`);
  };
  return { keep: missing, open: missing };
};

/** The terminal's identity as the kiosk left it (never made here), or why it cannot be read. */
const identityOf = (config: TerminalConfig): TerminalIdentity | null | { problem: string } => {
  const keyFile = dataKeyFileIn(config.dataDir);
  try {
    // Without its data key a sealed identity cannot be opened; the key is never made here.
    const keeping = existsSync(keyFile) ? privateKeySealedWith(new PayloadSeal(fileDataKeyStore(keyFile).load())) : withoutDataKey(keyFile);
    return readTerminalIdentity(config.dataDir, config.terminalId, keeping);
  } catch (error) {
    return { problem: (error as Error).message };
  }
};

const seconds = (ms: number) => `${ms >= 0 ? '+' : '−'}${(Math.abs(ms) / 1000).toFixed(1)} s`;

/**
 * The platform answers its health check; this terminal is enrolled (the kiosk's key pair registered, and the platform
 * accepting a request signed with it); this terminal's clock is within a minute of the platform's.
 */
export const checkPlatform = async (config: TerminalConfig): Promise<SelfTestCheck[]> => {
  const identity = identityOf(config);
  const signer = identity !== null && !('problem' in identity) ? identity : undefined;
  const clock = new PlatformClock({ localNow: () => new Date() });
  const adapter = new HttpPlatformAdapter({ baseUrl: config.platform.baseUrl, timeoutMs: config.platform.timeoutMs, platformClock: clock, ...(signer === undefined ? {} : { signer }) });
  const startedAt = Date.now();
  let reachable: string | null = null;
  const checks: SelfTestCheck[] = [];
  try {
    await adapter.checkHealth();
    checks.push({ check: 'platform', ok: true, detail: `answers at ${config.platform.baseUrl} (${Date.now() - startedAt} ms)` });
  } catch (error) {
    reachable = error instanceof Error ? error.message : String(error);
    checks.push({ check: 'platform', ok: false, detail: `${reachable} (${config.platform.baseUrl})` });
  }
  checks.push(await enrolmentCheck(config, identity, reachable, adapter));
  checks.push(
    reachable !== null
      ? { check: 'clock', ok: false, detail: 'not measured: the platform did not answer' }
      : {
          check: 'clock',
          ok: Math.abs(clock.offsetMs) <= LARGE_CLOCK_OFFSET_MS,
          detail: `the platform's clock is ${seconds(clock.offsetMs)} from this terminal's${Math.abs(clock.offsetMs) <= LARGE_CLOCK_OFFSET_MS ? '' : ` (over ${LARGE_CLOCK_OFFSET_MS / 1000} s: fix the terminal's time source, e.g. timedatectl)`}`,
        },
  );
  return checks;
};

const enrolmentCheck = async (config: TerminalConfig, identity: ReturnType<typeof identityOf>, unreachable: string | null, adapter: HttpPlatformAdapter): Promise<SelfTestCheck> => {
  const check = 'enrolment';
  if (identity === null) return { check, ok: false, detail: `not enrolled: no terminal identity in ${config.dataDir} yet (the kiosk makes its key pair at its first start and enrols with platform.enrolmentCode)` };
  if ('problem' in identity) return { check, ok: false, detail: identity.problem };
  if (identity.registeredAt === null) {
    return { check, ok: false, detail: `not enrolled: the platform has not registered this terminal's key yet${config.platform.enrolmentCode === undefined ? ' and the config has no platform.enrolmentCode: ask the operator for one' : ' (the kiosk enrols it with platform.enrolmentCode when it runs and reaches the platform)'}` };
  }
  if (unreachable !== null) return { check, ok: false, detail: `registered ${identity.registeredAt}; not confirmed: the platform did not answer` };
  try {
    await adapter.caseByNumber(NO_SUCH_CASE);
    return { check, ok: true, detail: `terminal ${config.terminalId} registered ${identity.registeredAt}; the platform accepts its signed requests` };
  } catch (error) {
    if (error instanceof TerminalRefused || error instanceof PlatformUnreachable) return { check, ok: false, detail: error.message };
    throw error;
  }
};

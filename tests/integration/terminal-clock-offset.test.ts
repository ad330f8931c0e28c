import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostContext, type HostContext } from '../../main/host/host-context.ts';
import type { TerminalRefused } from '../../main/platform/platform-adapter.ts';
import { loadTerminalIdentity } from '../../main/platform/terminal-identity.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * Review finding 4, terminal side: a terminal whose clock is wrong measures the platform's clock at every health
 * check (`time` in /v1/health) and signs with its own time corrected by the offset, so its requests are still
 * accepted; the log says when the offset is large, once per change.
 */
const ID_NUMBER = '110101199001011237';
let platform: ReferencePlatform | null = null;
let terminal: TestTerminal | null = null;
let context: HostContext | null = null;
afterEach(async () => {
  context?.outbox.close();
  await platform?.close();
  await terminal?.remove();
  context = null;
  platform = null;
  terminal = null;
});

const hostWithClockOff = async (offMs: number) => {
  platform = await startReferencePlatform({ port: 0, guides: 20 });
  terminal = await testTerminal({ platform: { baseUrl: platform.url, timeoutMs: 2000, healthIntervalSeconds: 30 } });
  // Registered as provisioning would have done it; the host then loads the same identity.
  const identity = loadTerminalIdentity(terminal.config.dataDir, terminal.config.terminalId);
  platform.terminals.register(identity.terminalId, identity.publicKey, new Date());
  const clock = new ManualClock();
  clock.advance(Date.now() + offMs);
  const lines: Array<{ level: number; msg: string; offsetSeconds?: number }> = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
  context = createHostContext(terminal.config, { log, clock });
  return { context, clock, lines };
};

describe("a terminal whose clock is 10 minutes ahead of the platform's", () => {
  it('is refused before it knows, and accepted after a health check; the log says the clock is off, once', async () => {
    const { context, clock, lines } = await hostWithClockOff(10 * 60_000);
    await expect(context.platform.casesOfApplicant(ID_NUMBER)).rejects.toMatchObject({ code: 'stale-timestamp' } satisfies Partial<TerminalRefused>);
    expect((await context.reachability.checkNow()).reachable).toBe(true);
    expect(await context.platform.casesOfApplicant(ID_NUMBER)).toHaveLength(3);
    const warnings = lines.filter((line) => line.msg.includes('clock'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40 });
    expect(warnings[0]?.offsetSeconds).toBeGreaterThan(-610);
    expect(warnings[0]?.offsetSeconds).toBeLessThan(-590);
    // The next probes find the same offset: nothing more is logged.
    clock.advance(30_000);
    await context.reachability.checkNow();
    expect(lines.filter((line) => line.msg.includes('clock'))).toHaveLength(1);
    expect(await context.platform.casesOfApplicant(ID_NUMBER)).toHaveLength(3);
  });

  it('a clock a few seconds off is corrected without a word in the log', async () => {
    const { context, lines } = await hostWithClockOff(20_000);
    await context.reachability.checkNow();
    expect(await context.platform.casesOfApplicant(ID_NUMBER)).toHaveLength(3);
    expect(lines.filter((line) => line.msg.includes('clock'))).toEqual([]);
  });
});

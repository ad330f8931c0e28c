import { readFile } from 'node:fs/promises';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostContext, type HostContext } from '../../main/host/host-context.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { TEST_TERMINAL_ID, testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * Review finding 5, terminal side: the host enrols with the code in terminal.json against the real reference
 * platform, then cuts the spent code out of the file on disk (the rest of it byte for byte); a code the platform
 * refuses is logged with the platform's reason and not tried again and again.
 */
let platform: ReferencePlatform | null = null;
let terminal: TestTerminal | null = null;
let context: HostContext | null = null;
afterEach(async () => {
  context?.enrolment.stop();
  context?.outbox.close();
  await platform?.close();
  await terminal?.remove();
  context = null;
  platform = null;
  terminal = null;
});

type LogLine = { level: number; msg: string; reason?: string; configFile?: string };

/** A terminal whose terminal.json holds `code`, against a real reference platform; its host on a manual clock. */
const terminalWithCode = async (code: (platform: ReferencePlatform) => string) => {
  platform = await startReferencePlatform({ port: 0, guides: 20 });
  terminal = await testTerminal({ platform: { baseUrl: platform.url, timeoutMs: 2000, healthIntervalSeconds: 10, enrolmentCode: code(platform) } });
  const clock = new ManualClock();
  clock.advance(Date.now());
  const lines: LogLine[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  /** The host; told where its config file is unless `knowsItsFile` is false (as before this change). */
  const host = (knowsItsFile = true) => {
    context?.enrolment.stop();
    context?.outbox.close();
    const { config, configFile } = terminal as TestTerminal;
    context = createHostContext(config, { log, clock, ...(knowsItsFile ? { configFile } : {}) });
    return context;
  };
  return { platform, terminal, clock, lines, host };
};
const issued = (platform: ReferencePlatform) => platform.enrolmentCodes.issue(TEST_TERMINAL_ID, new Date(Date.now() + 3_600_000)).code;

describe('the enrolment code in terminal.json', () => {
  it('is gone from the file on disk once the terminal enrolled, and nothing else of the file changed', async () => {
    const { terminal, host } = await terminalWithCode(issued);
    const code = terminal.config.platform.enrolmentCode ?? '';
    const written = await readFile(terminal.configFile, 'utf8');
    expect(written).toContain(code);
    const context = host();
    await context.reachability.checkNow();
    await context.enrolment.enrol();
    expect(context.enrolment.registered).toBe(true);
    const after = await readFile(terminal.configFile, 'utf8');
    expect(after).not.toContain(code);
    expect(after).toBe(written.replace(`,\n    "enrolmentCode": ${JSON.stringify(code)}`, ''));
  });

  it('is cut out at start when the terminal had enrolled before (a code an earlier version left behind)', async () => {
    const { terminal, host, lines } = await terminalWithCode(issued);
    const code = terminal.config.platform.enrolmentCode ?? '';
    const earlier = host(false);
    await earlier.reachability.checkNow();
    await earlier.enrolment.enrol();
    expect(earlier.enrolment.registered).toBe(true);
    expect(await readFile(terminal.configFile, 'utf8')).toContain(code);
    host();
    expect(await readFile(terminal.configFile, 'utf8')).not.toContain(code);
    expect(lines.map((line) => line.msg)).toContain('the spent enrolment code was removed from the terminal config');
  });

  it('refused by the platform is logged with its reason, once, and not tried again at every chance', async () => {
    const { platform, terminal, clock, lines, host } = await terminalWithCode(() => 'NEVER-ISSUED-1');
    let tries = 0;
    const stateOf = platform.enrolmentCodes.stateOf.bind(platform.enrolmentCodes);
    platform.enrolmentCodes.stateOf = (...args) => {
      tries += 1;
      return stateOf(...args);
    };
    const context = host();
    await context.reachability.checkNow();
    await context.enrolment.enrol();
    for (let probe = 0; probe < 6; probe += 1) {
      clock.advance(10_000);
      await context.reachability.checkNow();
      await context.enrolment.enrol();
    }
    expect(tries).toBe(1);
    const refusals = lines.filter((line) => line.msg.includes('refused'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ level: 50 });
    expect(refusals[0]?.reason).toContain('no such code was issued');
    // Nothing is lost: the file keeps the code for the technician to see and replace.
    expect(await readFile(terminal.configFile, 'utf8')).toContain('NEVER-ISSUED-1');
  });
});

import { sm2 } from 'sm-crypto-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import { EnrolmentRefused } from '../../main/platform/platform-adapter.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';

/**
 * Review finding 5, platform side: an enrolment code is issued for one terminal id, until a time, and registers one
 * key once. Enrolling with it from another terminal id, after it expired, or a second time is refused (403, with the
 * reason); the same registration asked again (an answer lost on the way) is answered as before.
 */
const ISSUED_AT = Date.parse('2026-11-23T08:00:00Z');
let platformNow = ISSUED_AT;
let platform: ReferencePlatform;
beforeAll(async () => {
  platform = await startReferencePlatform({ port: 0, guides: 20, now: () => new Date(platformNow) });
});
afterAll(() => platform.close());

const terminal = (terminalId: string) => {
  const signer = { terminalId, ...sm2.generateKeyPairHex() };
  // Signs with the platform's time: the test moves the platform's clock.
  const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer, now: () => new Date(platformNow) });
  return { signer, adapter };
};
const refusalOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('enrolment codes', () => {
  it('register the terminal they were issued for, once; the same registration again is answered as before', async () => {
    platformNow = ISSUED_AT;
    const { code } = platform.enrolmentCodes.issue('TEST-310115-0101', new Date(ISSUED_AT + 3_600_000));
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    const first = terminal('TEST-310115-0101');
    await first.adapter.enrolTerminal(code);
    expect(platform.terminals.publicKeyOf('TEST-310115-0101')).toBe(first.signer.publicKey);
    await first.adapter.enrolTerminal(code);
    // The same id with another key (its data wiped, or someone who read the code in terminal.json): refused.
    const second = terminal('TEST-310115-0101');
    const refused = await refusalOf(second.adapter.enrolTerminal(code));
    expect(refused).toBeInstanceOf(EnrolmentRefused);
    expect(refused).toMatchObject({ code: 'enrolment-code-used' });
    expect((refused as Error).message).toContain('was used');
    expect(platform.terminals.publicKeyOf('TEST-310115-0101')).toBe(first.signer.publicKey);
  });

  it('are refused from another terminal id, and leave the code for its own terminal', async () => {
    platformNow = ISSUED_AT;
    const { code } = platform.enrolmentCodes.issue('TEST-310115-0102', new Date(ISSUED_AT + 3_600_000));
    const other = terminal('TEST-310115-0999');
    expect(await refusalOf(other.adapter.enrolTerminal(code))).toMatchObject({ code: 'enrolment-code-other-terminal' });
    expect(platform.terminals.publicKeyOf('TEST-310115-0999')).toBeNull();
    await terminal('TEST-310115-0102').adapter.enrolTerminal(code);
  });

  it('are refused once expired', async () => {
    platformNow = ISSUED_AT;
    const { code } = platform.enrolmentCodes.issue('TEST-310115-0103', new Date(ISSUED_AT + 3_600_000));
    platformNow = ISSUED_AT + 3_600_001;
    const refused = await refusalOf(terminal('TEST-310115-0103').adapter.enrolTerminal(code));
    expect(refused).toMatchObject({ code: 'enrolment-code-expired' });
    expect((refused as Error).message).toContain('2026-11-23T09:00:00.000Z');
    expect(platform.terminals.publicKeyOf('TEST-310115-0103')).toBeNull();
  });

  it('are refused when nobody issued them, and when the request is not signed by the key it registers', async () => {
    platformNow = ISSUED_AT;
    expect(await refusalOf(terminal('TEST-310115-0104').adapter.enrolTerminal('NOT-ISSUED'))).toMatchObject({ code: 'bad-enrolment-code' });
    const { code } = platform.enrolmentCodes.issue('TEST-310115-0105', new Date(ISSUED_AT + 3_600_000));
    const body = JSON.stringify({ terminalId: 'TEST-310115-0105', publicKey: sm2.generateKeyPairHex().publicKey, enrolmentCode: code });
    const unsigned = await fetch(new URL('v1/terminals', platform.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    // A forged attempt spends nothing: the terminal still enrols with it.
    await terminal('TEST-310115-0105').adapter.enrolTerminal(code);
  });
});

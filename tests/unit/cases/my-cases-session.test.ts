import { describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../../drivers/simulators/sample-cards.ts';
import type { CaseSummary } from '../../../main/api/index.ts';
import { MyCases, NotIdentified } from '../../../main/cases/my-cases.ts';
import type { PlatformAdapter } from '../../../main/platform/platform-adapter.ts';
import { caseSummary, testCitizenSession } from '../../support/test-session.ts';

/**
 * Review finding 3: a platform answer for citizen A (their cases) that arrived after A's session was wiped was kept,
 * and could be printed in B's session. An answer belongs to the identification that asked for it.
 */
const CASE = caseSummary('SH310115202611230001');

const rig = () => {
  const session = testCitizenSession();
  let answer: (cases: CaseSummary[]) => void = () => undefined;
  const platform = { casesOfApplicant: () => new Promise<CaseSummary[]>((resolve) => (answer = resolve)) } as unknown as PlatformAdapter;
  const printed: Uint8Array[] = [];
  const myCases = new MyCases({
    platform,
    outbox: { recordsOfApplicant: () => [] },
    session,
    printer: { print: async (job: Uint8Array) => void printed.push(job) } as never,
    branding: async () => ({ header: [], footer: [], logo: null }) as never,
    trackingUrl: 'https://zwfw.example.gov.cn/q?case=',
  });
  return { session, myCases, answer: (cases: CaseSummary[]) => answer(cases), printed };
};

describe('my cases and the session that asked', () => {
  it('drops an answer that arrives after the session ended: the next citizen cannot print it', async () => {
    const { session, myCases, answer, printed } = rig();
    session.start();
    session.identify(SAMPLE_CARDS.resident);
    const listing = myCases.list();
    session.end('idle');
    answer([CASE]);
    await expect(listing).rejects.toBeInstanceOf(NotIdentified);
    session.start();
    session.identify(SAMPLE_CARDS.residentLongTerm);
    await expect(myCases.printProgress(CASE.caseNumber)).rejects.toThrow();
    expect(printed).toHaveLength(0);
  });

  it('drops an answer for the citizen who identified before another one did, in the same session', async () => {
    const { session, myCases, answer } = rig();
    session.start();
    session.identify(SAMPLE_CARDS.resident);
    const listing = myCases.list();
    session.identify({ ...SAMPLE_CARDS.resident, idNumber: '110101199001011237', name: '李另一' });
    answer([CASE]);
    await expect(listing).rejects.toBeInstanceOf(NotIdentified);
    await expect(myCases.printProgress(CASE.caseNumber)).rejects.toThrow();
  });
});

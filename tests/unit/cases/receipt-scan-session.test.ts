import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../../main/api/index.ts';
import { ReceiptScan } from '../../../main/cases/receipt-scan.ts';
import type { PlatformAdapter } from '../../../main/platform/platform-adapter.ts';
import type { Scanner } from '../../../drivers/scanner/scanner.ts';
import { caseSummary, testCitizenSession } from '../../support/test-session.ts';

/**
 * Review finding 3: citizen A's receipt lookup that the platform answered after A's session was wiped was taken as
 * the answer to citizen B's own lookup, and B could print A's case. An answer belongs to the lookup that asked.
 */
describe('a receipt scan and the session that scanned', () => {
  it("does not take A's late answer for B's lookup", async () => {
    const session = testCitizenSession();
    const answers = new Map<string, (found: CaseSummary) => void>();
    const platform = { caseByNumber: (caseNumber: string) => new Promise<CaseSummary>((resolve) => answers.set(caseNumber, resolve)) } as unknown as PlatformAdapter;
    const scanner = new EventEmitter() as unknown as Scanner;
    const found: string[] = [];
    const scan = new ReceiptScan({ scanners: [scanner], platform, session, trackingUrl: 'https://q/?case=', onFound: (item) => found.push(item.caseNumber), onChange: () => undefined, wedge: null });
    const code = (text: string) => (scanner as unknown as EventEmitter).emit('code', { text, bytes: new Uint8Array(), source: 'test' });

    session.start();
    scan.start();
    code('SH310115202611230001'); // citizen A's receipt
    session.end('idle');
    session.start();
    scan.start();
    code('SH310115202611230002'); // citizen B's
    answers.get('SH310115202611230001')?.(caseSummary('SH310115202611230001'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(found).toEqual([]);
    expect(scan.state.phase).toBe('looking-up');
    answers.get('SH310115202611230002')?.(caseSummary('SH310115202611230002'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(found).toEqual(['SH310115202611230002']);
    expect(scan.state).toMatchObject({ phase: 'found', case: { caseNumber: 'SH310115202611230002' } });
  });
});

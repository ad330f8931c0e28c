import { describe, expect, it } from 'vitest';
import type { ScanState } from '../../../main/api/index.ts';
import { ReceiptScan } from '../../../main/cases/receipt-scan.ts';
import type { PlatformAdapter } from '../../../main/platform/platform-adapter.ts';
import { CitizenSession, NoActiveSession } from '../../../main/session/citizen-session.ts';
import { KeyboardWedgeScanner } from '../../../drivers/scanner/keyboard-wedge-scanner.ts';
import { ManualClock } from '../../support/manual-clock.ts';

const TRACKING = 'https://zwfw.example.gov.cn/q?case=';

const setUp = (withWedge: boolean) => {
  const session = new CitizenSession({ idleTimeoutMs: 60_000, warningMs: 10_000, defaultLocale: 'zh-CN', locales: ['zh-CN'], clock: new ManualClock(), newSessionId: () => 's', onChange: () => undefined, onWipeError: () => undefined });
  const wedge = withWedge ? new KeyboardWedgeScanner() : null;
  const asked: string[] = [];
  const platform = { caseByNumber: (caseNumber: string) => (asked.push(caseNumber), Promise.resolve(null)) } as unknown as PlatformAdapter;
  const states: ScanState[] = [];
  const scan = new ReceiptScan({ scanners: wedge === null ? [] : [wedge], platform, session, trackingUrl: TRACKING, onFound: () => undefined, onChange: (state) => states.push(state), wedge });
  return { session, scan, asked, states };
};

describe('scan a receipt', () => {
  it('waits only within a citizen session', () => {
    const { session, scan, states } = setUp(true);
    expect(() => scan.start()).toThrow(NoActiveSession);
    expect(states).toEqual([]);
    session.start();
    expect(scan.start()).toEqual({ phase: 'waiting' });
  });

  it('takes a keyboard-wedge code only while a receipt is expected', async () => {
    const { session, scan, asked } = setUp(true);
    session.start();
    expect(() => scan.keyboardCode('SH310115202611230001')).toThrow(expect.objectContaining({ kind: 'invalid-state' }) as Error);
    expect(asked).toEqual([]);
    scan.start();
    expect(scan.keyboardCode(`${TRACKING}SH310115202611230001`).phase).toBe('looking-up');
    await Promise.resolve();
    expect(asked).toEqual(['SH310115202611230001']);
  });

  it('says a terminal without a keyboard wedge cannot take one', () => {
    const { session, scan } = setUp(false);
    session.start();
    scan.start();
    expect(() => scan.keyboardCode('SH310115202611230001')).toThrow(expect.objectContaining({ kind: 'unavailable' }) as Error);
  });
});

import type { CaseSummary } from '../../main/api/index.ts';
import { CitizenSession } from '../../main/session/citizen-session.ts';
import { ManualClock } from './manual-clock.ts';

/** A citizen session for a service under test: one minute idle, a wipe that throws fails the test. */
export const testCitizenSession = (): CitizenSession =>
  new CitizenSession({
    idleTimeoutMs: 60_000,
    warningMs: 10_000,
    defaultLocale: 'zh-CN',
    locales: ['zh-CN'],
    clock: new ManualClock(),
    newSessionId: () => Math.random().toString(36),
    onChange: () => undefined,
    onWipeError: (error) => {
      throw error;
    },
  });

/** A case as the platform lists it. */
export const caseSummary = (caseNumber: string): CaseSummary => ({
  caseNumber,
  taskName: '居住证签注',
  deptName: '公安局',
  stage: 'accepted',
  stageNote: null,
  submittedAt: '2026-11-23T09:00:00.000Z',
  promiseDate: null,
  completedAt: null,
});

import { z } from 'zod';

export const caseStageSchema = z.enum([
  'submitted',
  'pre-review',
  'accepted',
  'supplement-required',
  'in-review',
  'special-procedure',
  'completed',
  'not-accepted',
  'ready-for-pickup',
  'collected',
]);
export type CaseStage = z.infer<typeof caseStageSchema>;

/** One of the identified citizen's cases, as the "my cases" screen shows it. */
export const caseSummarySchema = z
  .object({
    caseNumber: z.string(),
    taskName: z.string(),
    deptName: z.string(),
    stage: caseStageSchema,
    /** What the platform says about the stage (补正材料清单, 不予受理原因, where to pick up …). */
    stageNote: z.string().nullable(),
    submittedAt: z.string(),
    promiseDate: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .strict();
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/**
 * A case this terminal holds for the citizen (its outbox): one not yet accepted by the platform (saved, delivered
 * automatically), or — when the platform cannot be reached — what the terminal knows of their recent submissions.
 */
export const terminalCaseSchema = z
  .object({
    localReference: z.string(),
    itemNames: z.array(z.string()),
    state: z.enum(['waiting', 'accepted', 'rejected', 'needs-attention']),
    /** The platform's case number once it accepted. */
    caseNumber: z.string().nullable(),
    savedAt: z.string(),
  })
  .strict();
export type TerminalCase = z.infer<typeof terminalCaseSchema>;

/** Whether the slip came out, and if not why, with what to show instead (the slip's QR, on screen). */
export const printOutcomeSchema = z.discriminatedUnion('printed', [
  z.object({ printed: z.literal(true) }).strict(),
  z
    .object({
      printed: z.literal(false),
      reason: z.enum(['no-printer', 'offline', 'paper-out', 'cover-open', 'cutter-error']),
      /** The address the slip's QR holds: the screen shows it as a QR to scan with a phone. */
      trackingUrl: z.string(),
    })
    .strict(),
]);
export type PrintOutcome = z.infer<typeof printOutcomeSchema>;

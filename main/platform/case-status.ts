import { z } from 'zod';

/** A case as the platform reports it (docs/platform-api.yaml, CaseStatus). */
export const platformCaseSchema = z.object({
  caseNumber: z.string().min(1).max(50),
  taskCode: z.string().max(60),
  taskName: z.string().min(1).max(200),
  deptName: z.string().max(200),
  stage: z.enum(['submitted', 'pre-review', 'accepted', 'supplement-required', 'in-review', 'special-procedure', 'completed', 'not-accepted', 'ready-for-pickup', 'collected']),
  stageNote: z.string().max(500).nullable(),
  submittedAt: z.iso.datetime({ offset: true }),
  acceptedAt: z.iso.datetime({ offset: true }).nullable(),
  promiseDate: z.iso.date().nullable(),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type PlatformCase = z.infer<typeof platformCaseSchema>;
export const platformCaseListSchema = z.object({ cases: z.array(platformCaseSchema).max(200) });

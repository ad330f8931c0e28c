import { z } from 'zod';
import { caseSummarySchema } from './cases.ts';

/** Why a scanned code led to no case. */
export const scanFailureSchema = z.enum(['not-a-receipt', 'not-found', 'unavailable']);
export type ScanFailure = z.infer<typeof scanFailureSchema>;

/** The "scan a receipt" step: waiting for a code, looking the case up, the case found, or why not. */
export const scanStateSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }).strict(),
  z.object({ phase: z.literal('waiting') }).strict(),
  z.object({ phase: z.literal('looking-up') }).strict(),
  z.object({ phase: z.literal('found'), case: caseSummarySchema }).strict(),
  z.object({ phase: z.literal('failed'), reason: scanFailureSchema }).strict(),
]);
export type ScanState = z.infer<typeof scanStateSchema>;

import { z } from 'zod';
import { citizenSummarySchema } from './identify.ts';
import { localeSchema } from './locale.ts';

/** Why the last citizen session ended: the attract screen may say so ("your session timed out"). */
export const sessionEndReasonSchema = z.enum(['idle', 'citizen', 'host']);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/**
 * The citizen session as the screen needs to know it. The host owns the session and its idle timer;
 * the renderer mirrors this state and never decides on its own that a session is over.
 */
export const sessionStateSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('attract'), lastEndReason: sessionEndReasonSchema.nullable() }).strict(),
  z
    .object({
      phase: z.literal('active'),
      sessionId: z.string(),
      locale: localeSchema,
      /** Set once the citizen has identified with their ID card in this session. */
      citizen: citizenSummarySchema.nullable(),
      /**
       * Whole seconds, as of this event, until the session ends if the citizen does nothing (the idle timeout and
       * the warning after it). Every touch or "more time" restarts it and sends a new event; the screen counts down.
       */
      secondsLeft: z.number().int().nonnegative(),
    })
    .strict(),
  z
    .object({
      phase: z.literal('warning'),
      sessionId: z.string(),
      locale: localeSchema,
      citizen: citizenSummarySchema.nullable(),
      /** Whole seconds until the session ends unless the citizen asks for more time. */
      secondsLeft: z.number().int().nonnegative(),
    })
    .strict(),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;

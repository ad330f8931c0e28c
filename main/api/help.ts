import { z } from 'zod';

/** The screen a citizen called for help from (its test id's stem: `home`, `apply-form`, …), for the operator to see. */
export const helpScreenSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a screen name: lower-case letters, digits and dashes');

/**
 * What the citizen is told after pressing 呼叫工作人员: someone on site is coming (`staffComing`), or, where the
 * hall has no staff on site now, the hotline to call. `alerted` says whether this call raised a new alert for the
 * operator (a second press within a few minutes tells the citizen again but does not raise another).
 */
export const helpAnswerSchema = z.object({ staffComing: z.boolean(), hotline: z.string(), alerted: z.boolean() }).strict();
export type HelpAnswer = z.infer<typeof helpAnswerSchema>;

import { z } from 'zod';

/** Whether the central platform answered the last health check: the screen shows an offline notice when not. */
export const platformStatusSchema = z
  .object({
    reachable: z.boolean(),
    /** ISO time of the last completed check; null before the first one finishes. */
    checkedAt: z.iso.datetime().nullable(),
  })
  .strict();
export type PlatformStatus = z.infer<typeof platformStatusSchema>;

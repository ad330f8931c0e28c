import { z } from 'zod';

/**
 * Why a call failed, as a value the renderer can switch on. The message is for logs and technicians;
 * the citizen sees a sentence chosen by the renderer from the code.
 */
export const apiErrorCodeSchema = z.enum([
  'invalid-request', // the call or its params did not match the contract; nothing changed
  'unknown-method',
  'version-mismatch', // renderer and host were built against different contract versions
  'invalid-state', // the call does not fit what the host is doing now (e.g. extend with no session)
  'unavailable', // a service or device needed for the call is not available now
  'forbidden', // the caller is not the kiosk's own page
  'internal', // a host bug; logged with details, none of them sent to the page
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z
  .object({
    code: apiErrorCodeSchema,
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .strict();
export type ApiError = z.infer<typeof apiErrorSchema>;

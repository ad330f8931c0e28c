import type { ApiErrorCode } from '../../../main/api/index.ts';
import { callHost, KioskApiError } from '../../kiosk-api.ts';

/** Why a staff call failed: the host's error code, or `signed-out` — then the screen goes back to the sign-in form. */
export type StaffFailure = ApiErrorCode | 'signed-out';

/**
 * invalid-state means nobody is signed in any more (signed out elsewhere, or the staff session idled out in the
 * host) — or that the call does not fit what the lockers are doing (a door open for someone, a deposit under way).
 * A call that needs only the sign-in (maintenance.overview, on every terminal with maintenance mode) tells the two apart.
 */
export const staffFailureOf = async (error: unknown): Promise<StaffFailure> => {
  if (!(error instanceof KioskApiError)) return 'unavailable';
  if (error.code !== 'invalid-state') return error.code;
  try {
    await callHost('maintenance.overview', {});
    return 'invalid-state';
  } catch (probe) {
    return probe instanceof KioskApiError && probe.code === 'invalid-state' ? 'signed-out' : 'invalid-state';
  }
};

import type { TFunction } from 'i18next';
import type { ApiErrorCode } from '../../../main/api/index.ts';

/** The staff actions whose failures have sentences of their own (maintenance.failure.<action>.<code>). */
export type StaffAction = 'signIn' | 'overview' | 'deposit' | 'cancelDeposit' | 'retrieve' | 'clearJam' | 'terminal';

/**
 * A failed call as a sentence chosen by its error code, never the host's message: the action's own sentence for
 * that code when it has one, else the general one.
 */
export const failureSentence = (t: TFunction, action: StaffAction, code: ApiErrorCode): string =>
  t([`maintenance.failure.${action}.${code}`, `maintenance.failure.${code}`]);

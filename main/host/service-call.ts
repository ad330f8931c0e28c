import { ServiceRefused } from '../common/service-refused.ts';
import { StaffSignInRequired } from '../lockers/staff-desk.ts';
import { NoActiveSession } from '../session/citizen-session.ts';
import { ApiFailure } from './api-failure.ts';

/**
 * A service's refusal as the contract's error: a ServiceRefused (application, documents, lockers) by its kind;
 * staff work with nobody signed in and session work without a session as invalid-state. Anything else is a bug
 * the dispatcher logs and answers as internal.
 */
export const serviceCall = async <T>(action: () => T | Promise<T>): Promise<T> => {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ServiceRefused) throw new ApiFailure(error.kind, error.message);
    if (error instanceof StaffSignInRequired || error instanceof NoActiveSession) throw new ApiFailure('invalid-state', error.message);
    throw error;
  }
};

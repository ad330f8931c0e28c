import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorCode } from '../../../main/api/index.ts';
import { staffFailureOf } from './staff-failure.ts';

export interface StaffQuery<T> {
  /** The answer as last heard from the host; null until the first. */
  value: T | null;
  /** Why the last refresh failed (the value shown is older then). */
  failure: ApiErrorCode | null;
  refresh: () => void;
  /** An answer the host gave to another call (it replaces the value, and outdates a refresh under way). */
  show: (value: T) => void;
}

/**
 * A host query for the signed-in staff member, loaded at once and refreshed when asked; only the latest answer counts.
 * A refusal because the staff session ended calls onSignedOut.
 */
export const useStaffQuery = <T>(load: () => Promise<T>, onSignedOut: () => void): StaffQuery<T> => {
  const [state, setState] = useState<{ value: T | null; failure: ApiErrorCode | null }>({ value: null, failure: null });
  const latest = useRef(0);
  const loader = useRef(load);
  const signedOut = useRef(onSignedOut);
  useEffect(() => {
    loader.current = load;
    signedOut.current = onSignedOut;
  });
  const refresh = useCallback(() => {
    const call = ++latest.current;
    loader.current().then(
      (value) => {
        if (call === latest.current) setState({ value, failure: null });
      },
      async (error: unknown) => {
        const failure = await staffFailureOf(error);
        if (call !== latest.current) return;
        if (failure === 'signed-out') signedOut.current();
        else setState((current) => ({ ...current, failure }));
      },
    );
  }, []);
  const show = useCallback((value: T) => {
    latest.current++;
    setState({ value, failure: null });
  }, []);
  useEffect(() => {
    refresh();
  }, [refresh]);
  return { ...state, refresh, show };
};

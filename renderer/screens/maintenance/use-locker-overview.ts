import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorCode, LockerDoor } from '../../../main/api/index.ts';
import { callHost } from '../../kiosk-api.ts';
import { staffFailureOf } from './staff-failure.ts';

export interface LockerOverview {
  /** Every door as last heard from the host; null until the first answer. */
  doors: readonly LockerDoor[] | null;
  /** Why the last refresh failed (the doors shown are older then). */
  failure: ApiErrorCode | null;
  refresh: () => void;
  /** Doors the host returned with another call (clearing a jam). */
  show: (doors: readonly LockerDoor[]) => void;
}

/** Every door for the signed-in staff member, loaded at once and refreshed when asked; only the latest answer counts. */
export const useLockerOverview = (onSignedOut: () => void): LockerOverview => {
  const [state, setState] = useState<{ doors: readonly LockerDoor[] | null; failure: ApiErrorCode | null }>({ doors: null, failure: null });
  const latest = useRef(0);
  const signedOut = useRef(onSignedOut);
  useEffect(() => {
    signedOut.current = onSignedOut;
  });
  const refresh = useCallback(() => {
    const call = ++latest.current;
    callHost('lockers.overview', {}).then(
      ({ doors }) => {
        if (call === latest.current) setState({ doors, failure: null });
      },
      async (error: unknown) => {
        const failure = await staffFailureOf(error);
        if (call !== latest.current) return;
        if (failure === 'signed-out') signedOut.current();
        else setState((current) => ({ ...current, failure }));
      },
    );
  }, []);
  const show = useCallback((doors: readonly LockerDoor[]) => {
    latest.current++;
    setState({ doors, failure: null });
  }, []);
  useEffect(() => {
    refresh();
  }, [refresh]);
  return { ...state, refresh, show };
};

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorCode, MaintenanceOverview } from '../../../main/api/index.ts';
import { callHost } from '../../kiosk-api.ts';
import { staffFailureOf } from './staff-failure.ts';

export interface TerminalOverview {
  /** The devices, outbox, catalogue and service state as last heard from the host; null until the first answer. */
  overview: MaintenanceOverview | null;
  failure: ApiErrorCode | null;
  refresh: () => void;
}

/** The terminal for the signed-in staff member, loaded at once and refreshed when asked; only the latest answer counts. */
export const useMaintenanceOverview = (onSignedOut: () => void): TerminalOverview => {
  const [state, setState] = useState<{ overview: MaintenanceOverview | null; failure: ApiErrorCode | null }>({ overview: null, failure: null });
  const latest = useRef(0);
  const signedOut = useRef(onSignedOut);
  useEffect(() => {
    signedOut.current = onSignedOut;
  });
  const refresh = useCallback(() => {
    const call = ++latest.current;
    callHost('maintenance.overview', {}).then(
      (overview) => {
        if (call === latest.current) setState({ overview, failure: null });
      },
      async (error: unknown) => {
        const failure = await staffFailureOf(error);
        if (call !== latest.current) return;
        if (failure === 'signed-out') signedOut.current();
        else setState((current) => ({ ...current, failure }));
      },
    );
  }, []);
  useEffect(() => {
    refresh();
  }, [refresh]);
  return { ...state, refresh };
};

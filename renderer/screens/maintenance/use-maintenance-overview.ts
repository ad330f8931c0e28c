import type { ApiErrorCode, MaintenanceOverview } from '../../../main/api/index.ts';
import { callHost } from '../../kiosk-api.ts';
import { useStaffQuery } from './use-staff-query.ts';

export interface TerminalOverview {
  /** The devices, outbox, catalogue and service state as last heard from the host; null until the first answer. */
  overview: MaintenanceOverview | null;
  failure: ApiErrorCode | null;
  refresh: () => void;
}

const loadOverview = () => callHost('maintenance.overview', {});

/** The terminal for the signed-in staff member, loaded at once and refreshed when asked; only the latest answer counts. */
export const useMaintenanceOverview = (onSignedOut: () => void): TerminalOverview => {
  const { value, failure, refresh } = useStaffQuery(loadOverview, onSignedOut);
  return { overview: value, failure, refresh };
};

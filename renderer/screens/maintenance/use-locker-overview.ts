import type { ApiErrorCode, LockerDoor } from '../../../main/api/index.ts';
import { callHost } from '../../kiosk-api.ts';
import { useStaffQuery } from './use-staff-query.ts';

export interface LockerOverview {
  /** Every door as last heard from the host; null until the first answer. */
  doors: readonly LockerDoor[] | null;
  /** Why the last refresh failed (the doors shown are older then). */
  failure: ApiErrorCode | null;
  refresh: () => void;
  /** Doors the host returned with another call (clearing a jam). */
  show: (doors: readonly LockerDoor[]) => void;
}

const loadDoors = () => callHost('lockers.overview', {}).then(({ doors }): readonly LockerDoor[] => doors);

/** Every door for the signed-in staff member, loaded at once and refreshed when asked; only the latest answer counts. */
export const useLockerOverview = (onSignedOut: () => void): LockerOverview => {
  const { value, failure, refresh, show } = useStaffQuery(loadDoors, onSignedOut);
  return { doors: value, failure, refresh, show };
};

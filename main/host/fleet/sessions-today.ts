import type { Clock } from '../../common/clock.ts';
import type { EventHub } from '../event-hub.ts';

/** The local calendar day of a time, as `YYYY-MM-DD` (the machine's time zone: the hall's). */
const dayOf = (time: number): string => {
  const date = new Date(time);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
};

/**
 * Citizen sessions begun today (the fleet's `sessionsToday`): counted as each new session id appears in the session's
 * pushed state, started from 0 at local midnight and at every start of the host. Nothing of the citizen is kept.
 */
export const countSessionsToday = (events: EventHub, clock: Clock, onSession: (identified: boolean) => void = () => undefined) => {
  let day = dayOf(clock.now());
  let count = 0;
  let current: string | null = null;
  let identified = false;
  events.subscribe(({ event, payload }) => {
    if (event !== 'session.state') return;
    if (payload.phase === 'attract') {
      current = null;
      return;
    }
    if (payload.sessionId !== current) {
      current = payload.sessionId;
      identified = false;
      const today = dayOf(clock.now());
      if (today !== day) {
        day = today;
        count = 0;
      }
      count += 1;
      onSession(false);
    }
    if (!identified && payload.citizen !== null) {
      identified = true;
      onSession(true);
    }
  });
  return () => (dayOf(clock.now()) === day ? count : 0);
};

import type { Clock } from '../../common/clock.ts';
import type { CitizenSession } from '../../session/citizen-session.ts';

/** How often a terminal busy with staff is looked at again. */
const RECHECK_MS = 60_000;

/**
 * Runs something disruptive (a restart, an update) at the terminal's next idle moment: now when no citizen session is
 * open and no staff member is signed in, else when the session ends (and staff, if any, have gone). Never during a
 * session. Returns a cancel.
 */
export const atNextIdleMoment = (session: CitizenSession, staffPresent: () => boolean, clock: Clock, run: () => void): (() => void) => {
  let cancelled = false;
  let stopListening: (() => void) | null = null;
  const attempt = () => {
    if (cancelled) return;
    if (session.state.phase !== 'attract') {
      stopListening ??= session.onEnd(() => {
        stopListening?.();
        stopListening = null;
        // After the end's own listeners (the wipe) have run.
        clock.setTimeout(attempt, 0);
      });
      return;
    }
    if (staffPresent()) {
      clock.setTimeout(attempt, RECHECK_MS);
      return;
    }
    cancelled = true;
    run();
  };
  attempt();
  return () => {
    cancelled = true;
    stopListening?.();
  };
};

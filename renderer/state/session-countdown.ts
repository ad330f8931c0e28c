import { createContext, useContext, useEffect, useState } from 'react';

/**
 * The running session's time as the screens show it: what the host last said was left (`secondsLeft`, as of the
 * event `since`, a new object with every event), how to ask for more, and how long the last screen waits. Provided by the app during a session;
 * absent between citizens and on staff screens.
 */
export interface SessionTime {
  secondsLeft: number;
  since: object;
  onMoreTime: () => void;
  /** How long a journey's last screen stays before it ends the session by itself (the terminal's config). */
  finishSeconds: number;
}

export const SessionTimeContext = createContext<SessionTime | null>(null);

export const useSessionTime = (): SessionTime | null => useContext(SessionTimeContext);

const SECOND = 1000;

/**
 * Counts down once a second from what the host last said (`secondsLeft` as of the event `since`, a new object with
 * each event), starting over with each of its events. The host's timer decides when time is up; this only shows it.
 */
export const useSecondsLeft = (secondsLeft: number | null, since: object | null): number | null => {
  const [elapsed, setElapsed] = useState<{ since: object | null; seconds: number }>({ since: null, seconds: 0 });
  useEffect(() => {
    if (since === null) return;
    const startedAt = Date.now();
    const tick = setInterval(() => setElapsed({ since, seconds: Math.floor((Date.now() - startedAt) / SECOND) }), SECOND / 4);
    return () => clearInterval(tick);
  }, [since]);
  if (secondsLeft === null || since === null) return null;
  const seconds = elapsed.since === since ? elapsed.seconds : 0;
  return Math.max(0, secondsLeft - seconds);
};

import { useTranslation } from 'react-i18next';
import { useSecondsLeft, useSessionTime } from '../state/session-countdown.ts';

/** Below this many seconds the countdown stands out: the citizen should tap "more time" now. */
const LOW_SECONDS = 30;

const minutesAndSeconds = (total: number): string => `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;

/**
 * The session's countdown on every step, with 延长时间 (more time) beside it: the citizen always sees how long the
 * kiosk waits for them before it ends the session to protect their data, and can ask for the full time again.
 * A timer, not a live region: a screen reader reads it when asked, not every second.
 */
export const SessionTimer = () => {
  const { t } = useTranslation();
  const time = useSessionTime();
  const secondsLeft = useSecondsLeft(time?.secondsLeft ?? null, time?.since ?? null);
  if (time === null || secondsLeft === null) return null;
  return (
    <div className={`session-timer${secondsLeft <= LOW_SECONDS ? ' session-timer--low' : ''}`} data-testid="session-timer">
      <span role="timer" className="session-timer__left" data-testid="session-seconds-left" data-seconds={secondsLeft}>
        {t('sessionTime.left', { time: minutesAndSeconds(secondsLeft) })}
      </span>
      <button type="button" className="button session-timer__more" onClick={time.onMoreTime}>
        {t('sessionTime.moreTime')}
      </button>
    </div>
  );
};

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionTime } from '../state/session-countdown.ts';

/** Outside a session's frame (a component test), the config's default. */
const DEFAULT_FINISH_SECONDS = 20;

/** What the citizen may have to take with them at the end: always their ID card; a paper if one was printed. */
export type TakeAway = 'id-card' | 'receipt' | 'slip';

interface FinishReminderProps {
  takeAway: readonly TakeAway[];
  onFinish: () => void;
}

/**
 * The end of a journey: what to take (the ID card still on the reader, the receipt or slip in the paper slot), and
 * a countdown (the config's session.finishSeconds, from the last touch) after which the session ends by itself, so
 * the next person never finds this citizen's session open. The finish button beside it ends it sooner.
 */
export const FinishReminder = ({ takeAway, onFinish }: FinishReminderProps) => {
  const { t } = useTranslation();
  const time = useSessionTime();
  const seconds = time?.finishSeconds ?? DEFAULT_FINISH_SECONDS;
  // Each event of the session (a touch, 延长时间, a slip printed) starts the countdown over: a citizen still busy
  // here (printing, scanning the slip's QR) is not sent away.
  const since = time?.since ?? null;
  const [secondsLeft, setSecondsLeft] = useState(seconds);
  const finish = useRef(onFinish);
  useEffect(() => {
    finish.current = onFinish;
  }, [onFinish]);
  useEffect(() => {
    const startedAt = Date.now();
    const tick = setInterval(() => {
      const left = Math.max(0, seconds - Math.floor((Date.now() - startedAt) / 1000));
      setSecondsLeft(left);
      if (left === 0) {
        clearInterval(tick);
        finish.current();
      }
    }, 250);
    return () => clearInterval(tick);
  }, [seconds, since]);
  return (
    <div className="finish-reminder" data-testid="finish-reminder">
      <p className="finish-reminder__take">{t('finish.takeAway', { things: takeAway.map((thing) => t(`finish.things.${thing}`)).join(t('finish.and')) })}</p>
      <p className="finish-reminder__countdown" role="timer" data-testid="finish-seconds-left" data-seconds={secondsLeft}>
        {t('finish.endsIn', { count: secondsLeft })}
      </p>
    </div>
  );
};

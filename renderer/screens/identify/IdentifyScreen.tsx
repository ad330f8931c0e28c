import { useTranslation } from 'react-i18next';
import type { IdentifyState } from '../../../main/api/index.ts';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { useSecondsLeft } from '../../state/session-countdown.ts';

interface IdentifyScreenProps {
  state: IdentifyState;
  onTryAgain: () => void;
  onBack: () => void;
}

/** Where the card goes: a card laid on the reader pad below the screen. Decorative: the text says it too. */
const PlacementPicture = () => (
  <svg className="identify__picture" viewBox="0 0 240 150" aria-hidden="true" focusable="false">
    <rect x="10" y="92" width="220" height="46" rx="10" className="identify__pad" />
    <rect x="55" y="18" width="130" height="82" rx="8" className="identify__card" />
    <rect x="68" y="32" width="34" height="42" rx="3" className="identify__card-photo" />
    <rect x="112" y="36" width="60" height="6" rx="3" className="identify__card-line" />
    <rect x="112" y="50" width="48" height="6" rx="3" className="identify__card-line" />
    <rect x="112" y="64" width="56" height="6" rx="3" className="identify__card-line" />
    <path d="M120 104 v22 m-9 -9 l9 9 l9 -9" className="identify__arrow" />
  </svg>
);

/**
 * Identify with the ID card: where to put it, what the reader is doing right now, and a way forward from
 * every failure: try again (the host also starts again by itself when a reader that was gone is back), go back,
 * or call staff from the top bar when the reader itself is the problem.
 */
export const IdentifyScreen = ({ state, onTryAgain, onBack }: IdentifyScreenProps) => {
  const { t } = useTranslation();

  const status =
    state.phase === 'waiting'
      ? !state.readerOnline
        ? t('identify.readerOffline')
        : state.cardLeft
          ? t('identify.cardLeft')
          : t('identify.waiting')
      : state.phase === 'reading'
        ? t('identify.reading')
        : state.phase === 'done'
          ? t('identify.done')
          : state.phase === 'failed'
            ? t(`identify.failed.${state.reason}`)
            : '';
  const waiting = state.phase === 'waiting' && state.readerOnline ? state : null;
  const secondsLeft = useSecondsLeft(waiting?.secondsLeft ?? null, waiting);
  const failed = state.phase === 'failed';
  const attention = failed || (state.phase === 'waiting' && (!state.readerOnline || state.cardLeft));

  return (
    <ScreenFrame
      testId="identify"
      title={t('identify.title')}
      mainClassName="identify"
      toolbar={
        <>
          <button type="button" className="button" onClick={onBack}>
            {t('identify.back')}
          </button>
          {failed && (
            <button type="button" className="button button--primary" onClick={onTryAgain} autoFocus>
              {t('identify.tryAgain')}
            </button>
          )}
        </>
      }
    >
        <p>{t('identify.instructions')}</p>
        <figure className="identify__figure">
          <PlacementPicture />
          <figcaption className="identify__caption">{t('identify.placement')}</figcaption>
        </figure>
        <p
          className={`notice ${attention ? 'notice--warning' : ''} identify__status`}
          role="status"
          aria-live="polite"
          data-testid="identify-status"
          data-phase={state.phase}
        >
          {status}
        </p>
        {secondsLeft !== null && (
          <p className="identify__countdown" role="timer" data-testid="identify-seconds-left" data-seconds={secondsLeft}>
            {t('identify.secondsLeft', { count: secondsLeft })}
          </p>
        )}
    </ScreenFrame>
  );
};

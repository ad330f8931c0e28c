import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface IdleWarningDialogProps {
  secondsLeft: number;
  onMoreTime: () => void;
  onEndNow: () => void;
}

/**
 * The countdown before a session ends for inactivity. Modal: focus starts on "more time" and stays in the
 * dialog (Tab cycles between its two buttons), the screen behind is inert.
 */
export const IdleWarningDialog = ({ secondsLeft, onMoreTime, onEndNow }: IdleWarningDialogProps) => {
  const { t } = useTranslation();
  const moreTime = useRef<HTMLButtonElement>(null);
  const endNow = useRef<HTMLButtonElement>(null);

  useEffect(() => moreTime.current?.focus(), []);

  const keepFocusInside = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    event.preventDefault();
    const next = document.activeElement === moreTime.current ? endNow.current : moreTime.current;
    next?.focus();
  };

  return (
    <div className="backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-body"
        onKeyDown={keepFocusInside}
        data-testid="idle-warning"
      >
        <h2 id="idle-title" className="dialog__title">
          {t('idle.title')}
        </h2>
        <p className="dialog__countdown" aria-hidden="true" data-testid="idle-countdown">
          {secondsLeft}
        </p>
        <p id="idle-body">{t('idle.body', { count: secondsLeft })}</p>
        <div className="dialog__actions">
          <button ref={moreTime} type="button" className="button button--primary" onClick={onMoreTime}>
            {t('idle.moreTime')}
          </button>
          <button ref={endNow} type="button" className="button" onClick={onEndNow}>
            {t('idle.endNow')}
          </button>
        </div>
      </div>
    </div>
  );
};

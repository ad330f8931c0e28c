import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingReason } from '../../../main/api/index.ts';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { callHost } from '../../kiosk-api.ts';

const LEVELS = [5, 4, 3, 2, 1] as const;
const REASONS: readonly RatingReason[] = ['slow', 'complicated', 'unclear-materials', 'device-fault', 'not-helpful'];

/**
 * 好差评 (GB/T 39734, 自愿真实): five levels, none chosen until the citizen chooses; the two negative levels ask
 * for a reason; skipping is always there. Nothing is sent unless the citizen sends it.
 */
export const RatingStep = ({ onDone }: { onDone: () => void }) => {
  const { t } = useTranslation();
  const [level, setLevel] = useState<number | null>(null);
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [failed, setFailed] = useState(false);
  const needsReason = level !== null && level <= 2;
  const canSend = level !== null && (!needsReason || reasons.length > 0);
  const toggle = (reason: RatingReason) => setReasons((current) => (current.includes(reason) ? current.filter((r) => r !== reason) : [...current, reason]));
  const send = () => {
    if (!canSend) return;
    setFailed(false);
    callHost('application.rate', { level, reasons: needsReason ? reasons : [] }).then(onDone, () => setFailed(true));
  };
  return (
    <ScreenFrame
      testId="apply-rating"
      title={t('apply.rating.title')}
      toolbar={
        <>
          <button type="button" className="button" onClick={onDone}>
            {t('apply.rating.skip')}
          </button>
          <button type="button" className="button button--primary" aria-disabled={!canSend} onClick={send}>
            {t('apply.rating.send')}
          </button>
        </>
      }
    >
      <p className="section__text">{t('apply.rating.intro')}</p>
      <div className="choices" role="radiogroup" aria-label={t('apply.rating.title')}>
        {LEVELS.map((value) => (
          <button key={value} type="button" role="radio" className="button" aria-checked={level === value} onClick={() => setLevel(value)}>
            {t(`apply.rating.level${value}`)}
          </button>
        ))}
      </div>
      {needsReason && (
        <fieldset className="apply-form__choice">
          <legend className="touch-field__label">{t('apply.rating.reason')}</legend>
          <div className="choices">
            {REASONS.map((reason) => (
              <button key={reason} type="button" className="button" aria-pressed={reasons.includes(reason)} onClick={() => toggle(reason)}>
                {t(`apply.rating.reasons.${reason}`)}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      {failed && (
        <p className="notice notice--warning" role="alert">
          {t('apply.failed')}
        </p>
      )}
    </ScreenFrame>
  );
};

import { useTranslation } from 'react-i18next';
import type { LocalizedText, SessionEndReason } from '../../../main/api/index.ts';

interface AttractScreenProps {
  hallName: LocalizedText;
  lastEndReason: SessionEndReason | null;
  onStart: () => void;
}

/**
 * What passers-by see: the whole screen is one button (touch anywhere, or Enter on a keypad) that starts a
 * session. The call to action is also given in English, for visitors who cannot read Chinese.
 */
export const AttractScreen = ({ hallName, lastEndReason, onStart }: AttractScreenProps) => {
  const { t } = useTranslation();
  return (
    <main className="screen">
      <button type="button" className="attract" onClick={onStart} autoFocus data-testid="attract">
        <span className="attract__hall">{hallName['zh-CN']}</span>
        <span className="attract__title">{t('attract.title')}</span>
        <span className="attract__subtitle">{t('attract.subtitle')}</span>
        <span className="attract__cta">{t('attract.touchToStart')}</span>
        <span className="attract__cta-secondary" lang="en">
          {t('attract.touchToStart', { lng: 'en' })}
        </span>
        {lastEndReason === 'idle' && <span className="attract__notice">{t('attract.lastSessionTimedOut')}</span>}
      </button>
    </main>
  );
};

import { useTranslation } from 'react-i18next';
import type { LocalizedText, SessionEndReason } from '../../../main/api/index.ts';
import { CallStaffButton } from '../../components/CallStaffButton.tsx';
import { MaintenanceCorner } from '../maintenance/MaintenanceCorner.tsx';
import { useMaintenanceChord } from '../maintenance/use-maintenance-chord.ts';

interface AttractScreenProps {
  hallName: LocalizedText;
  lastEndReason: SessionEndReason | null;
  onStart: () => void;
  /** Staff maintenance mode, on a terminal with lockers (Ctrl+Alt+M, or five taps on the top-right corner); null: none. */
  onMaintenance: (() => void) | null;
}

/**
 * What passers-by see. A touch anywhere starts a session (the screen handles the click); keyboards and
 * screen readers get a real, focused "start" button, whose click reaches the same handler. The call to action
 * is also given in English, for visitors who cannot read Chinese.
 */
export const AttractScreen = ({ hallName, lastEndReason, onStart, onMaintenance }: AttractScreenProps) => {
  const { t } = useTranslation();
  useMaintenanceChord(onMaintenance);
  return (
    <main className="attract" onClick={onStart} data-testid="attract">
      <CallStaffButton screen="attract" className="attract__help" />
      <p className="attract__hall">{hallName['zh-CN']}</p>
      <h1 className="attract__title">{t('attract.title')}</h1>
      <p className="attract__subtitle">{t('attract.subtitle')}</p>
      <button type="button" className="attract__cta" autoFocus>
        {t('attract.touchToStart')}
        <span className="attract__cta-secondary" lang="en">
          {t('attract.touchToStart', { lng: 'en' })}
        </span>
      </button>
      {lastEndReason === 'idle' && <p className="attract__notice">{t('attract.lastSessionTimedOut')}</p>}
      {onMaintenance !== null && <MaintenanceCorner onEnter={onMaintenance} />}
    </main>
  );
};

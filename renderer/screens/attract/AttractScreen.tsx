import { useTranslation } from 'react-i18next';
import type { AttractLoop as AttractLoopSettings, HomeEntry, LocalizedText, SessionEndReason } from '../../../main/api/index.ts';
import { CallStaffButton } from '../../components/CallStaffButton.tsx';
import { MaintenanceCorner } from '../maintenance/MaintenanceCorner.tsx';
import { useMaintenanceChord } from '../maintenance/use-maintenance-chord.ts';
import { AttractLoop } from './AttractLoop.tsx';

interface AttractScreenProps {
  hallName: LocalizedText;
  loop: AttractLoopSettings;
  homeEntries: readonly HomeEntry[];
  lastEndReason: SessionEndReason | null;
  onStart: () => void;
  /** Staff maintenance mode, on a terminal with lockers (Ctrl+Alt+M, or five taps on the top-right corner); null: none. */
  onMaintenance: (() => void) | null;
}

/**
 * What passers-by see. A touch anywhere starts a session (the screen handles the click); keyboards and
 * screen readers get a real, focused "start" button, whose click reaches the same handler. The call to action
 * is also given in English, for visitors who cannot read Chinese. Between the hall's name and the call to action, the
 * hall's information in turn (the configured attract loop), filling a portrait screen rather than a third of it.
 */
export const AttractScreen = ({ hallName, loop, homeEntries, lastEndReason, onStart, onMaintenance }: AttractScreenProps) => {
  const { t } = useTranslation();
  useMaintenanceChord(onMaintenance);
  return (
    <main className="attract" onClick={onStart} data-testid="attract">
      <CallStaffButton screen="attract" className="attract__help" />
      <div className="attract__head">
        <p className="attract__hall">{hallName['zh-CN']}</p>
        <h1 className="attract__title">{t('attract.title')}</h1>
        <p className="attract__subtitle">{t('attract.subtitle')}</p>
      </div>
      <AttractLoop loop={loop} homeEntries={homeEntries} />
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

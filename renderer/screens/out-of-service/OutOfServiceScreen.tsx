import { useTranslation } from 'react-i18next';
import { CallStaffButton } from '../../components/CallStaffButton.tsx';
import { MaintenanceCorner } from '../maintenance/MaintenanceCorner.tsx';
import { useMaintenanceChord } from '../maintenance/use-maintenance-chord.ts';

/**
 * Staff took the terminal out of service: citizens are told to use another terminal or the counter, and nothing
 * starts a session. Staff reach maintenance mode from here as from the attract screen, to put it back.
 */
export const OutOfServiceScreen = ({ onMaintenance }: { onMaintenance: () => void }) => {
  const { t } = useTranslation();
  useMaintenanceChord(onMaintenance);
  return (
    <main className="attract out-of-service" data-testid="out-of-service">
      <CallStaffButton screen="out-of-service" className="attract__help" />
      <h1 className="attract__title">{t('outOfService.title')}</h1>
      <p className="attract__subtitle">{t('outOfService.body')}</p>
      <p className="attract__subtitle" lang="en">
        {t('outOfService.title', { lng: 'en' })}
      </p>
      <MaintenanceCorner onEnter={onMaintenance} />
    </main>
  );
};

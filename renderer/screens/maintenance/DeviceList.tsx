import { useTranslation } from 'react-i18next';
import type { MaintenanceDevice } from '../../../main/api/index.ts';
import { dayAndTime } from '../../i18n/clock-time.ts';

/** Every configured device: its kind and id, its health now (with why), and the last trouble it had since the start. */
export const DeviceList = ({ devices }: { devices: readonly MaintenanceDevice[] }) => {
  const { t, i18n } = useTranslation();
  if (devices.length === 0) return <p>{t('maintenance.terminal.noDevices')}</p>;
  return (
    <ul className="device-list" aria-label={t('maintenance.terminal.devices')}>
      {devices.map((device) => (
        <li key={device.device} className="device-list__item" data-testid={`device-${device.device}`} data-state={device.state}>
          <p className="device-list__name">
            {t(`maintenance.terminal.kind.${device.kind}`)} <span className="device-list__id">{device.device}</span>
          </p>
          <p className={`device-list__state device-list__state--${device.state}`}>
            {t(`maintenance.terminal.health.${device.state}`)}
            {device.reason !== null && ` — ${device.reason}`}
          </p>
          {device.lastError !== null && (
            <p className="device-list__last-error">
              {t('maintenance.terminal.lastError', { reason: device.lastError.reason, time: dayAndTime(device.lastError.at, i18n.language) })}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
};

import { useTranslation } from 'react-i18next';

/** Offline is a normal state of a kiosk: said plainly, with what still works. */
export const OfflineNotice = () => {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warning" role="status" data-testid="offline-notice">
      <p className="notice__title">{t('offline.title')}</p>
      <p className="notice__body">{t('offline.body')}</p>
    </div>
  );
};

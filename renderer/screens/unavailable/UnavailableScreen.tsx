import { useTranslation } from 'react-i18next';

/**
 * Shown when the page cannot reach the host (or is starting): in Chinese and English, because the page does
 * not know the citizen's language at this point. The bridge keeps reconnecting underneath.
 */
export const UnavailableScreen = ({ starting }: { starting: boolean }) => {
  const { t } = useTranslation();
  if (starting) {
    return (
      <main className="unavailable" aria-busy="true">
        <p>{t('starting')}</p>
      </main>
    );
  }
  return (
    <main className="unavailable" data-testid="unavailable">
      <h1 className="unavailable__title">{t('unavailable.title', { lng: 'zh-CN' })}</h1>
      <p>{t('unavailable.body', { lng: 'zh-CN' })}</p>
      <h2 lang="en">{t('unavailable.title', { lng: 'en' })}</h2>
      <p lang="en">{t('unavailable.body', { lng: 'en' })}</p>
    </main>
  );
};

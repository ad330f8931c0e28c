import { useTranslation } from 'react-i18next';

/**
 * On a demo or training terminal, which runs without the OS-level lockdown, every screen says so in a corner: nobody
 * may take it for a terminal a citizen's data is safe on. It is not a control: no focus, no touch target.
 */
export const DemoBanner = () => {
  const { t } = useTranslation();
  return (
    <aside className="demo-banner" data-testid="demo-banner">
      {t('demo.banner')}
    </aside>
  );
};

import { useTranslation } from 'react-i18next';
import type { Locale } from '../../main/api/index.ts';

interface LanguageSwitchProps {
  locales: readonly Locale[];
  current: Locale;
  onSelect: (locale: Locale) => void;
}

/** One button per language, each labelled in its own language so anyone can find theirs. */
export const LanguageSwitch = ({ locales, current, onSelect }: LanguageSwitchProps) => {
  const { t } = useTranslation();
  if (locales.length < 2) return null;
  return (
    <div className="toolbar__group" role="group" aria-label={t('toolbar.language')}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          className="button"
          lang={locale}
          aria-pressed={locale === current}
          onClick={() => onSelect(locale)}
        >
          {t(`language.${locale}`)}
        </button>
      ))}
    </div>
  );
};

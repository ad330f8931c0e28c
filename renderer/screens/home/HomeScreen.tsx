import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenSummary, HomeEntry, Locale, LocalizedText } from '../../../main/api/index.ts';
import { ChoiceDialog } from '../../components/ChoiceDialog.tsx';
import { CitizenGreeting } from '../../components/CitizenGreeting.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { OfflineNotice } from '../../components/OfflineNotice.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';

interface HomeScreenProps {
  hallName: LocalizedText;
  entries: readonly HomeEntry[];
  locales: readonly Locale[];
  locale: Locale;
  platformReachable: boolean;
  /** The identified citizen, or null; identification is offered when the terminal has a reader. */
  citizen: CitizenSummary | null;
  canIdentify: boolean;
  onIdentify: () => void;
  onSelectEntry: (entry: HomeEntry) => void;
  onSelectLocale: (locale: Locale) => void;
  onFinish: () => void;
}

/**
 * The main menu of a session: the services this terminal offers (from its config and this build), then the
 * toolbar with language and "finish" (which asks first once the citizen has identified: ending wipes their
 * session). Focus starts on the greeting so a screen reader reads it first and the first Tab reaches the first entry.
 */
export const HomeScreen = (props: HomeScreenProps) => {
  const { t } = useTranslation();
  const hallName = props.locale === 'en' ? (props.hallName.en ?? props.hallName['zh-CN']) : props.hallName['zh-CN'];
  const [confirmingFinish, setConfirmingFinish] = useState(false);

  return (
    <ScreenFrame
      testId="home"
      title={t('home.greeting')}
      header={<header className="header">{hallName}</header>}
      toolbar={
        <>
          <LanguageSwitch locales={props.locales} current={props.locale} onSelect={props.onSelectLocale} />
          <button type="button" className="button button--primary" onClick={() => (props.citizen === null ? props.onFinish() : setConfirmingFinish(true))}>
            {t('toolbar.finish')}
          </button>
        </>
      }
    >
        {!props.platformReachable && <OfflineNotice />}
        {props.citizen !== null && <CitizenGreeting citizen={props.citizen} />}
        {props.citizen === null && props.canIdentify && (
          <button type="button" className="entry entry--identify" onClick={props.onIdentify} data-testid="start-identify">
            <span className="entry__label">{t('home.identify.label')}</span>
            <span className="entry__hint">{t('home.identify.hint')}</span>
          </button>
        )}
        {props.entries.length > 0 ? (
          <ul className="entries">
            {props.entries.map((entry) => (
              <li key={entry}>
                <button type="button" className="entry" data-entry={entry} onClick={() => props.onSelectEntry(entry)}>
                  <span className="entry__label">{t(`home.entries.${entry}.label`)}</span>
                  <span className="entry__hint">{t(`home.entries.${entry}.hint`)}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <div className="notice" role="status" data-testid="no-entries">
            <p className="notice__title">{t('home.noEntries')}</p>
            <p className="notice__body">{t('home.noEntriesHelp')}</p>
          </div>
        )}
        {confirmingFinish && (
          <ChoiceDialog
            testId="confirm-finish"
            title={t('home.confirmFinish.title')}
            keepLabel={t('home.confirmFinish.keep')}
            onKeep={() => setConfirmingFinish(false)}
            leaveLabel={t('home.confirmFinish.end')}
            onLeave={props.onFinish}
          >
            <p>{t('home.confirmFinish.body')}</p>
          </ChoiceDialog>
        )}
    </ScreenFrame>
  );
};

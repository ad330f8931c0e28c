import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenSummary, HomeEntry, Locale, LocalizedText } from '../../../main/api/index.ts';
import { ChoiceDialog } from '../../components/ChoiceDialog.tsx';
import { CitizenGreeting } from '../../components/CitizenGreeting.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { OfflineNotice } from '../../components/OfflineNotice.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';

/**
 * What each entry can do while the platform cannot be reached (what the host's services do then): the catalogue is
 * cached and most pickup codes are known here, my cases shows only what this terminal holds, and a receipt's case
 * or the cases a drop-off is for can only be looked up on the platform.
 */
const OFFLINE: Readonly<Record<HomeEntry, 'works' | 'limited' | 'waits'>> = {
  'find-service': 'works',
  'locker-pickup': 'limited',
  'my-cases': 'limited',
  'scan-receipt': 'waits',
  'locker-drop-off': 'waits',
};

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
  // An entry that waits for the network, tapped anyway: said once more, in the live region, with what to do.
  const [waitingTapped, setWaitingTapped] = useState<HomeEntry | null>(null);

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
        {!props.platformReachable && waitingTapped !== null && (
          <p className="notice notice--warning" role="status" data-testid="entry-waits">
            {t('home.offline.tapped', { entry: t(`home.entries.${waitingTapped}.label`) })}
          </p>
        )}
        {props.citizen !== null && <CitizenGreeting citizen={props.citizen} />}
        {props.citizen === null && props.canIdentify && (
          <button type="button" className="entry entry--identify" onClick={props.onIdentify} data-testid="start-identify">
            <span className="entry__label">{t('home.identify.label')}</span>
            <span className="entry__hint">{t('home.identify.hint')}</span>
          </button>
        )}
        {props.entries.length > 0 ? (
          <ul className="entries">
            {props.entries.map((entry) => {
              const offline = props.platformReachable ? 'works' : OFFLINE[entry];
              return (
                <li key={entry}>
                  <button
                    type="button"
                    className={`entry${offline === 'waits' ? ' entry--waiting' : ''}`}
                    data-entry={entry}
                    data-offline={offline}
                    aria-disabled={offline === 'waits' ? true : undefined}
                    aria-describedby={offline === 'works' ? undefined : `entry-offline-${entry}`}
                    onClick={() => (offline === 'waits' ? setWaitingTapped(entry) : props.onSelectEntry(entry))}
                  >
                    <span className="entry__label">{t(`home.entries.${entry}.label`)}</span>
                    {offline === 'works' ? (
                      <span className="entry__hint">{t(`home.entries.${entry}.hint`)}</span>
                    ) : (
                      <span className="entry__offline" id={`entry-offline-${entry}`}>
                        {t(`home.offline.${entry}`)}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
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

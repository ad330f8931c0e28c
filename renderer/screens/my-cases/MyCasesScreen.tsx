import { useTranslation } from 'react-i18next';
import { CaseCard } from '../../components/CaseCard.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { callHost } from '../../kiosk-api.ts';
import { useHostQuery } from '../../state/use-host-query.ts';


/**
 * The identified citizen's cases, from the platform, each with its progress slip; and what this terminal still
 * holds for them (saved, to be delivered). When the platform cannot be reached, what this terminal knows, marked so.
 */
export const MyCasesScreen = ({ onBack }: { onBack: () => void }) => {
  const { t } = useTranslation();
  const loaded = useHostQuery('mine', () => callHost('cases.mine', {}));
  const listing = loaded.phase === 'loaded' ? { phase: 'loaded' as const, ...loaded.value } : loaded.phase === 'failed' ? { phase: 'unavailable' as const } : loaded;

  return (
    <ScreenFrame
      testId="my-cases"
      title={t('myCases.title')}
      toolbar={
        <button type="button" className="button" onClick={onBack}>
          {t('myCases.back')}
        </button>
      }
    >
        {listing.phase === 'loading' && <p role="status">{t('myCases.loading')}</p>}
        {listing.phase === 'unavailable' && (
          <p className="notice notice--warning" role="status">
            {t('myCases.unavailable')}
          </p>
        )}
        {listing.phase === 'loaded' && listing.source === 'terminal' && (
          <p className="notice notice--warning" role="status" data-testid="terminal-only">
            {t('myCases.terminalOnly')}
          </p>
        )}
        {listing.phase === 'loaded' && listing.onTerminal.length > 0 && (
          <ul className="cases" aria-label={t('myCases.onTerminal')}>
            {listing.onTerminal.map((item) => (
              <li key={item.localReference} className="case" data-local-reference={item.localReference}>
                <p className="case__name">{item.itemNames.join('、')}</p>
                <p className="case__detail">
                  {item.caseNumber === null ? t('myCases.localReference', { reference: item.localReference }) : t('myCases.caseNumber', { number: item.caseNumber })}
                </p>
                <p className="case__stage">{t(`myCases.terminalState.${item.state}`)}</p>
              </li>
            ))}
          </ul>
        )}
        {listing.phase === 'loaded' && listing.source === 'platform' && listing.cases.length === 0 && listing.onTerminal.length === 0 && (
          <p className="notice" role="status">
            {t('myCases.empty')}
          </p>
        )}
        {listing.phase === 'loaded' && listing.cases.length > 0 && (
          <ul className="cases">
            {listing.cases.map((item) => (
              <CaseCard key={item.caseNumber} item={item} />
            ))}
          </ul>
        )}
    </ScreenFrame>
  );
};

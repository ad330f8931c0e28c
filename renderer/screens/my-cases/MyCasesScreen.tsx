import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../main/api/index.ts';
import { CaseCard } from '../../components/CaseCard.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { callHost } from '../../kiosk-api.ts';

type Listing = { phase: 'loading' } | { phase: 'loaded'; cases: CaseSummary[] } | { phase: 'unavailable' };

/** The identified citizen's cases, from the platform, each with its progress slip. */
export const MyCasesScreen = ({ onBack }: { onBack: () => void }) => {
  const { t } = useTranslation();
  const [listing, setListing] = useState<Listing>({ phase: 'loading' });

  useEffect(() => {
    let current = true;
    callHost('cases.mine', {}).then(
      ({ cases }) => current && setListing({ phase: 'loaded', cases }),
      () => current && setListing({ phase: 'unavailable' }),
    );
    return () => {
      current = false;
    };
  }, []);

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
        {listing.phase === 'loaded' && listing.cases.length === 0 && (
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

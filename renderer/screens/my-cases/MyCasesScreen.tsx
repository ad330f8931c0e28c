import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, PrintOutcome } from '../../../main/api/index.ts';
import { callHost } from '../../kiosk-api.ts';

type Listing = { phase: 'loading' } | { phase: 'loaded'; cases: CaseSummary[] } | { phase: 'unavailable' };
type Printing = { caseNumber: string; outcome: PrintOutcome | 'printing'; qr?: string };

/**
 * The identified citizen's cases, from the platform: where each stands, and a progress slip to print. When the
 * printer cannot print, the slip's QR is shown on screen instead, with the honest reason.
 */
export const MyCasesScreen = ({ onBack }: { onBack: () => void }) => {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [listing, setListing] = useState<Listing>({ phase: 'loading' });
  const [printing, setPrinting] = useState<Printing | null>(null);

  useEffect(() => heading.current?.focus(), []);
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

  const print = async (caseNumber: string) => {
    setPrinting({ caseNumber, outcome: 'printing' });
    try {
      const outcome = await callHost('cases.printProgress', { caseNumber });
      const qr = outcome.printed ? undefined : await QRCode.toDataURL(outcome.trackingUrl, { margin: 2, width: 240 });
      setPrinting({ caseNumber, outcome, ...(qr === undefined ? {} : { qr }) });
    } catch {
      setPrinting(null);
    }
  };

  return (
    <div className="screen" data-testid="my-cases">
      <main className="main">
        <h1 ref={heading} className="main__title" tabIndex={-1}>
          {t('myCases.title')}
        </h1>
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
              <li key={item.caseNumber} className="case" data-case={item.caseNumber}>
                <h2 className="case__name">{item.taskName}</h2>
                <p className="case__stage" data-stage={item.stage}>
                  {t(`caseStage.${item.stage}`)}
                </p>
                <p className="case__detail">{t('myCases.caseNumber', { number: item.caseNumber })}</p>
                {item.promiseDate !== null && <p className="case__detail">{t('myCases.promiseDate', { date: item.promiseDate })}</p>}
                {item.stageNote !== null && <p className="case__note">{item.stageNote}</p>}
                <button
                  type="button"
                  className="button"
                  disabled={printing?.outcome === 'printing'}
                  onClick={() => void print(item.caseNumber)}
                >
                  {printing?.caseNumber === item.caseNumber && printing.outcome === 'printing' ? t('myCases.printing') : t('myCases.print')}
                </button>
                {printing?.caseNumber === item.caseNumber && printing.outcome !== 'printing' && (
                  <div className={`notice ${printing.outcome.printed ? '' : 'notice--warning'}`} role="status" data-testid="print-outcome">
                    {printing.outcome.printed ? (
                      <p>{t('myCases.printed')}</p>
                    ) : (
                      <>
                        <p>{t(`myCases.notPrinted.${printing.outcome.reason}`)}</p>
                        <p>{t('myCases.scanInstead')}</p>
                        {printing.qr !== undefined && <img className="case__qr" src={printing.qr} alt={t('myCases.qrAlt')} data-testid="slip-qr" />}
                      </>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </main>
      <nav className="toolbar" aria-label={t('toolbar.label')}>
        <button type="button" className="button" onClick={onBack}>
          {t('myCases.back')}
        </button>
      </nav>
    </div>
  );
};

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, PrintOutcome } from '../../main/api/index.ts';
import { callHost } from '../kiosk-api.ts';
import { QrCodeImage } from './QrCodeImage.tsx';

type Printing = { outcome: PrintOutcome | 'printing' } | null;

/**
 * One case: what it is, where it stands, what the platform says about it, and a progress slip to print. When the
 * printer cannot print, the slip's QR is shown here instead, with the honest reason.
 */
export const CaseCard = ({ item }: { item: CaseSummary }) => {
  const { t } = useTranslation();
  const [printing, setPrinting] = useState<Printing>(null);

  const print = async () => {
    setPrinting({ outcome: 'printing' });
    try {
      setPrinting({ outcome: await callHost('cases.printProgress', { caseNumber: item.caseNumber }) });
    } catch {
      setPrinting(null);
    }
  };

  return (
    <li className="case" data-case={item.caseNumber}>
      <h2 className="case__name">{item.taskName}</h2>
      <p className="case__stage" data-stage={item.stage}>
        {t(`caseStage.${item.stage}`)}
      </p>
      <p className="case__detail">{t('myCases.caseNumber', { number: item.caseNumber })}</p>
      {item.promiseDate !== null && <p className="case__detail">{t('myCases.promiseDate', { date: item.promiseDate })}</p>}
      {item.stageNote !== null && <p className="case__note">{item.stageNote}</p>}
      <button type="button" className="button" disabled={printing?.outcome === 'printing'} onClick={() => void print()}>
        {printing?.outcome === 'printing' ? t('myCases.printing') : t('myCases.print')}
      </button>
      {printing !== null && printing.outcome !== 'printing' && (
        <div className={`notice ${printing.outcome.printed ? '' : 'notice--warning'}`} role="status" data-testid="print-outcome">
          {printing.outcome.printed ? (
            <p>{t('myCases.printed')}</p>
          ) : (
            <>
              <p>{t(`myCases.notPrinted.${printing.outcome.reason}`)}</p>
              <p>{t('myCases.scanInstead')}</p>
              <QrCodeImage value={printing.outcome.trackingUrl} alt={t('myCases.qrAlt')} testId="slip-qr" />
            </>
          )}
        </div>
      )}
    </li>
  );
};

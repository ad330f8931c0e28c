import QRCode from 'qrcode';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, PrintOutcome } from '../../main/api/index.ts';
import { callHost } from '../kiosk-api.ts';

type Printing = { outcome: PrintOutcome | 'printing'; qr?: string } | null;

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
      const outcome = await callHost('cases.printProgress', { caseNumber: item.caseNumber });
      const qr = outcome.printed ? undefined : await QRCode.toDataURL(outcome.trackingUrl, { margin: 2, width: 240 });
      setPrinting({ outcome, ...(qr === undefined ? {} : { qr }) });
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
              {printing.qr !== undefined && <img className="case__qr" src={printing.qr} alt={t('myCases.qrAlt')} data-testid="slip-qr" />}
            </>
          )}
        </div>
      )}
    </li>
  );
};

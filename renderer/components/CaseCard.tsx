import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../main/api/index.ts';
import { callHost } from '../kiosk-api.ts';
import { PrintSlipButton } from './PrintSlipButton.tsx';

/**
 * One case: what it is, where it stands, what the platform says about it, and a progress slip to print. When the
 * printer cannot print, the slip's QR is shown here instead, with the honest reason.
 */
export const CaseCard = ({ item }: { item: CaseSummary }) => {
  const { t } = useTranslation();
  return (
    <li className="case" data-case={item.caseNumber}>
      <h2 className="case__name">{item.taskName}</h2>
      <p className="case__stage" data-stage={item.stage}>
        {t(`caseStage.${item.stage}`)}
      </p>
      <p className="case__detail">{t('myCases.caseNumber', { number: item.caseNumber })}</p>
      {item.promiseDate !== null && <p className="case__detail">{t('myCases.promiseDate', { date: item.promiseDate })}</p>}
      {item.stageNote !== null && <p className="case__note">{item.stageNote}</p>}
      <PrintSlipButton label={t('myCases.print')} qrAlt={t('myCases.qrAlt')} print={() => callHost('cases.printProgress', { caseNumber: item.caseNumber })} />
    </li>
  );
};

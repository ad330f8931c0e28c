import { useTranslation } from 'react-i18next';
import type { PrintOutcome, SubmissionResult } from '../../../main/api/index.ts';
import { QrCodeImage } from '../../components/QrCodeImage.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { ApplySteps } from './ApplySteps.tsx';

/** The receipt, printed when the result came (by the screen that submitted). */
export type Printing = { phase: 'printing' } | { phase: 'done'; outcome: PrintOutcome } | { phase: 'failed' };

/**
 * What became of the submission, honestly: accepted (the platform's case number, the promised time, 容缺 to
 * supply), saved on the terminal (delivered automatically; a local reference), or not accepted (why). The receipt
 * prints by itself; when the printer cannot print, its QR is on the screen.
 */
export const ResultStep = ({ result, receipt: printing, onNext }: { result: SubmissionResult; receipt: Printing; onNext: () => void }) => {
  const { t } = useTranslation();
  const printable = result.status !== 'rejected';

  return (
    <ScreenFrame
      testId="apply-result"
      title={t(`apply.result.${result.status}.title`)}
      toolbar={
        <button type="button" className="button button--primary" onClick={onNext}>
          {t('apply.next')}
        </button>
      }
    >
      <ApplySteps current="result" />
      {result.status === 'accepted' && (
        <>
          <p className="apply-result__number" data-testid="case-number">
            {t('apply.result.accepted.number', { number: result.caseNumber })}
          </p>
          <p className="section__text">{result.promiseDays === 0 ? t('apply.result.accepted.immediate') : t('apply.result.accepted.promise', { days: result.promiseDays })}</p>
          {result.deferredMaterials.length > 0 && (
            <p className="notice" data-testid="deferred">
              {t('apply.result.accepted.deferred', { materials: result.deferredMaterials.join('、') })}
            </p>
          )}
        </>
      )}
      {result.status === 'saved' && (
        <>
          <p className="apply-result__number" data-testid="local-reference">
            {t('apply.result.saved.reference', { reference: result.localReference })}
          </p>
          <p className="section__text">{t('apply.result.saved.body')}</p>
        </>
      )}
      {result.status === 'rejected' && (
        <>
          <p className="section__text">{t('apply.result.rejected.body')}</p>
          <ul>
            {result.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
      {printable && (
        <div role="status" data-testid="receipt-state">
          {printing.phase === 'printing' && <p>{t('apply.result.printing')}</p>}
          {printing.phase === 'failed' && <p className="notice notice--warning">{t('apply.result.printFailed')}</p>}
          {printing.phase === 'done' && printing.outcome.printed && <p>{t('apply.result.printed')}</p>}
          {printing.phase === 'done' && !printing.outcome.printed && (
            <>
              <p className="notice notice--warning">{t('apply.result.notPrinted')}</p>
              {printing.outcome.trackingUrl !== '' && <QrCodeImage value={printing.outcome.trackingUrl} alt={t('apply.result.qr')} testId="receipt-qr" />}
            </>
          )}
        </div>
      )}
    </ScreenFrame>
  );
};

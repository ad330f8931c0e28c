import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintOutcome } from '../../main/api/index.ts';
import { QrCodeImage } from './QrCodeImage.tsx';

type Printing = { outcome: PrintOutcome | 'printing' } | null;

interface PrintSlipButtonProps {
  /** What the button says: 打印办件进度, 打印取件凭证 … */
  label: string;
  /** The slip's QR, described for a screen reader. */
  qrAlt: string;
  print: () => Promise<PrintOutcome>;
  /** The slip came out of the printer: the last screen reminds the citizen to take it. */
  onPrinted?: () => void;
}

/**
 * A slip printed when the citizen asks for it (progress slip, 取件凭证, 材料接收凭证): the button, then what came
 * of it. When the printer cannot print, the honest reason and the slip's QR on the screen for the citizen's phone.
 */
export const PrintSlipButton = ({ label, qrAlt, print, onPrinted }: PrintSlipButtonProps) => {
  const { t } = useTranslation();
  const [printing, setPrinting] = useState<Printing>(null);

  const printNow = async () => {
    setPrinting({ outcome: 'printing' });
    try {
      const outcome = await print();
      setPrinting({ outcome });
      if (outcome.printed) onPrinted?.();
    } catch {
      setPrinting(null);
    }
  };

  return (
    <>
      <button type="button" className="button" disabled={printing?.outcome === 'printing'} onClick={() => void printNow()}>
        {printing?.outcome === 'printing' ? t('printing.printing') : label}
      </button>
      {printing !== null && printing.outcome !== 'printing' && (
        <div className={`notice ${printing.outcome.printed ? '' : 'notice--warning'}`} role="status" data-testid="print-outcome">
          {printing.outcome.printed ? (
            <p>{t('printing.printed')}</p>
          ) : (
            <>
              <p>{t(`printing.notPrinted.${printing.outcome.reason}`)}</p>
              <p>{t('printing.scanInstead')}</p>
              <QrCodeImage value={printing.outcome.trackingUrl} alt={qrAlt} testId="slip-qr" />
            </>
          )}
        </div>
      )}
    </>
  );
};

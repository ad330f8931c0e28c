import { useTranslation } from 'react-i18next';
import type { ScanState } from '../../../main/api/index.ts';
import { CaseCard } from '../../components/CaseCard.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { callHost } from '../../kiosk-api.ts';
import { useKeyboardWedge } from '../../scan/use-keyboard-wedge.ts';

interface ScanReceiptScreenProps {
  state: ScanState;
  onScanAgain: () => void;
  onBack: () => void;
}

/**
 * Scan the QR on an earlier receipt to see where the case stands. Serial and HID-POS scanners report to the host
 * directly; a keyboard-wedge scanner types here, and is recognised by its keystroke timing while this screen waits.
 */
export const ScanReceiptScreen = ({ state, onScanAgain, onBack }: ScanReceiptScreenProps) => {
  const { t } = useTranslation();
  useKeyboardWedge(state.phase === 'waiting', (code) => void callHost('scan.keyboardCode', { code }).catch(() => undefined));

  return (
    <ScreenFrame
      testId="scan-receipt"
      title={t('scanReceipt.title')}
      toolbar={
        <>
          <button type="button" className="button" onClick={onBack}>
            {t('scanReceipt.back')}
          </button>
          {(state.phase === 'failed' || state.phase === 'found') && (
            <button type="button" className="button button--primary" onClick={onScanAgain}>
              {t('scanReceipt.scanAgain')}
            </button>
          )}
        </>
      }
    >
        <p>{t('scanReceipt.instructions')}</p>
        {state.phase !== 'found' && (
          <p
            className={`notice ${state.phase === 'failed' ? 'notice--warning' : ''}`}
            role="status"
            aria-live="polite"
            data-testid="scan-status"
            data-phase={state.phase}
          >
            {state.phase === 'failed' ? t(`scanReceipt.failed.${state.reason}`) : t(`scanReceipt.${state.phase === 'looking-up' ? 'lookingUp' : 'waiting'}`)}
          </p>
        )}
        {state.phase === 'found' && (
          <ul className="cases">
            <CaseCard item={state.case} />
          </ul>
        )}
    </ScreenFrame>
  );
};

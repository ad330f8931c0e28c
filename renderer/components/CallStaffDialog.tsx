import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HelpAnswer } from '../../main/api/index.ts';

/** What the citizen is told after pressing 呼叫工作人员: staff are coming, the hotline, or that the call did not go through. */
export type CallStaffOutcome = { kind: 'answered'; answer: HelpAnswer } | { kind: 'failed' };

interface CallStaffDialogProps {
  outcome: CallStaffOutcome;
  onClose: () => void;
}

/**
 * The answer to a call for staff. Modal, one button ("知道了"), which has the focus; the hotline, when there is no one
 * on site, in large digits so it can be dialled from a phone.
 */
export const CallStaffDialog = ({ outcome, onClose }: CallStaffDialogProps) => {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const answer = outcome.kind === 'answered' ? outcome.answer : null;
  const which = answer === null ? 'failed' : answer.staffComing ? 'coming' : 'noStaff';
  return (
    <div className="backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="call-staff-title"
        aria-describedby="call-staff-body"
        onKeyDown={(event) => {
          // One control: Tab stays on it; Escape closes, as the button does.
          if (event.key === 'Tab') event.preventDefault();
          if (event.key === 'Escape') onClose();
        }}
        data-testid="call-staff-dialog"
      >
        <h2 id="call-staff-title" className="dialog__title">
          {t(`help.${which}.title`)}
        </h2>
        <p id="call-staff-body">{t(`help.${which}.body`)}</p>
        {answer !== null && !answer.staffComing && (
          <p className="dialog__hotline" data-testid="call-staff-hotline">
            {answer.hotline}
          </p>
        )}
        <div className="dialog__actions">
          <button ref={close} type="button" className="button button--primary" onClick={onClose}>
            {t('help.close')}
          </button>
        </div>
      </div>
    </div>
  );
};

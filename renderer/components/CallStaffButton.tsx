import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callHost } from '../kiosk-api.ts';
import { CallStaffDialog, type CallStaffOutcome } from './CallStaffDialog.tsx';

interface CallStaffButtonProps {
  /** The screen it is on (its test id), for the operator's alert. */
  screen: string;
  className?: string;
}

/**
 * 呼叫工作人员 (call staff), on every screen: asks the host to alert the hall's staff and the operator, then says
 * whether someone is coming or, where no one is on site, which hotline to call. A press that fails still gets an
 * answer (the national hotline), never nothing.
 */
export const CallStaffButton = ({ screen, className }: CallStaffButtonProps) => {
  const { t } = useTranslation();
  const [calling, setCalling] = useState(false);
  const [outcome, setOutcome] = useState<CallStaffOutcome | null>(null);
  const call = (event: MouseEvent) => {
    // On the attract screen a click anywhere starts a session; this one only calls for help.
    event.stopPropagation();
    if (calling) return;
    setCalling(true);
    callHost('help.call', { screen })
      .then((answer) => setOutcome({ kind: 'answered', answer }))
      .catch(() => setOutcome({ kind: 'failed' }))
      .finally(() => setCalling(false));
  };
  return (
    <>
      <button type="button" className={`button call-staff${className === undefined ? '' : ` ${className}`}`} onClick={call} aria-busy={calling} data-testid="call-staff">
        {t('help.call')}
      </button>
      {outcome !== null && (
        <div onClick={(event) => event.stopPropagation()}>
          <CallStaffDialog outcome={outcome} onClose={() => setOutcome(null)} />
        </div>
      )}
    </>
  );
};

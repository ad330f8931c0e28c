import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { DepositForm, DepositSubmit } from './DepositForm.tsx';
import { DepositProgress } from './DepositProgress.tsx';
import { DoorGrid } from './DoorGrid.tsx';
import type { SignedInStaff } from './StaffSignInScreen.tsx';
import { TerminalPanel } from './TerminalPanel.tsx';
import { useIdleTimeout } from './use-idle-timeout.ts';
import { useLockerOverview } from './use-locker-overview.ts';
import { useMaintenanceOverview } from './use-maintenance-overview.ts';
import { useStaffDeposit } from './use-staff-deposit.ts';

interface MaintenanceDeskProps {
  staff: SignedInStaff;
  /** The terminal has lockers: their doors and deposits are views of the desk too. */
  lockers: boolean;
  /** Sign out and back to the attract screen (the button, or idle). */
  onSignOut: () => void;
  /** The host says nobody is signed in any more: back to the sign-in form. */
  onSignedOut: () => void;
}

type View = 'terminal' | 'doors' | 'deposit';

/**
 * Maintenance mode once signed in: the terminal (devices, outbox, catalogue, service), and on a terminal with lockers
 * the doors (what each holds, retrieve, back into service) or depositing a certificate, chosen at the top; signing
 * out in the toolbar. Untouched for the staff session's idle time, it signs out; while it is used, the terminal and
 * the doors are refreshed now and then, which also keeps the host's staff session alive.
 */
export const MaintenanceDesk = ({ staff, lockers, onSignOut, onSignedOut }: MaintenanceDeskProps) => {
  const { t } = useTranslation();
  // A terminal with lockers opens on its doors, as staff know it; every other on the terminal's state.
  const [view, setView] = useState<View>(lockers ? 'doors' : 'terminal');
  const terminal = useMaintenanceOverview(onSignedOut);
  const depositFormId = useId();
  const overview = useLockerOverview(onSignedOut);
  const deposit = useStaffDeposit(onSignedOut);
  const refreshTerminal = terminal.refresh;
  const refreshDoors = overview.refresh;
  const refreshAll = useCallback(() => {
    refreshTerminal();
    if (lockers) refreshDoors();
  }, [refreshTerminal, refreshDoors, lockers]);
  useIdleTimeout(staff.idleSeconds * 1000, onSignOut, refreshAll);
  // A registered (or cancelled) deposit changed a door.
  const settled = deposit.state.phase === 'settled';
  const { refresh } = overview;
  useEffect(() => {
    if (settled) refresh();
  }, [settled, refresh]);

  const depositState = deposit.state;
  const depositForm = depositState.phase === 'open' || depositState.phase === 'settled' ? null : depositState;

  return (
    <ScreenFrame
      testId="maintenance"
      audience="staff"
      title={t('maintenance.title')}
      toolbar={
        <>
          <div className="toolbar__group">{view === 'deposit' && depositForm !== null && <DepositSubmit formId={depositFormId} state={depositForm} />}</div>
          <div className="toolbar__group">
            <p className="maintenance-staff">{t('maintenance.signedInAs', { staffId: staff.staffId })}</p>
            <button type="button" className="button" onClick={onSignOut}>
              {t('maintenance.signOut')}
            </button>
          </div>
        </>
      }
    >
      <div className="maintenance-views" role="group" aria-label={t('maintenance.view.label')}>
        {(lockers ? (['terminal', 'doors', 'deposit'] as const) : (['terminal'] as const)).map((target) => (
          <button key={target} type="button" className="button" aria-pressed={view === target} onClick={() => setView(target)}>
            {t(`maintenance.view.${target}`)}
          </button>
        ))}
      </div>
      {view === 'terminal' ? (
        <TerminalPanel terminal={terminal} onSignedOut={onSignedOut} />
      ) : view === 'doors' ? (
        <DoorGrid overview={overview} onSignedOut={onSignedOut} />
      ) : (
        <section className="maintenance-section" aria-labelledby="deposit-title">
          <h2 id="deposit-title" className="maintenance-section__title">
            {t('maintenance.deposit.title')}
          </h2>
          {depositState.phase === 'open' || depositState.phase === 'settled' ? (
            <DepositProgress state={depositState} onCancel={deposit.cancel} onAnother={deposit.again} onShowDoors={() => setView('doors')} />
          ) : (
            <DepositForm formId={depositFormId} state={depositState} onOpen={deposit.begin} />
          )}
        </section>
      )}
    </ScreenFrame>
  );
};

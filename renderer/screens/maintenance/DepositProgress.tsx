import { useTranslation } from 'react-i18next';
import { failureSentence } from './failure-sentence.ts';
import { dayAndTime } from '../../i18n/clock-time.ts';
import type { DepositState } from './use-staff-deposit.ts';

interface DepositProgressProps {
  state: Extract<DepositState, { phase: 'open' | 'settled' }>;
  onCancel: () => void;
  onAnother: () => void;
  onShowDoors: () => void;
}

/**
 * A deposit's door is open: put the item in and close the door (or cancel first); then what became of it —
 * registered, and whether the recipient's SMS with the pickup code went out — or nothing registered.
 */
export const DepositProgress = ({ state, onCancel, onAnother, onShowDoors }: DepositProgressProps) => {
  const { t, i18n } = useTranslation();
  if (state.phase === 'open') {
    const door = t('maintenance.door', { cabinet: state.cabinet, door: state.door });
    return (
      <div className="maintenance-progress" data-testid="deposit-progress" data-phase="open" data-cabinet={state.cabinet} data-door={state.door}>
        <p className="maintenance-progress__title" role="status">
          {t('maintenance.deposit.doorOpen', { door, size: t(`maintenance.size.${state.size}`) })}
        </p>
        <p>{state.cancelled ? t('maintenance.deposit.cancelledCloseDoor') : t('maintenance.deposit.putItemIn', { item: state.itemName })}</p>
        {state.cancelFailed !== null && (
          <p className="notice notice--warning" role="alert">
            {failureSentence(t, 'cancelDeposit', state.cancelFailed)}
          </p>
        )}
        {!state.cancelled && (
          <div className="maintenance-progress__actions">
            <button type="button" className="button" onClick={onCancel}>
              {t('maintenance.deposit.cancel')}
            </button>
          </div>
        )}
      </div>
    );
  }
  const { outcome } = state;
  const door = t('maintenance.door', { cabinet: outcome.cabinet, door: outcome.door });
  return (
    <div className="maintenance-progress" data-testid="deposit-progress" data-phase={outcome.status} data-cabinet={outcome.cabinet} data-door={outcome.door}>
      <p className={`maintenance-progress__title${outcome.status === 'registered' ? '' : ' maintenance-progress__title--warning'}`} role="status">
        {outcome.status === 'registered'
          ? t('maintenance.deposit.registered', { item: state.itemName, door, time: dayAndTime(outcome.keepUntil, i18n.language) })
          : t(`maintenance.deposit.${outcome.status === 'cancelled' ? 'cancelled' : 'nothingInside'}`, { door })}
      </p>
      {outcome.status === 'registered' && (
        <p className={outcome.platform === 'code-sent' ? undefined : 'notice notice--warning'} data-testid="deposit-platform">
          {t(`maintenance.deposit.platform.${outcome.platform}`)}
        </p>
      )}
      <div className="maintenance-progress__actions">
        <button type="button" className="button button--primary" onClick={onAnother} autoFocus>
          {t('maintenance.deposit.another')}
        </button>
        <button type="button" className="button" onClick={onShowDoors}>
          {t('maintenance.deposit.showDoors')}
        </button>
      </div>
    </div>
  );
};

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockerDoor } from '../../../main/api/index.ts';
import { canRetrieve, doorCondition } from './door-condition.ts';
import { dayAndTime } from '../../i18n/clock-time.ts';

interface DoorCardProps {
  door: LockerDoor;
  /** An action on this door is under way: its buttons wait. */
  busy: boolean;
  /** The staff member asked to take the item out and is asked to confirm. */
  confirming: boolean;
  onRetrieve: () => void;
  onConfirmRetrieve: () => void;
  onCancelRetrieve: () => void;
  onClearJam: () => void;
}

/**
 * One door for staff: its number and size, whether it is out of service, and what it holds (case, item, since when,
 * until when, overdue, problems); taking the item out (confirmed first: its pickup code stops working) and putting
 * a repaired door back into service.
 */
export const DoorCard = ({ door, busy, confirming, onRetrieve, onConfirmRetrieve, onCancelRetrieve, onClearJam }: DoorCardProps) => {
  const { t, i18n } = useTranslation();
  const nameId = useId();
  const { item } = door;
  const condition = doorCondition(door);
  const waiting = busy || undefined;
  return (
    <li className={`door door--${condition}`} data-cabinet={door.cabinet} data-door={door.door} data-condition={condition}>
      <div className="door__header">
        <p className="door__name" id={nameId}>
          {t('maintenance.door', { cabinet: door.cabinet, door: door.door })}
        </p>
        <p className="door__size">{t(`maintenance.size.${door.size}`)}</p>
      </div>
      <p className="door__condition">{t(`maintenance.doors.condition.${condition}`)}</p>
      {item !== null && (
        <div className="door__item">
          <p className="door__item-name">{item.itemName}</p>
          {item.materials.length > 0 && <p className="door__detail">{item.materials.join('、')}</p>}
          <p className="door__detail">{t('maintenance.doors.caseNumber', { number: item.caseNumber })}</p>
          <p className="door__detail">{t(`maintenance.doors.itemState.${item.state}`)}</p>
          <p className="door__detail">{t('maintenance.doors.placedAt', { time: dayAndTime(item.placedAt, i18n.language) })}</p>
          {item.keepUntil !== null && <p className="door__detail">{t('maintenance.doors.keepUntil', { time: dayAndTime(item.keepUntil, i18n.language) })}</p>}
          {item.problem !== null && <p className="door__problem">{t('maintenance.doors.problem', { problem: item.problem })}</p>}
        </div>
      )}
      <div className="door__actions">
        {canRetrieve(door) && !confirming && (
          <button type="button" className="button" aria-describedby={nameId} aria-disabled={waiting} onClick={onRetrieve}>
            {t('maintenance.doors.retrieve')}
          </button>
        )}
        {confirming && (
          <>
            <p className="door__confirm">{t('maintenance.doors.confirmRetrieve')}</p>
            <button type="button" className="button button--primary" aria-describedby={nameId} aria-disabled={waiting} onClick={onConfirmRetrieve} autoFocus>
              {t('maintenance.doors.openToRetrieve')}
            </button>
            <button type="button" className="button" aria-describedby={nameId} onClick={onCancelRetrieve}>
              {t('maintenance.doors.keepInside')}
            </button>
          </>
        )}
        {door.jammed && (
          <button type="button" className="button" aria-describedby={nameId} aria-disabled={waiting} onClick={onClearJam}>
            {t('maintenance.doors.clearJam')}
          </button>
        )}
      </div>
    </li>
  );
};

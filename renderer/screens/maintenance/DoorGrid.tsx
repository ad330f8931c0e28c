import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorCode, LockerDoor } from '../../../main/api/index.ts';
import { callHost } from '../../kiosk-api.ts';
import { DoorCard } from './DoorCard.tsx';
import { failureSentence } from './failure-sentence.ts';
import { staffFailureOf } from './staff-failure.ts';
import type { LockerOverview } from './use-locker-overview.ts';

type Where = { cabinet: string; door: number };
/** What the last action on a door came to. */
type DoorNotice =
  | ({ kind: 'retrieved' } & Where)
  | ({ kind: 'door-failed'; problem: 'jammed' | 'not-answering' } & Where)
  | ({ kind: 'back-in-service' } & Where)
  | { kind: 'failed'; action: 'retrieve' | 'clearJam'; code: ApiErrorCode };

interface DoorGridProps {
  overview: LockerOverview;
  onSignedOut: () => void;
}

/** Every door of the terminal's cabinets for staff, with what they can do about each; refreshed on request. */
export const DoorGrid = ({ overview, onSignedOut }: DoorGridProps) => {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<DoorNotice | null>(null);
  const doorName = (where: Where) => t('maintenance.door', { cabinet: where.cabinet, door: where.door });

  const act = <T,>(action: 'retrieve' | 'clearJam', call: () => Promise<T>, done: (result: T) => void) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    call()
      .then(done, async (error: unknown) => {
        const failure = await staffFailureOf(error);
        if (failure === 'signed-out') onSignedOut();
        else setNotice({ kind: 'failed', action, code: failure });
      })
      .finally(() => {
        setBusy(false);
        setConfirming(null);
      });
  };
  const retrieve = (reference: string) =>
    act('retrieve', () => callHost('lockers.retrieve', { reference }), (answer) => {
      setNotice(answer.status === 'opened' ? { kind: 'retrieved', cabinet: answer.cabinet, door: answer.door } : { kind: 'door-failed', problem: answer.problem, cabinet: answer.cabinet, door: answer.door });
      overview.refresh();
    });
  const clearJam = ({ cabinet, door }: LockerDoor) =>
    act('clearJam', () => callHost('lockers.clearJam', { cabinet, door }), ({ doors }) => {
      setNotice({ kind: 'back-in-service', cabinet, door });
      overview.show(doors);
    });

  const noticeText =
    notice === null
      ? null
      : notice.kind === 'retrieved'
        ? t('maintenance.doors.retrieved', { door: doorName(notice) })
        : notice.kind === 'door-failed'
          ? t(`maintenance.doors.doorFailed.${notice.problem}`, { door: doorName(notice) })
          : notice.kind === 'back-in-service'
            ? t('maintenance.doors.backInService', { door: doorName(notice) })
            : failureSentence(t, notice.action, notice.code);

  return (
    <section className="maintenance-section" aria-labelledby="doors-title" data-testid="door-grid">
      <div className="maintenance-section__header">
        <h2 id="doors-title" className="maintenance-section__title">
          {t('maintenance.doors.title')}
        </h2>
        <button type="button" className="button" onClick={overview.refresh}>
          {t('maintenance.doors.refresh')}
        </button>
      </div>
      <div aria-live="polite" data-testid="door-notice">
        {noticeText !== null && <p className={`notice${notice?.kind === 'retrieved' || notice?.kind === 'back-in-service' ? '' : ' notice--warning'}`}>{noticeText}</p>}
        {overview.failure !== null && <p className="notice notice--warning">{failureSentence(t, 'overview', overview.failure)}</p>}
      </div>
      {overview.doors === null ? (
        overview.failure === null && <p role="status">{t('maintenance.doors.loading')}</p>
      ) : (
        <ul className="doors">
          {overview.doors.map((door) => (
            <DoorCard
              key={`${door.cabinet}-${door.door}`}
              door={door}
              busy={busy}
              confirming={door.item !== null && confirming === door.item.reference}
              onRetrieve={() => setConfirming(door.item?.reference ?? null)}
              onConfirmRetrieve={() => door.item !== null && retrieve(door.item.reference)}
              onCancelRetrieve={() => setConfirming(null)}
              onClearJam={() => clearJam(door)}
            />
          ))}
        </ul>
      )}
    </section>
  );
};

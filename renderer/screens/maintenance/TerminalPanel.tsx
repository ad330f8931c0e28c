import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorCode, CatalogueReload, OutboxState, TestPrint } from '../../../main/api/index.ts';
import { dayAndTime } from '../../i18n/clock-time.ts';
import { callHost } from '../../kiosk-api.ts';
import { DeviceList } from './DeviceList.tsx';
import { failureSentence } from './failure-sentence.ts';
import { staffFailureOf } from './staff-failure.ts';
import type { TerminalOverview } from './use-maintenance-overview.ts';

/** What the last action on the terminal came to. */
type TerminalNotice =
  | { kind: 'test-print'; outcome: TestPrint }
  | { kind: 'catalogue'; outcome: CatalogueReload }
  | { kind: 'outbox-retried'; outbox: OutboxState }
  | { kind: 'out-of-service'; on: boolean }
  | { kind: 'restarting' }
  | { kind: 'failed'; code: ApiErrorCode };

interface TerminalPanelProps {
  terminal: TerminalOverview;
  onSignedOut: () => void;
}

/**
 * The terminal for staff: each device's health and last error, the outbox and the catalogue, and what staff can do
 * about them — a test page, a catalogue sync, the outbox tried now, out of service and back, a restart (asked twice).
 */
export const TerminalPanel = ({ terminal, onSignedOut }: TerminalPanelProps) => {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [confirmRestart, setConfirmRestart] = useState(false);
  const [notice, setNotice] = useState<TerminalNotice | null>(null);
  const { overview } = terminal;

  const act = <T,>(call: () => Promise<T>, done: (result: T) => TerminalNotice) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    call()
      .then(
        (result) => setNotice(done(result)),
        async (error: unknown) => {
          const failure = await staffFailureOf(error);
          if (failure === 'signed-out') onSignedOut();
          else setNotice({ kind: 'failed', code: failure });
        },
      )
      .finally(() => {
        setBusy(false);
        terminal.refresh();
      });
  };

  const noticeText = (shown: TerminalNotice): string => {
    switch (shown.kind) {
      case 'test-print':
        return shown.outcome.status === 'printed' ? t('maintenance.terminal.printed') : t('maintenance.terminal.notPrinted', { problem: t(`maintenance.terminal.printerProblem.${shown.outcome.problem}`) });
      case 'catalogue':
        return t(`maintenance.terminal.catalogueReload.${shown.outcome.status}`, { version: shown.outcome.catalogue.version ?? '—' });
      case 'outbox-retried':
        return t('maintenance.terminal.outboxRetried', { count: shown.outbox.queued + shown.outbox.sending });
      case 'out-of-service':
        return t(shown.on ? 'maintenance.terminal.nowOutOfService' : 'maintenance.terminal.nowInService');
      case 'restarting':
        return t('maintenance.terminal.restarting');
      case 'failed':
        return failureSentence(t, 'terminal', shown.code);
    }
  };

  if (overview === null) return <p role="status">{terminal.failure === null ? t('maintenance.terminal.loading') : failureSentence(t, 'overview', terminal.failure)}</p>;
  const { outbox, catalogue } = overview;
  return (
    <div className="maintenance-terminal" data-testid="maintenance-terminal">
      <p role="status" className="maintenance-notice" data-testid="terminal-notice">
        {notice === null ? '' : noticeText(notice)}
      </p>
      <section className="maintenance-section" aria-labelledby="devices-title">
        <div className="maintenance-section__header">
          <h2 id="devices-title" className="maintenance-section__title">
            {t('maintenance.terminal.devices')}
          </h2>
          <button type="button" className="button" onClick={terminal.refresh}>
            {t('maintenance.doors.refresh')}
          </button>
        </div>
        <DeviceList devices={overview.devices} />
        {overview.devices.some((device) => device.kind === 'receipt-printer') && (
          <button type="button" className="button" disabled={busy} onClick={() => act(() => callHost('maintenance.testPrint', {}), (outcome) => ({ kind: 'test-print', outcome }))}>
            {t('maintenance.terminal.testPrint')}
          </button>
        )}
      </section>
      <section className="maintenance-section" aria-labelledby="outbox-title" data-testid="outbox-state">
        <h2 id="outbox-title" className="maintenance-section__title">
          {t('maintenance.terminal.outbox')}
        </h2>
        <p>{t('maintenance.terminal.outboxCounts', { queued: outbox.queued + outbox.sending, needsAttention: outbox.needsAttention, rejected: outbox.rejected, accepted: outbox.accepted })}</p>
        <p>{outbox.oldestWaiting === null ? t('maintenance.terminal.nothingWaiting') : t('maintenance.terminal.oldestWaiting', { time: dayAndTime(outbox.oldestWaiting, i18n.language) })}</p>
        <button type="button" className="button" disabled={busy} onClick={() => act(() => callHost('maintenance.retryOutbox', {}), (state) => ({ kind: 'outbox-retried', outbox: state }))}>
          {t('maintenance.terminal.retryNow')}
        </button>
      </section>
      {catalogue !== null && (
        <section className="maintenance-section" aria-labelledby="catalogue-title">
          <h2 id="catalogue-title" className="maintenance-section__title">
            {t('maintenance.terminal.catalogue')}
          </h2>
          <p>{catalogue.loaded ? t('maintenance.terminal.catalogueHeld', { version: catalogue.version ?? '—', count: catalogue.guides }) : t('maintenance.terminal.catalogueNone')}</p>
          <button type="button" className="button" disabled={busy} onClick={() => act(() => callHost('maintenance.reloadCatalogue', {}), (outcome) => ({ kind: 'catalogue', outcome }))}>
            {t('maintenance.terminal.reloadCatalogue')}
          </button>
        </section>
      )}
      <section className="maintenance-section" aria-labelledby="service-title">
        <h2 id="service-title" className="maintenance-section__title">
          {t('maintenance.terminal.service')}
        </h2>
        <p>{t(overview.outOfService ? 'maintenance.terminal.isOutOfService' : 'maintenance.terminal.isInService')}</p>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => act(() => callHost('maintenance.setOutOfService', { outOfService: !overview.outOfService }), ({ outOfService }) => ({ kind: 'out-of-service', on: outOfService }))}
        >
          {t(overview.outOfService ? 'maintenance.terminal.leaveOutOfService' : 'maintenance.terminal.enterOutOfService')}
        </button>
        {confirmRestart ? (
          <div className="maintenance-confirm" role="group" aria-label={t('maintenance.terminal.restart')}>
            <p>{t('maintenance.terminal.confirmRestart')}</p>
            <button type="button" className="button" disabled={busy} onClick={() => act(() => callHost('maintenance.restartKiosk', {}), () => ({ kind: 'restarting' }))}>
              {t('maintenance.terminal.restartNow')}
            </button>
            <button type="button" className="button" onClick={() => setConfirmRestart(false)}>
              {t('maintenance.terminal.keepRunning')}
            </button>
          </div>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => setConfirmRestart(true)}>
            {t('maintenance.terminal.restart')}
          </button>
        )}
      </section>
    </div>
  );
};

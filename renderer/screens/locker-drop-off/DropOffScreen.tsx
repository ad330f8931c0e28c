import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DropOffOpening, DropOffOutcome } from '../../../main/api/index.ts';
import { FinishReminder } from '../../components/FinishReminder.tsx';
import { PrintSlipButton } from '../../components/PrintSlipButton.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { callHost, subscribeToHost } from '../../kiosk-api.ts';
import { useHostQuery } from '../../state/use-host-query.ts';
import { DropOffForm, type DropOffRequest } from './DropOffForm.tsx';

type Open = Extract<DropOffOpening, { status: 'open' }>;
type Phase =
  | { phase: 'form'; busy: boolean; refused: Exclude<DropOffOpening['status'], 'open'> | 'failed' | null }
  | { phase: 'open'; door: Open; request: DropOffRequest }
  | { phase: 'done'; door: Open; request: DropOffRequest; outcome: DropOffOutcome };

/**
 * Material drop-off (材料投递), for an identified citizen: which case, which materials, what size of envelope → a
 * free door opens → "put the envelope in and close the door" → received (the 材料接收凭证 on request) or nothing
 * inside. A case the platform says is not theirs, no free door, a cabinet not answering: each said as it is.
 */
export const DropOffScreen = ({ onBack, onFinish }: { onBack: () => void; onFinish: () => void }) => {
  const { t } = useTranslation();
  const cases = useHostQuery('mine', () => callHost('cases.mine', {}));
  const [state, setState] = useState<Phase>({ phase: 'form', busy: false, refused: null });
  const [receiptPrinted, setReceiptPrinted] = useState(false);

  useEffect(
    () =>
      subscribeToHost((message) => {
        if (message.event !== 'lockers.dropOff.outcome') return;
        const outcome = message.payload;
        setState((current) => (current.phase === 'open' ? { ...current, phase: 'done', outcome } : current));
      }),
    [],
  );

  const start = (request: DropOffRequest) => {
    setState({ phase: 'form', busy: true, refused: null });
    callHost('lockers.dropOff.start', request).then(
      (opening) => setState(opening.status === 'open' ? { phase: 'open', door: opening, request } : { phase: 'form', busy: false, refused: opening.status }),
      () => setState({ phase: 'form', busy: false, refused: 'failed' }),
    );
  };

  const door = (where: { cabinet: string; door: number }) => t('pickup.door', { cabinet: where.cabinet, door: where.door });
  const received = state.phase === 'done' && state.outcome.status === 'received' ? state.outcome : null;
  const title = state.phase === 'open' ? t('dropOff.openTitle', { door: door(state.door) }) : received !== null ? t('dropOff.receivedTitle') : t('dropOff.title');

  return (
    <ScreenFrame
      testId="locker-drop-off"
      title={title}
      toolbar={
        received !== null ? (
          <button type="button" className="button button--primary" onClick={onFinish}>
            {t('dropOff.finish')}
          </button>
        ) : (
          <button type="button" className="button" disabled={state.phase === 'open'} onClick={onBack}>
            {t('dropOff.back')}
          </button>
        )
      }
    >
      {state.phase === 'form' && (
        <>
          {state.refused !== null && (
            <p className="notice notice--warning" role="status" data-testid="drop-off-refused" data-status={state.refused}>
              {t(`dropOff.refused.${state.refused}`)}
            </p>
          )}
          {cases.phase === 'loading' && <p role="status">{t('dropOff.loading')}</p>}
          {cases.phase === 'failed' && (
            <p className="notice notice--warning" role="status">
              {t('dropOff.unavailable')}
            </p>
          )}
          {cases.phase === 'loaded' && <DropOffForm cases={cases.value.cases} busy={state.busy} onSubmit={start} />}
        </>
      )}
      {state.phase === 'open' && (
        <div role="status" data-testid="drop-off-open">
          <p className="locker-door">{door(state.door)}</p>
          <p className="section__text">{t('dropOff.putIn', { materials: state.request.materials.join('、') })}</p>
          <p className="section__text">{t('dropOff.closeIt')}</p>
        </div>
      )}
      {state.phase === 'done' && received !== null && (
        <div role="status" data-testid="drop-off-received" data-platform={received.platform}>
          <p className="section__text">{t('dropOff.received', { number: state.request.caseNumber })}</p>
          <p className="section__text">{t(`dropOff.platform.${received.platform}`)}</p>
          <PrintSlipButton label={t('dropOff.printReceipt')} qrAlt={t('dropOff.receiptQr')} print={() => callHost('lockers.dropOff.printReceipt', {})} onPrinted={() => setReceiptPrinted(true)} />
        </div>
      )}
      {received !== null && <FinishReminder takeAway={receiptPrinted ? ['id-card', 'receipt'] : ['id-card']} onFinish={onFinish} />}
      {state.phase === 'done' && state.outcome.status === 'nothing-inside' && (
        <div role="status" data-testid="drop-off-nothing-inside">
          <p className="notice notice--warning">{t('dropOff.nothingInside', { door: door(state.outcome) })}</p>
          <button type="button" className="button" onClick={() => setState({ phase: 'form', busy: false, refused: null })}>
            {t('dropOff.tryAgain')}
          </button>
        </div>
      )}
    </ScreenFrame>
  );
};

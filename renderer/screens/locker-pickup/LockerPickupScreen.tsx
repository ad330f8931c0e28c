import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickupAnswer, PickupOutcome } from '../../../main/api/index.ts';
import { FinishReminder } from '../../components/FinishReminder.tsx';
import { PrintSlipButton } from '../../components/PrintSlipButton.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { TouchTextField } from '../../components/TouchTextField.tsx';
import { callHost, KioskApiError, subscribeToHost } from '../../kiosk-api.ts';
import { useKeyboardWedge } from '../../scan/use-keyboard-wedge.ts';
import { clockTime } from '../../i18n/clock-time.ts';

type Opened = Extract<PickupAnswer, { status: 'opened' }>;
/** Answers that end the pickup here: the screen says what happens next, and the citizen goes back. */
type Stopping = Extract<PickupAnswer, { status: 'locked' | 'nothing-waiting' | 'cannot-check' | 'door-failed' | 'door-out-of-service' }>;

type Phase =
  | { phase: 'loading' }
  | { phase: 'unavailable' }
  | { phase: 'code'; checking: boolean; complaint: string | null }
  | { phase: 'stopped'; answer: Stopping }
  | { phase: 'open'; door: Opened }
  | { phase: 'done'; door: Opened; outcome: PickupOutcome };

const MAX_CODE_DIGITS = 8;

/**
 * Certificate pickup (证照柜取件), for a citizen identified with their own ID card: the pickup code from the SMS
 * on the number pad, or its QR scanned (a keyboard-wedge scanner types it, a serial or HID scanner's code comes from
 * the host) → the door opens → "take it and close the door" → collected (print the 取件凭证) or still inside. Every
 * other answer is told as it is: a wrong code with the tries left, a lock with its end, nothing waiting, a code
 * that cannot be checked now, a door that would not open.
 */
export const LockerPickupScreen = ({ onBack, onFinish }: { onBack: () => void; onFinish: () => void }) => {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<Phase>({ phase: 'loading' });
  const [code, setCode] = useState('');
  const [slipPrinted, setSlipPrinted] = useState(false);

  useEffect(() => {
    let gone = false;
    callHost('lockers.pickup.begin', {}).then(
      ({ waiting }) => {
        if (!gone) setState(waiting === 0 ? { phase: 'stopped', answer: { status: 'nothing-waiting' } } : { phase: 'code', checking: false, complaint: null });
      },
      () => !gone && setState({ phase: 'unavailable' }),
    );
    return () => {
      gone = true;
      void callHost('lockers.pickup.end', {}).catch(() => undefined);
    };
  }, []);

  const enter = useCallback(
    (entered: string) => {
      setState((current) => (current.phase === 'code' ? { ...current, checking: true, complaint: null } : current));
      callHost('lockers.pickup.enterCode', { code: entered }).then(
        (answer) => {
          setCode('');
          switch (answer.status) {
            case 'opened':
              return setState({ phase: 'open', door: answer });
            case 'wrong-code':
              return setState({ phase: 'code', checking: false, complaint: t('pickup.wrongCode', { count: answer.triesLeft }) });
            case 'not-a-code':
              return setState({ phase: 'code', checking: false, complaint: t('pickup.notACode') });
            default:
              return setState({ phase: 'stopped', answer });
          }
        },
        (error: unknown) =>
          setState({ phase: 'code', checking: false, complaint: t(error instanceof KioskApiError && error.code === 'invalid-request' ? 'pickup.notACode' : 'pickup.failed') }),
      );
    },
    [t],
  );

  const waitingForCode = state.phase === 'code' && !state.checking;
  useKeyboardWedge(waitingForCode, enter);
  useEffect(
    () =>
      subscribeToHost((message) => {
        if (message.event === 'lockers.pickup.codeScanned' && waitingForCode) enter(message.payload.code);
        if (message.event === 'lockers.pickup.outcome') {
          const outcome = message.payload;
          setState((current) => (current.phase === 'open' ? { phase: 'done', door: current.door, outcome } : current));
        }
      }),
    [enter, waitingForCode],
  );

  const door = (where: { cabinet: string; door: number }) => t('pickup.door', { cabinet: where.cabinet, door: where.door });
  const title =
    state.phase === 'open'
      ? t('pickup.openTitle', { door: door(state.door) })
      : state.phase === 'done'
        ? t(state.outcome.status === 'collected' ? 'pickup.collectedTitle' : 'pickup.stillInsideTitle')
        : t('pickup.title');
  const finished = state.phase === 'done' && state.outcome.status === 'collected';

  return (
    <ScreenFrame
      testId="locker-pickup"
      title={title}
      toolbar={
        finished ? (
          <button type="button" className="button button--primary" onClick={onFinish}>
            {t('pickup.finish')}
          </button>
        ) : (
          <button type="button" className="button" disabled={state.phase === 'open'} onClick={onBack}>
            {t('pickup.back')}
          </button>
        )
      }
    >
      {state.phase === 'loading' && <p role="status">{t('pickup.loading')}</p>}
      {state.phase === 'unavailable' && (
        <p className="notice notice--warning" role="status">
          {t('pickup.unavailable')}
        </p>
      )}
      {state.phase === 'code' && (
        <form
          className="locker-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!state.checking) enter(code);
          }}
        >
          <p className="section__text">{t('pickup.codeHelp')}</p>
          <TouchTextField
            label={t('pickup.codeLabel')}
            value={code}
            onChange={(next) => setCode(next.replace(/[^0-9]/g, ''))}
            maxLength={MAX_CODE_DIGITS}
            modes={['numeric']}
            error={state.complaint}
            testId="pickup-code"
          />
          <button type="submit" className="button button--primary" disabled={state.checking || code.length < 6}>
            {state.checking ? t('pickup.checking') : t('pickup.open')}
          </button>
          <p className="section__text">{t('pickup.scanHelp')}</p>
        </form>
      )}
      {state.phase === 'stopped' && (
        <div className="notice notice--warning" role="status" data-testid="pickup-stopped" data-status={state.answer.status}>
          {state.answer.status === 'locked' && <p>{t('pickup.locked', { time: clockTime(state.answer.until, i18n.language) })}</p>}
          {state.answer.status === 'nothing-waiting' && <p>{t('pickup.nothingWaiting')}</p>}
          {state.answer.status === 'cannot-check' && <p>{t('pickup.cannotCheck')}</p>}
          {state.answer.status === 'door-failed' && <p>{t('pickup.doorFailed', { door: door(state.answer) })}</p>}
          {state.answer.status === 'door-out-of-service' && <p>{t('pickup.doorOutOfService', { door: door(state.answer) })}</p>}
        </div>
      )}
      {state.phase === 'open' && (
        <div role="status" data-testid="pickup-open">
          <p className="locker-door">{door(state.door)}</p>
          <p className="section__text">{t('pickup.takeIt', { item: state.door.itemName })}</p>
          <p className="section__text">{t('pickup.closeIt')}</p>
        </div>
      )}
      {state.phase === 'done' && state.outcome.status === 'collected' && (
        <div role="status" data-testid="pickup-collected">
          <p className="section__text">{t('pickup.collected', { item: state.door.itemName, number: state.door.caseNumber })}</p>
          <PrintSlipButton label={t('pickup.printSlip')} qrAlt={t('pickup.slipQr')} print={() => callHost('lockers.pickup.printSlip', {})} onPrinted={() => setSlipPrinted(true)} />
        </div>
      )}
      {finished && <FinishReminder takeAway={slipPrinted ? ['id-card', 'slip'] : ['id-card']} onFinish={onFinish} />}
      {state.phase === 'done' && state.outcome.status === 'still-inside' && (
        <div role="status" data-testid="pickup-still-inside">
          <p className="notice notice--warning">{t('pickup.stillInside', { door: door(state.outcome) })}</p>
          <button type="button" className="button" onClick={() => setState({ phase: 'code', checking: false, complaint: null })}>
            {t('pickup.tryAgain')}
          </button>
        </div>
      )}
    </ScreenFrame>
  );
};

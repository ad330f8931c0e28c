import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationMaterial, ApplicationView, DocumentState, MaterialWayCode, SubmissionResult } from '../../../main/api/index.ts';
import { FinishReminder } from '../../components/FinishReminder.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { callHost } from '../../kiosk-api.ts';
import { useHostQuery } from '../../state/use-host-query.ts';
import { FormStep } from './FormStep.tsx';
import { MaterialsStep } from './MaterialsStep.tsx';
import { RatingStep } from './RatingStep.tsx';
import { ResultStep, type Printing } from './ResultStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { ScanStep } from './ScanStep.tsx';

type Step = 'form' | 'materials' | 'scan' | 'review' | 'result' | 'rating' | 'goodbye';

interface ApplyScreenProps {
  /** Leave the application (before submitting): back to the guide. */
  onLeave: () => void;
  /** The visit is over: the session ends and everything is wiped. */
  onFinish: () => void;
}

/**
 * Applying, step by step (each its own screen with a way back): form → materials → review → submit → result and
 * receipt → rating → goodbye. The application lives in the host; this screen shows the host's view of it.
 */
export const ApplyScreen = ({ onLeave, onFinish }: ApplyScreenProps) => {
  const { t } = useTranslation();
  const loaded = useHostQuery('view', () => callHost('application.view', {}));
  // Each change the citizen makes answers with the host's new view, which replaces the one first loaded.
  const [updated, setView] = useState<ApplicationView | null>(null);
  const view = updated ?? (loaded.phase === 'loaded' ? loaded.value : null);
  const [failed, setFailed] = useState(false);
  const [receipt, setReceipt] = useState<Printing>({ phase: 'printing' });
  const [step, setStep] = useState<Step>('form');
  const [result, setResult] = useState<SubmissionResult | null>(null);
  const [scanning, setScanning] = useState<DocumentState | null>(null);
  const startScan = (material: ApplicationMaterial) => {
    setFailed(false);
    callHost('document.start', { materialId: material.id }).then(
      (state) => {
        setScanning(state);
        setStep('scan');
      },
      () => setFailed(true),
    );
  };
  const update = <T extends ApplicationView>(call: Promise<T>) =>
    call.then((next) => {
      setView(next);
      return next;
    });

  if (failed || loaded.phase === 'failed' || view === null) {
    return (
      <ScreenFrame
        testId="apply"
        title={t('apply.title')}
        toolbar={
          <button type="button" className="button" onClick={onLeave}>
            {t('apply.back')}
          </button>
        }
      >
        <p role="status" className={failed || loaded.phase === 'failed' ? 'notice notice--warning' : undefined}>
          {failed || loaded.phase === 'failed' ? t('apply.failed') : t('apply.loading')}
        </p>
      </ScreenFrame>
    );
  }
  switch (step) {
    case 'form':
      return (
        <FormStep
          view={view}
          onSave={(values) => update(callHost('application.fill', { values }))}
          onNext={() => setStep('materials')}
          onBack={() => {
            void callHost('application.cancel', {}).catch(() => undefined);
            onLeave();
          }}
        />
      );
    case 'materials':
      return (
        <MaterialsStep
          view={view}
          onProvide={(materialId: string, way: MaterialWayCode, signature?: string) =>
            update(callHost('application.provide', { materialId, way, ...(signature === undefined ? {} : { signature }) }))
          }
          onScan={startScan}
          onNext={() => setStep('review')}
          onBack={() => setStep('form')}
        />
      );
    case 'scan':
      return scanning === null ? null : (
        <ScanStep
          state={scanning}
          onState={setScanning}
          onAttach={() =>
            callHost('document.attach', {}).then((attached) => {
              if (attached.attached) {
                setView(attached.application);
                setScanning(null);
                setStep('materials');
              } else setScanning(attached.document);
            })
          }
          onLeave={() => {
            void callHost('document.discard', {}).catch(() => undefined);
            setScanning(null);
            setStep('materials');
          }}
        />
      );
    case 'review':
      return (
        <ReviewStep
          view={view}
          onSubmit={() =>
            callHost('application.submit', {}).then((submitted) => {
              setResult(submitted);
              setStep('result');
              // The receipt prints as the result shows (受理回执, or the slip of a saved case).
              if (submitted.status === 'rejected') return;
              setReceipt({ phase: 'printing' });
              callHost('application.printReceipt', {}).then(
                (outcome) => setReceipt({ phase: 'done', outcome }),
                () => setReceipt({ phase: 'failed' }),
              );
            })
          }
          onBack={() => setStep('materials')}
        />
      );
    case 'result':
      return result === null ? null : <ResultStep result={result} receipt={receipt} onNext={() => setStep('rating')} />;
    case 'rating':
      return <RatingStep onDone={() => setStep('goodbye')} />;
    case 'goodbye':
      return (
        <ScreenFrame
          testId="apply-goodbye"
          title={t('apply.goodbye.title')}
          toolbar={
            <button type="button" className="button button--primary" onClick={onFinish}>
              {t('apply.goodbye.finish')}
            </button>
          }
        >
          <FinishReminder takeAway={receipt.phase === 'done' && receipt.outcome.printed ? ['id-card', 'receipt'] : ['id-card']} onFinish={onFinish} />
        </ScreenFrame>
      );
  }
};

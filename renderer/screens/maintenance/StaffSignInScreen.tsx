import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorCode } from '../../../main/api/index.ts';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { TouchTextField } from '../../components/TouchTextField.tsx';
import { callHost, KioskApiError } from '../../kiosk-api.ts';
import { failureSentence } from './failure-sentence.ts';
import { FormProblem } from './FormProblem.tsx';
import { clockTime } from '../../i18n/clock-time.ts';
import { useIdleTimeout } from './use-idle-timeout.ts';

/**
 * The form left untouched gives the screen back to the attract loop after this long (nobody is signed in yet, so
 * the staff session's idle time does not apply).
 */
const SIGN_IN_IDLE_MS = 60_000;

export interface SignedInStaff {
  staffId: string;
  idleSeconds: number;
}

interface StaffSignInScreenProps {
  onSignedIn: (staff: SignedInStaff) => void;
  onBack: () => void;
  /** The form shows again because the staff session ended (signed out in the host, or idle there). */
  sessionEnded: boolean;
}

type Refusal =
  | { status: 'missing' }
  | { status: 'refused'; triesLeft: number }
  | { status: 'locked'; until: string }
  | { status: 'failed'; code: ApiErrorCode };

/**
 * Maintenance mode's sign-in: staff id and password on the touch keyboard (or a physical one), and honestly why
 * not — how many tries are left before the lockout, or until when sign-in is locked.
 */
export const StaffSignInScreen = ({ onSignedIn, onBack, sessionEnded }: StaffSignInScreenProps) => {
  const { t, i18n } = useTranslation();
  const [staffId, setStaffId] = useState('');
  const [password, setPassword] = useState('');
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const formId = useId();
  useIdleTimeout(SIGN_IN_IDLE_MS, onBack);

  const signIn = (event: FormEvent) => {
    event.preventDefault();
    if (checking) return;
    if (staffId.trim() === '' || password === '') {
      setRefusal({ status: 'missing' });
      return;
    }
    setChecking(true);
    setRefusal(null);
    callHost('staff.signIn', { staffId: staffId.trim(), password })
      .then(
        (answer) => {
          if (answer.status === 'signed-in') onSignedIn({ staffId: answer.staffId, idleSeconds: answer.idleSeconds });
          else {
            setPassword('');
            setRefusal(answer);
          }
        },
        (error: unknown) => setRefusal({ status: 'failed', code: error instanceof KioskApiError ? error.code : 'unavailable' }),
      )
      .finally(() => setChecking(false));
  };

  const message =
    refusal === null
      ? null
      : refusal.status === 'missing'
        ? t('maintenance.signIn.missing')
        : refusal.status === 'refused'
          ? t('maintenance.signIn.refused', { count: refusal.triesLeft })
          : refusal.status === 'locked'
            ? t('maintenance.signIn.locked', { time: clockTime(refusal.until, i18n.language) })
            : failureSentence(t, 'signIn', refusal.code);

  return (
    <ScreenFrame
      testId="staff-sign-in"
      audience="staff"
      title={t('maintenance.signIn.title')}
      toolbar={
        <>
          <button type="button" className="button" onClick={onBack}>
            {t('maintenance.signIn.back')}
          </button>
          {/* In the toolbar, where the touch keyboard never pushes it out of sight; Enter in a field submits too. */}
          <button type="submit" form={formId} className="button button--primary" aria-disabled={checking || undefined}>
            {checking ? t('maintenance.signIn.checking') : t('maintenance.signIn.submit')}
          </button>
        </>
      }
    >
      <p className="section__text">{t('maintenance.signIn.intro')}</p>
      {sessionEnded && (
        <p className="notice" role="status">
          {t('maintenance.signIn.sessionEnded')}
        </p>
      )}
      <form id={formId} className="staff-sign-in" onSubmit={signIn} noValidate>
        <TouchTextField label={t('maintenance.signIn.staffId')} value={staffId} onChange={setStaffId} maxLength={32} modes={['latin', 'symbols']} testId="staff-id" />
        <TouchTextField label={t('maintenance.signIn.password')} value={password} onChange={setPassword} maxLength={200} modes={['latin', 'symbols']} masked testId="staff-password" />
        {message !== null && <FormProblem text={message} testId="sign-in-refusal" />}
      </form>
    </ScreenFrame>
  );
};

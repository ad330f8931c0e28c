import { useTranslation } from 'react-i18next';
import { ChoiceDialog } from './ChoiceDialog.tsx';

interface IdleWarningDialogProps {
  secondsLeft: number;
  onMoreTime: () => void;
  onEndNow: () => void;
}

/** The countdown before a session ends for inactivity: more time (the focused answer) or end now. */
export const IdleWarningDialog = ({ secondsLeft, onMoreTime, onEndNow }: IdleWarningDialogProps) => {
  const { t } = useTranslation();
  return (
    <ChoiceDialog testId="idle-warning" title={t('idle.title')} keepLabel={t('idle.moreTime')} onKeep={onMoreTime} leaveLabel={t('idle.endNow')} onLeave={onEndNow}>
      <p className="dialog__countdown" aria-hidden="true" data-testid="idle-countdown">
        {secondsLeft}
      </p>
      <p>{t('idle.body', { count: secondsLeft })}</p>
    </ChoiceDialog>
  );
};

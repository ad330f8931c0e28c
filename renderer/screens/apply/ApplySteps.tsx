import { useTranslation } from 'react-i18next';

const STEPS = ['form', 'materials', 'review', 'result'] as const;
export type ApplyStepName = (typeof STEPS)[number];

/**
 * Where the citizen is in applying: 填表 → 材料 → 核对 → 提交, the current step marked (aria-current="step") and
 * the steps done ticked, so an elderly first-time citizen sees how far there is to go.
 */
export const ApplySteps = ({ current }: { current: ApplyStepName }) => {
  const { t } = useTranslation();
  const at = STEPS.indexOf(current);
  return (
    <ol className="apply-steps" aria-label={t('apply.steps.label')} data-testid="apply-steps">
      {STEPS.map((step, index) => (
        <li key={step} className={`apply-steps__step apply-steps__step--${index < at ? 'done' : index === at ? 'current' : 'later'}`} aria-current={index === at ? 'step' : undefined}>
          <span className="apply-steps__number" aria-hidden="true">
            {index < at ? '✓' : index + 1}
          </span>
          {t(`apply.steps.${step}`)}
          {index < at && <span className="visually-hidden">{t('apply.steps.done')}</span>}
        </li>
      ))}
    </ol>
  );
};

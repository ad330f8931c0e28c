import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../../main/api/index.ts';
import { RevealableValue } from '../../components/RevealableValue.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { ApplySteps } from './ApplySteps.tsx';

interface ReviewStepProps {
  view: ApplicationView;
  onSubmit: () => Promise<void>;
  onBack: () => void;
}

/** Everything once more before it goes: the items, the form as filled in, how each material is provided. */
export const ReviewStep = ({ view, onSubmit, onBack }: ReviewStepProps) => {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = () => {
    if (submitting) return;
    setSubmitting(true);
    setFailed(false);
    onSubmit().catch(() => {
      setSubmitting(false);
      setFailed(true);
    });
  };
  return (
    <ScreenFrame
      testId="apply-review"
      title={t('apply.review.title')}
      toolbar={
        <>
          <button type="button" className="button" disabled={submitting} onClick={onBack}>
            {t('apply.back')}
          </button>
          <button type="button" className="button button--primary" aria-disabled={submitting} onClick={submit}>
            {submitting ? t('apply.review.submitting') : t('apply.review.submit')}
          </button>
        </>
      }
    >
      <ApplySteps current="review" />
      {submitting && (
        <p className="notice" role="status">
          {t('apply.review.submittingNote')}
        </p>
      )}
      {failed && (
        <p className="notice notice--warning" role="alert">
          {t('apply.failed')}
        </p>
      )}
      <h2 className="section__title">{t('apply.review.items')}</h2>
      <ol className="apply-review__list">
        {view.items.map((item) => (
          <li key={item.taskCode}>
            {item.taskName} <span className="choice__detail">{item.deptName}</span>
          </li>
        ))}
      </ol>
      <h2 className="section__title">{t('apply.review.form')}</h2>
      <dl className="apply-review__fields">
        {view.fields
          .filter((field) => field.value !== '')
          .map((field) => (
            <div key={field.code} className="apply-review__row">
              <dt>{field.label}</dt>
              <dd>{field.masked === null ? field.value : <RevealableValue value={field.value} masked={field.masked} testId={`review-${field.code}`} />}</dd>
            </div>
          ))}
      </dl>
      <h2 className="section__title">{t('apply.review.materials')}</h2>
      <dl className="apply-review__fields">
        {view.materials.map((material) => (
          <div key={material.id} className="apply-review__row">
            <dt>{material.name}</dt>
            <dd>{material.chosen === null ? t('apply.way.none') : t(`apply.way.${material.chosen}`)}</dd>
          </div>
        ))}
      </dl>
    </ScreenFrame>
  );
};

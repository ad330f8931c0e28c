import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationField, ApplicationView } from '../../../main/api/index.ts';
import { ChoiceDialog } from '../../components/ChoiceDialog.tsx';
import type { KeyboardModes } from '../../components/OnScreenKeyboard.tsx';
import { RevealableValue } from '../../components/RevealableValue.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { ApplySteps } from './ApplySteps.tsx';
import { TouchTextField } from '../../components/TouchTextField.tsx';

/** The keyboard each kind of field opens with: numbers for numbers, pinyin first for names and addresses. */
const MODES: Record<Exclude<ApplicationField['type'], 'select' | 'date'>, KeyboardModes> = {
  text: ['pinyin', 'handwriting', 'latin', 'numeric'],
  textarea: ['pinyin', 'handwriting', 'latin', 'numeric'],
  phone: ['numeric'],
  'id-number': ['numeric'],
  number: ['numeric'],
};

interface FormStepProps {
  view: ApplicationView;
  /** Sends the values; resolves with the host's view (each field's problem) or rejects. */
  onSave: (values: Record<string, string>) => Promise<ApplicationView>;
  onNext: () => void;
  onBack: () => void;
}

/**
 * The application form (一表申请): what the card filled in is marked, the rest typed on the touch keyboard (or a
 * physical one), choices as buttons. "Next" checks everything with the host and stays while anything is wrong.
 * "Back" leaves the application; once the citizen has typed something, it asks first.
 */
export const FormStep = ({ view, onSave, onNext, onBack }: FormStepProps) => {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(view.fields.map((field) => [field.code, field.value])));
  const [confirmingBack, setConfirmingBack] = useState(false);
  const typed = view.fields.some((field) => (values[field.code] ?? '') !== field.value);
  // What the last check found; a field the citizen changes since shows no stale complaint.
  const [problems, setProblems] = useState<Record<string, ApplicationField['problem']>>({});
  const [failed, setFailed] = useState(false);
  const problemOf = (field: ApplicationField) => problems[field.code] ?? null;
  const set = (code: string, value: string) => {
    setValues((current) => ({ ...current, [code]: value }));
    setProblems((current) => ({ ...current, [code]: null }));
  };
  const next = () => {
    setFailed(false);
    onSave(values).then(
      (saved) => {
        setProblems(Object.fromEntries(saved.fields.map((field) => [field.code, field.problem])));
        if (saved.fields.every((field) => field.problem === null)) onNext();
      },
      () => setFailed(true),
    );
  };

  return (
    <ScreenFrame
      testId="apply-form"
      title={t('apply.form.title')}
      toolbar={
        <>
          <button type="button" className="button" onClick={() => (typed ? setConfirmingBack(true) : onBack())}>
            {t('apply.back')}
          </button>
          <button type="button" className="button button--primary" onClick={next}>
            {t('apply.next')}
          </button>
        </>
      }
    >
      <ApplySteps current="form" />
      {confirmingBack && (
        <ChoiceDialog
          testId="confirm-leave-form"
          title={t('apply.form.confirmBack.title')}
          keepLabel={t('apply.form.confirmBack.keep')}
          onKeep={() => setConfirmingBack(false)}
          leaveLabel={t('apply.form.confirmBack.leave')}
          onLeave={onBack}
        >
          <p>{t('apply.form.confirmBack.body')}</p>
        </ChoiceDialog>
      )}
      <p className="section__text">{t('apply.form.intro', { title: view.title })}</p>
      {failed && (
        <p className="notice notice--warning" role="alert">
          {t('apply.failed')}
        </p>
      )}
      <div className="apply-form">
        {view.fields.map((field) => {
          const problem = problemOf(field);
          const error = problem === null ? null : t(`apply.problem.${problem}`);
          const label = `${field.label}${field.required ? '' : t('apply.form.optional')}${field.prefilled ? t('apply.form.fromCard') : ''}`;
          if (field.type === 'select') {
            return (
              <fieldset key={field.code} className="apply-form__choice" data-field={field.code} aria-describedby={`${field.code}-error`}>
                <legend className="touch-field__label">{label}</legend>
                <div className="choices">
                  {(field.options ?? []).map((option) => (
                    <button key={option} type="button" className="button" aria-pressed={values[field.code] === option} onClick={() => set(field.code, option)}>
                      {option}
                    </button>
                  ))}
                </div>
                <p id={`${field.code}-error`} className="touch-field__error" aria-live="polite">
                  {error}
                </p>
              </fieldset>
            );
          }
          if (field.type === 'date') {
            return (
              <div key={field.code} className="touch-field" data-field={field.code}>
                <label className="touch-field__label" htmlFor={`${field.code}-date`}>
                  {label}
                </label>
                <input
                  id={`${field.code}-date`}
                  className="touch-field__input"
                  type="date"
                  value={values[field.code] ?? ''}
                  aria-invalid={error !== null}
                  aria-describedby={`${field.code}-error`}
                  onChange={(event) => set(field.code, event.target.value)}
                />
                <p id={`${field.code}-error`} className="touch-field__error" aria-live="polite">
                  {error}
                </p>
              </div>
            );
          }
          if (field.prefilled && field.masked !== null) {
            // The card's number: not typed, and not shown in full to the hall unless the citizen asks.
            return (
              <div key={field.code} className="touch-field" data-field={field.code}>
                <p className="touch-field__label">{label}</p>
                <RevealableValue value={field.value} masked={field.masked} testId={`field-${field.code}`} />
              </div>
            );
          }
          return (
            <TouchTextField
              key={field.code}
              testId={`field-${field.code}`}
              label={label}
              value={values[field.code] ?? ''}
              onChange={(next) => set(field.code, next)}
              maxLength={field.maxLength}
              modes={MODES[field.type]}
              allowX={field.type === 'id-number'}
              error={error}
            />
          );
        })}
      </div>
    </ScreenFrame>
  );
};

import { useId } from 'react';
import { useTouchKeyboard } from '../keyboard/use-touch-keyboard.ts';
import { OnScreenKeyboard, type KeyboardModes } from './OnScreenKeyboard.tsx';

interface TouchTextFieldProps {
  label: string;
  value: string;
  onChange: (next: string) => void;
  maxLength: number;
  /** The keyboard's modes, the first shown first: ['numeric'] for an ID number, ['pinyin', 'latin'] for a name … */
  modes: KeyboardModes;
  /** The numeric pad offers X (the check character of a resident ID number). */
  allowX?: boolean;
  /** A secret (a staff password): shown as dots. */
  masked?: boolean;
  /** Why the value is not accepted, in the citizen's language; tied to the field and announced when it appears. */
  error?: string | null;
  testId?: string;
}

/**
 * A form's text field for the touch screen: its label, the field, a slot for its error message, and the touch
 * keyboard in the right mode, opening when the field is touched or focused. The field holds the value, so a
 * physical keyboard (or a scanner acting as one) types into it too.
 */
export const TouchTextField = ({ label, value, onChange, maxLength, modes, allowX = false, masked = false, error = null, testId }: TouchTextFieldProps) => {
  const id = useId();
  const errorId = `${id}-error`;
  const keyboard = useTouchKeyboard();
  const invalid = error !== null && error !== '';
  return (
    <div className="touch-field" data-testid={testId}>
      <label className="touch-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="touch-field__input"
        type={masked ? 'password' : 'text'}
        // The kiosk's own keyboard below stands in for the operating system's touch keyboard.
        inputMode="none"
        autoComplete="off"
        spellCheck={false}
        maxLength={maxLength}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        {...keyboard.fieldEvents}
      />
      {/* Always present, so that screen readers follow it when a message appears. */}
      <p id={errorId} className="touch-field__error" aria-live="polite">
        {invalid ? error : null}
      </p>
      {keyboard.open && <OnScreenKeyboard value={value} onChange={onChange} maxLength={maxLength} onClose={keyboard.close} modes={modes} allowX={allowX} />}
    </div>
  );
};

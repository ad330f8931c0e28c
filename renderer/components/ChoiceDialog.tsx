import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface ChoiceDialogProps {
  testId: string;
  title: string;
  children: ReactNode;
  /** The safe choice (stay, keep what was typed, more time): it has the focus, and Escape chooses it. */
  keepLabel: string;
  onKeep: () => void;
  /** The choice that loses something (end, leave): never the default. */
  leaveLabel: string;
  onLeave: () => void;
}

/**
 * A question with two answers before something is lost (a session, what was typed). Modal: focus starts on the
 * safe answer and stays in the dialog (Tab moves between the two), Escape answers it; the backdrop covers the screen.
 */
export const ChoiceDialog = ({ testId, title, children, keepLabel, onKeep, leaveLabel, onLeave }: ChoiceDialogProps) => {
  const id = useId();
  const keep = useRef<HTMLButtonElement>(null);
  const leave = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onKeep();
    }
    if (event.key !== 'Tab') return;
    event.preventDefault();
    (document.activeElement === keep.current ? leave.current : keep.current)?.focus();
  };

  return (
    <div className="backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onKeyDown={onKeyDown} data-testid={testId}>
        <h2 id={`${id}-title`} className="dialog__title">
          {title}
        </h2>
        <div id={`${id}-body`}>{children}</div>
        <div className="dialog__actions">
          <button ref={keep} type="button" className="button button--primary" onClick={onKeep}>
            {keepLabel}
          </button>
          <button ref={leave} type="button" className="button" onClick={onLeave}>
            {leaveLabel}
          </button>
        </div>
      </div>
    </div>
  );
};

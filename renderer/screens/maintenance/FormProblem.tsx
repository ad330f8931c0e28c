import { useEffect, useRef } from 'react';

/**
 * Why a form was not accepted, announced when it appears and scrolled into view: the touch keyboard may have pushed
 * it below the fold, and the button that was pressed sits in the toolbar.
 */
export const FormProblem = ({ text, testId }: { text: string; testId: string }) => {
  const shown = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // A block: newer Chromium returns a promise from scrollIntoView, which must not be taken for a cleanup.
    void shown.current?.scrollIntoView({ block: 'nearest' });
  }, [text]);
  return (
    <p ref={shown} className="notice notice--warning" role="alert" data-testid={testId}>
      {text}
    </p>
  );
};

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A value shown on request goes back to its masked form after this long, in case the citizen walks away. */
const SHOWN_FOR_MS = 10_000;

interface RevealableValueProps {
  value: string;
  masked: string;
  testId: string;
}

/**
 * A value others in the hall should not read over the citizen's shoulder (the full ID number): masked, with a
 * 显示 toggle (aria-pressed) that shows it for ten seconds.
 */
export const RevealableValue = ({ value, masked, testId }: RevealableValueProps) => {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!shown) return;
    const hide = setTimeout(() => setShown(false), SHOWN_FOR_MS);
    return () => clearTimeout(hide);
  }, [shown]);
  return (
    <span className="revealable" data-testid={testId}>
      <span className="revealable__value" data-shown={shown}>
        {shown ? value : masked}
      </span>
      <button type="button" className="button revealable__toggle" aria-pressed={shown} onClick={() => setShown(!shown)}>
        {t('reveal.show')}
      </button>
    </span>
  );
};

import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ScreenFrameProps {
  testId: string;
  title: string;
  /** Above the title: the hall's name on the home screen. */
  header?: ReactNode;
  mainClassName?: string;
  children: ReactNode;
  /** The bottom bar's controls (back, language, finish …), after the content in focus order. */
  toolbar: ReactNode;
}

/**
 * Every journey screen's frame: the title gets focus when the screen appears (a screen reader announces it, and
 * the first Tab reaches the first control of the content), the content, then the toolbar at the bottom.
 */
export const ScreenFrame = ({ testId, title, header, mainClassName, children, toolbar }: ScreenFrameProps) => {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="screen" data-testid={testId}>
      {header}
      <main className={`main${mainClassName === undefined ? '' : ` ${mainClassName}`}`}>
        <h1 ref={heading} className="main__title" tabIndex={-1}>
          {title}
        </h1>
        {children}
      </main>
      <nav className="toolbar" aria-label={t('toolbar.label')}>
        {toolbar}
      </nav>
    </div>
  );
};

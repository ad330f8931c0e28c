import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CallStaffButton } from './CallStaffButton.tsx';
import { SessionTimer } from './SessionTimer.tsx';

interface ScreenFrameProps {
  testId: string;
  title: string;
  /** Above the title: the hall's name on the home screen. */
  header?: ReactNode;
  mainClassName?: string;
  children: ReactNode;
  /** The bottom bar's controls (back, language, finish …), after the content in focus order. */
  toolbar: ReactNode;
  /** Whom the screen is for: a citizen's has the session's countdown and 呼叫工作人员; staff's own (maintenance) screens do not. */
  audience?: 'citizen' | 'staff';
}

/**
 * Every journey screen's frame: a top bar (the header, if any, then the session's countdown with "more time" and
 * 呼叫工作人员 at its end), the title, which gets focus when the screen appears (a screen reader announces it, and the
 * first Tab reaches the first control of the content), the content, then the toolbar at the bottom. The top bar
 * is before the title, so Tab reaches it last.
 */
export const ScreenFrame = ({ testId, title, header, mainClassName, children, toolbar, audience = 'citizen' }: ScreenFrameProps) => {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="screen" data-testid={testId}>
      <div className="top-bar">
        {header}
        {audience === 'citizen' && (
          <div className="top-bar__tools" role="region" aria-label={t('topBar.label')}>
            <SessionTimer />
            <CallStaffButton screen={testId} />
          </div>
        )}
      </div>
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

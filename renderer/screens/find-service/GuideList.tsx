import { useTranslation } from 'react-i18next';
import type { GuideSummary } from '../../../main/api/index.ts';

/** Guides to choose from: name, department, and whether it can be done here or at the window / on the phone. */
export const GuideList = ({ guides, onOpen }: { guides: readonly GuideSummary[]; onOpen: (taskCode: string) => void }) => {
  const { t } = useTranslation();
  return (
    <ul className="choices choices--list" data-testid="guide-list">
      {guides.map((guide) => (
        <li key={guide.taskCode}>
          <button type="button" className="choice" data-task-code={guide.taskCode} onClick={() => onOpen(guide.taskCode)}>
            <span className="choice__label">{guide.taskName}</span>
            <span className="choice__detail">{guide.deptName}</span>
            {!guide.kioskCapable && <span className="badge badge--elsewhere">{t('guide.elsewhereShort')}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
};

import { useTranslation } from 'react-i18next';
import type { GuideDetail, GuideMaterial } from '../../../main/api/index.ts';
import { QrCodeImage } from '../../components/QrCodeImage.tsx';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { callHost } from '../../kiosk-api.ts';
import { useHostQuery } from '../../state/use-host-query.ts';


interface GuideScreenProps {
  taskCode: string;
  onBack: () => void;
  /** Starts the application at this terminal; the button shows only when given and the guide can be done here. */
  onStart?: (taskCode: string) => void;
  /** Starting failed (the host refused or did not answer). */
  startFailed?: boolean;
}

/**
 * One guide (办事指南): what it is, who may apply, the materials (with 容缺 and 告知承诺 marked), the legal and
 * promised time limits, fees, where and when, whom to ask. A guide that cannot be handled at a terminal says so
 * and offers the window or a QR to apply on the phone. The platform's texts are shown as text, never as markup.
 */
export const GuideScreen = ({ taskCode, onBack, onStart, startFailed = false }: GuideScreenProps) => {
  const { t } = useTranslation();
  const loaded = useHostQuery(taskCode, () => callHost('catalogue.guide', { taskCode }));
  const guide = loaded.phase === 'loaded' ? loaded.value.guide : null;

  return (
    <ScreenFrame
      testId="guide"
      title={guide?.taskName ?? t('guide.title')}
      toolbar={
        <>
          <button type="button" className="button" onClick={onBack}>
            {t('guide.back')}
          </button>
          {guide !== null && guide.kioskCapable && onStart !== undefined && (
            <button type="button" className="button button--primary" onClick={() => onStart(guide.taskCode)}>
              {t('guide.start')}
            </button>
          )}
        </>
      }
    >
      {startFailed && (
        <p className="notice notice--warning" role="alert">
          {t('apply.startFailed')}
        </p>
      )}
      {loaded.phase === 'failed' && (
        <p className="notice notice--warning" role="status">
          {t('findService.failed')}
        </p>
      )}
      {loaded.phase === 'loaded' && guide === null && (
        <p className="notice" role="status">
          {t('guide.gone')}
        </p>
      )}
      {guide !== null && <GuideBody guide={guide} />}
    </ScreenFrame>
  );
};

const GuideBody = ({ guide }: { guide: GuideDetail }) => {
  const { t } = useTranslation();
  const limitText = (limit: GuideDetail['legalLimit']) =>
    limit === null ? null : limit.workingDays ? t('guide.workingDays', { count: limit.days }) : t('guide.days', { count: limit.days });
  const facts: Array<[label: string, value: string | null]> = [
    [t('guide.dept'), guide.deptName],
    [t('guide.legalLimit'), limitText(guide.legalLimit)],
    [t('guide.promisedLimit'), limitText(guide.promisedLimit)],
    [t('guide.fees'), guide.charged ? (guide.fees.length === 0 ? t('guide.charged') : guide.fees.map((fee) => `${fee.name}：${fee.standard}`).join('；')) : t('guide.free')],
    [t('guide.address'), guide.address],
    [t('guide.hours'), guide.hours],
    [t('guide.enquiries'), guide.enquiries],
  ];
  return (
    <div className="guide" data-testid="guide-body">
      {guide.kioskCapable ? (
        <p className="notice" data-testid="guide-here">
          {t('guide.here')}
        </p>
      ) : (
        <div className="notice notice--warning" data-testid="guide-elsewhere">
          <p className="notice__title">{t('guide.elsewhere')}</p>
          {guide.onlineUrl !== null && (
            <>
              <p>{t('guide.scanToApply')}</p>
              <QrCodeImage value={guide.onlineUrl} alt={t('guide.qrAlt')} testId="online-qr" />
            </>
          )}
        </div>
      )}
      <dl className="facts">
        {facts
          .filter((fact): fact is [string, string] => fact[1] !== null)
          .map(([label, value]) => (
            <div key={label} className="facts__row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {guide.acceptCondition !== null && (
        <section aria-labelledby="guide-conditions">
          <h2 id="guide-conditions" className="section__title">
            {t('guide.conditions')}
          </h2>
          <p className="section__text" data-testid="guide-conditions">
            {guide.acceptCondition}
          </p>
        </section>
      )}
      <section aria-labelledby="guide-materials">
        <h2 id="guide-materials" className="section__title">
          {t('guide.materials')}
        </h2>
        {guide.materials.length === 0 ? (
          <p className="section__text">{t('guide.noMaterials')}</p>
        ) : (
          <ol className="materials" data-testid="guide-materials">
            {guide.materials.map((material, index) => (
              <MaterialItem key={`${index}:${material.name}`} material={material} />
            ))}
          </ol>
        )}
      </section>
      {guide.handleFlow !== null && (
        <section aria-labelledby="guide-flow">
          <h2 id="guide-flow" className="section__title">
            {t('guide.flow')}
          </h2>
          <p className="section__text">{guide.handleFlow}</p>
        </section>
      )}
    </div>
  );
};

const MaterialItem = ({ material }: { material: GuideMaterial }) => {
  const { t } = useTranslation();
  return (
    <li className="material" data-need={material.need} data-commitment={material.commitment}>
      <span className="material__name">{material.name}</span>
      <span className={`badge badge--${material.need}`}>{t(`guide.need.${material.need}`)}</span>
      {material.commitment && <span className="badge badge--commitment">{t('guide.commitment')}</span>}
      {material.copies !== null && <span className="material__detail">{t('guide.copies', { count: material.copies })}</span>}
      {material.source === 'government' && <span className="material__detail">{t('guide.issuedByGovernment')}</span>}
    </li>
  );
};

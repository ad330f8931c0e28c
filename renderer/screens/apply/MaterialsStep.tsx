import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationMaterial, ApplicationView, MaterialWayCode } from '../../../main/api/index.ts';
import { ScreenFrame } from '../../components/ScreenFrame.tsx';
import { ApplySteps } from './ApplySteps.tsx';
import { SignaturePad } from '../../components/SignaturePad.tsx';

interface MaterialsStepProps {
  view: ApplicationView;
  onProvide: (materialId: string, way: MaterialWayCode, signature?: string) => Promise<ApplicationView>;
  /** Scan the material's paper (the scan screen). */
  onScan: (material: ApplicationMaterial) => void;
  onNext: () => void;
  onBack: () => void;
}

/** Ways the citizen chooses; the others (the form, the card, an 电子证照) are chosen for them and only shown. */
const CHOSEN_BY_CITIZEN: readonly MaterialWayCode[] = ['scan', 'commitment', 'deferred', 'none'];

/** What the citizen can do instead of signing a 告知承诺 on the screen, best first: the window when nothing else. */
const INSTEAD_OF_SIGNING: readonly MaterialWayCode[] = ['scan', 'deferred'];

/** The words the materials use that a first-time citizen may not know, each explained once when it appears. */
type Term = 'deferrable' | 'optional' | 'commitment' | 'certificate';
const termsIn = (view: ApplicationView): Term[] => {
  const { materials } = view;
  const terms: Term[] = [];
  if (materials.some((m) => m.need === 'deferrable' || m.ways.includes('deferred'))) terms.push('deferrable');
  if (materials.some((m) => m.need === 'optional')) terms.push('optional');
  if (materials.some((m) => m.ways.includes('commitment'))) terms.push('commitment');
  if (materials.some((m) => m.ways.includes('certificate') || m.chosen === 'certificate')) terms.push('certificate');
  return terms;
};

/**
 * The materials (一套材料): what the card, the form and the applicant's 电子证照 already provide is shown as done;
 * for the rest the citizen chooses — sign a 告知承诺 (its full text, then a signature on the screen), supply it
 * later (容缺), or leave out an optional one. A material this terminal cannot take sends the citizen to the window.
 * The terms (容缺, 选交, 告知承诺, 电子证照) are explained where they appear; "next" before every material is provided
 * says which are left; a citizen who cannot sign is told what to do instead.
 */
export const MaterialsStep = ({ view, onProvide, onScan, onNext, onBack }: MaterialsStepProps) => {
  const { t } = useTranslation();
  const [signing, setSigning] = useState<ApplicationMaterial | null>(null);
  const [cannotSign, setCannotSign] = useState<ApplicationMaterial | null>(null);
  const [nextRefused, setNextRefused] = useState(false);
  const [failed, setFailed] = useState(false);
  const provide = (material: ApplicationMaterial, way: MaterialWayCode, signature?: string) => {
    setFailed(false);
    onProvide(material.id, way, signature).then(
      () => setSigning(null),
      () => setFailed(true),
    );
  };
  const left = view.materials.filter((material) => material.chosen === null && material.need !== 'optional' && material.ways.length > 0);
  const complete = left.length === 0 && view.materials.every((material) => material.chosen !== null || material.need === 'optional') && view.windowOnly.length === 0;
  const next = () => (complete ? onNext() : setNextRefused(true));
  const terms = termsIn(view);
  const insteadOfSigning = (material: ApplicationMaterial) => {
    const ways = INSTEAD_OF_SIGNING.filter((way) => material.ways.includes(way));
    return ways.length === 0 ? t('apply.commitment.instead.window') : ways.map((way) => t('apply.commitment.instead.choose', { choice: t(`apply.choose.${way}`) })).join(t('apply.commitment.instead.or'));
  };

  if (signing !== null) {
    return (
      <ScreenFrame
        testId="apply-commitment"
        title={t('apply.commitment.title', { material: signing.name })}
        toolbar={
          <button type="button" className="button" onClick={() => setSigning(null)}>
            {t('apply.back')}
          </button>
        }
      >
        <p className="section__text">{t('apply.commitment.intro')}</p>
        <blockquote className="apply-commitment__text" data-testid="commitment-text">
          {signing.commitmentText}
        </blockquote>
        {failed && (
          <p className="notice notice--warning" role="alert">
            {t('apply.failed')}
          </p>
        )}
        <SignaturePad label={t('apply.commitment.sign')} onConfirm={(png) => provide(signing, 'commitment', png)} onCannotSign={() => {
            setCannotSign(signing);
            setSigning(null);
          }} />
      </ScreenFrame>
    );
  }

  return (
    <ScreenFrame
      testId="apply-materials"
      title={t('apply.materials.title')}
      toolbar={
        <>
          <button type="button" className="button" onClick={onBack}>
            {t('apply.back')}
          </button>
          <button type="button" className="button button--primary" aria-disabled={!complete} aria-describedby={complete ? undefined : 'materials-left'} onClick={next}>
            {t('apply.next')}
          </button>
        </>
      }
    >
      <ApplySteps current="materials" />
      {!complete && (
        <p id="materials-left" className={nextRefused ? 'notice notice--warning' : 'section__text'} role={nextRefused ? 'alert' : undefined} data-testid="materials-left">
          {view.windowOnly.length > 0
            ? t('apply.materials.leftWindow')
            : t('apply.materials.left', { count: left.length, materials: left.map((material) => material.name).join('、') })}
        </p>
      )}
      {cannotSign !== null && (
        <p className="notice notice--warning" role="status" data-testid="cannot-sign">
          {t('apply.commitment.cannotSign', { material: cannotSign.name, instead: insteadOfSigning(cannotSign) })}
        </p>
      )}
      {terms.length > 0 && (
        <dl className="apply-terms" aria-label={t('apply.terms.title')} data-testid="apply-terms">
          {terms.map((term) => (
            <div key={term} className="apply-terms__term">
              <dt>{t(`apply.terms.${term}.name`)}</dt>
              <dd>{t(`apply.terms.${term}.meaning`)}</dd>
            </div>
          ))}
        </dl>
      )}
      {view.certificates === 'unavailable' && <p className="notice">{t('apply.materials.certificatesUnavailable')}</p>}
      {view.windowOnly.length > 0 && (
        <p className="notice notice--warning" role="status" data-testid="window-only">
          {t('apply.materials.windowOnly', { materials: view.windowOnly.join('、') })}
        </p>
      )}
      {failed && (
        <p className="notice notice--warning" role="alert">
          {t('apply.failed')}
        </p>
      )}
      <ul className="choices choices--list" aria-label={t('apply.materials.title')}>
        {view.materials.map((material) => (
          <li key={material.id} className="apply-material" data-material={material.name}>
            <p className="apply-material__name">
              <span className="choice__label">{material.name}</span> <span className={`badge badge--${material.need}`}>{t(`apply.need.${material.need}`)}</span>
            </p>
            {material.forItems.length > 1 && <p className="choice__detail">{t('apply.materials.forItems', { count: material.forItems.length })}</p>}
            <p className="apply-material__state" data-testid="material-state" data-open={material.chosen === null}>
              {material.chosen === null
                ? material.ways.length === 0
                  ? t('apply.way.window')
                  : t('apply.materials.choose')
                : material.chosen === 'certificate'
                  ? t('apply.way.certificateNamed', { name: material.certificateName ?? material.name })
                  : t(`apply.way.${material.chosen}`)}
            </p>
            <div className="apply-material__ways">
              {material.ways
                // Provided already by the form, the card or an 电子证照: nothing to choose, nothing to scan.
                .filter((way) => CHOSEN_BY_CITIZEN.includes(way) && (material.chosen === null || CHOSEN_BY_CITIZEN.includes(material.chosen)))
                .map((way) => (
                  <button
                    key={way}
                    type="button"
                    className="button"
                    aria-pressed={material.chosen === way}
                    onClick={() => {
                      setCannotSign(null);
                      setNextRefused(false);
                      if (way === 'commitment') setSigning(material);
                      else if (way === 'scan') onScan(material);
                      else provide(material, way);
                    }}
                  >
                    {t(`apply.choose.${way}`)}
                  </button>
                ))}
            </div>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
};

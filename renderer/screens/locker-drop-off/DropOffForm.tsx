import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, DoorSize } from '../../../main/api/index.ts';
import { DoorSizePicker } from '../../components/DoorSizePicker.tsx';
import { TouchTextField } from '../../components/TouchTextField.tsx';

export interface DropOffRequest {
  caseNumber: string;
  materials: string[];
  size: DoorSize;
}

/** Cases waiting for something from the citizen come first: 补正 (supplement) before the rest. */
const DROPPABLE = new Set<CaseSummary['stage']>(['supplement-required', 'submitted', 'pre-review', 'accepted', 'in-review']);

const MAX_MATERIALS = 20;

/**
 * What goes into the door: which of the citizen's cases (those still being handled, 补正 first), the materials by
 * name (one at a time, on the pinyin keyboard), and the envelope's size.
 */
export const DropOffForm = ({ cases, busy, onSubmit }: { cases: readonly CaseSummary[]; busy: boolean; onSubmit: (request: DropOffRequest) => void }) => {
  const { t } = useTranslation();
  const open = [...cases.filter((item) => item.stage === 'supplement-required'), ...cases.filter((item) => item.stage !== 'supplement-required' && DROPPABLE.has(item.stage))];
  const [caseNumber, setCaseNumber] = useState<string | null>(open.length === 1 ? (open[0]?.caseNumber ?? null) : null);
  const [materials, setMaterials] = useState<string[]>([]);
  const [material, setMaterial] = useState('');
  const [size, setSize] = useState<DoorSize | null>(null);
  const add = () => {
    const name = material.trim();
    if (name === '' || materials.includes(name) || materials.length >= MAX_MATERIALS) return;
    setMaterials([...materials, name]);
    setMaterial('');
  };
  const ready = caseNumber !== null && materials.length > 0 && size !== null && !busy;

  if (open.length === 0) {
    return (
      <p className="notice" role="status" data-testid="drop-off-no-case">
        {t('dropOff.noCase')}
      </p>
    );
  }
  return (
    <form
      className="locker-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onSubmit({ caseNumber, materials, size });
      }}
    >
      <h2 className="section__title">{t('dropOff.whichCase')}</h2>
      <div className="choices choices--list" role="radiogroup" aria-label={t('dropOff.whichCase')}>
        {open.map((item) => (
          <button key={item.caseNumber} type="button" role="radio" className="button" aria-checked={caseNumber === item.caseNumber} data-case={item.caseNumber} onClick={() => setCaseNumber(item.caseNumber)}>
            {t('dropOff.caseChoice', { task: item.taskName, stage: t(`caseStage.${item.stage}`), number: item.caseNumber })}
            {item.stageNote !== null && item.stage === 'supplement-required' && <span className="choice__detail">{item.stageNote}</span>}
          </button>
        ))}
      </div>
      <h2 className="section__title">{t('dropOff.whichMaterials')}</h2>
      {materials.length > 0 && (
        <ul className="locker-materials" aria-label={t('dropOff.materialsAdded')}>
          {materials.map((name) => (
            <li key={name}>
              {name}
              <button type="button" className="button" onClick={() => setMaterials(materials.filter((other) => other !== name))}>
                {t('dropOff.removeMaterial', { name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <TouchTextField label={t('dropOff.materialLabel')} value={material} onChange={setMaterial} maxLength={100} modes={['pinyin', 'handwriting', 'latin']} testId="drop-off-material" />
      <button type="button" className="button" disabled={material.trim() === ''} onClick={add}>
        {t('dropOff.addMaterial')}
      </button>
      <DoorSizePicker label={t('dropOff.whichSize')} value={size} onChange={setSize} />
      <button type="submit" className="button button--primary" disabled={!ready}>
        {busy ? t('dropOff.opening') : t('dropOff.open')}
      </button>
    </form>
  );
};

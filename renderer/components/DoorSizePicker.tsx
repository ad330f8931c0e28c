import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoorSize } from '../../main/api/index.ts';

const SIZES: readonly DoorSize[] = ['small', 'medium', 'large'];

/** The size of locker door something needs (a deposit, a drop-off): three big choices, what fits in each said in words. */
export const DoorSizePicker = ({ label, value, onChange }: { label: string; value: DoorSize | null; onChange: (size: DoorSize) => void }) => {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <div className="touch-field">
      <p className="touch-field__label" id={labelId}>
        {label}
      </p>
      <div className="choices door-sizes" role="radiogroup" aria-labelledby={labelId}>
        {SIZES.map((size) => (
          <button key={size} type="button" role="radio" className="button door-sizes__choice" aria-checked={value === size} data-size={size} onClick={() => onChange(size)}>
            {t(`doorSize.${size}`)}
          </button>
        ))}
      </div>
    </div>
  );
};

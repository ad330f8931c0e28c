import { useTranslation } from 'react-i18next';
import type { DoorSize } from '../../main/api/index.ts';

const SIZES: readonly DoorSize[] = ['small', 'medium', 'large'];

/** The size of locker door something needs: three big choices, what fits in each said in words. */
export const DoorSizePicker = ({ label, value, onChange }: { label: string; value: DoorSize | null; onChange: (size: DoorSize) => void }) => {
  const { t } = useTranslation();
  return (
    <div className="choices" role="radiogroup" aria-label={label}>
      {SIZES.map((size) => (
        <button key={size} type="button" role="radio" className="button" aria-checked={value === size} data-size={size} onClick={() => onChange(size)}>
          {t(`doorSize.${size}`)}
        </button>
      ))}
    </div>
  );
};

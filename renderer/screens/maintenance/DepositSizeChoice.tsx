import { useTranslation } from 'react-i18next';
import type { DoorSize } from '../../../main/api/index.ts';

const SIZES: readonly DoorSize[] = ['small', 'medium', 'large'];

/** The door size a deposit needs: three big radio-like buttons, what fits in each said in words. */
export const DepositSizeChoice = ({ value, onChange }: { value: DoorSize | null; onChange: (size: DoorSize) => void }) => {
  const { t } = useTranslation();
  return (
    <div className="touch-field">
      <p className="touch-field__label" id="deposit-size-label">
        {t('maintenance.deposit.size')}
      </p>
      <div className="choices maintenance-sizes" role="radiogroup" aria-labelledby="deposit-size-label">
        {SIZES.map((size) => (
          <button key={size} type="button" role="radio" className="button maintenance-sizes__choice" aria-checked={value === size} data-size={size} onClick={() => onChange(size)}>
            {t(`maintenance.deposit.sizeChoice.${size}`)}
          </button>
        ))}
      </div>
    </div>
  );
};

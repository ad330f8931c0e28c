import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { useTranslation } from 'react-i18next';

/** Letters for pinyin and initials, digits for codes: what a citizen types into a search at a touch kiosk. */
const LAYOUT = {
  default: ['1 2 3 4 5 6 7 8 9 0', 'q w e r t y u i o p', 'a s d f g h j k l', 'z x c v b n m {bksp}', '{clear} {close}'],
};

/**
 * The touch keyboard (simple-keyboard) under a text field: letters and digits, backspace, clear and close. It edits the
 * field's value through `onChange` (the field stays the one source of truth), so a physical keyboard types into
 * the same field. Its keys are not in the Tab order: keyboard users type directly into the field.
 */
interface OnScreenKeyboardProps {
  value: string;
  onChange: (next: string) => void;
  maxLength: number;
  /** The citizen put the keyboard away. */
  onClose: () => void;
}

export const OnScreenKeyboard = ({ value, onChange, maxLength, onClose }: OnScreenKeyboardProps) => {
  const { t } = useTranslation();
  const press = (button: string) => {
    if (button === '{bksp}') onChange([...value].slice(0, -1).join(''));
    else if (button === '{clear}') onChange('');
    else if (button === '{close}') onClose();
    else if (!button.startsWith('{') && value.length < maxLength) onChange(value + button);
  };
  return (
    <div className="on-screen-keyboard" data-testid="on-screen-keyboard" aria-hidden="true">
      <Keyboard
        layout={LAYOUT}
        display={{ '{bksp}': t('keyboard.backspace'), '{clear}': t('keyboard.clear'), '{close}': t('keyboard.close') }}
        onKeyPress={press}
        disableButtonHold
        preventMouseDownDefault
        theme="hg-theme-default on-screen-keyboard__keys"
      />
    </div>
  );
};

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoorSize } from '../../../main/api/index.ts';
import { TouchTextField } from '../../components/TouchTextField.tsx';
import { DoorSizePicker } from '../../components/DoorSizePicker.tsx';
import { failureSentence } from './failure-sentence.ts';
import { FormProblem } from './FormProblem.tsx';
import type { DepositRequest, DepositState } from './use-staff-deposit.ts';

export type DepositFormState = Extract<DepositState, { phase: 'form' | 'opening' | 'refused' | 'failed' }>;

interface DepositFormProps {
  /** Its submit button lives in the screen's toolbar (DepositSubmit), tied to the form by this id. */
  formId: string;
  state: DepositFormState;
  onOpen: (request: DepositRequest) => void;
}

/**
 * What staff deposit: the case, the recipient's ID number (their own card opens the door for them), the item's
 * name in Chinese, and the door size; the host checks the case number and ID number. The form stays filled when no
 * door opened, so another size is one tap away.
 */
export const DepositForm = ({ formId, state, onOpen }: DepositFormProps) => {
  const { t } = useTranslation();
  const [caseNumber, setCaseNumber] = useState('');
  const [recipientIdNumber, setRecipientIdNumber] = useState('');
  const [itemName, setItemName] = useState('');
  const [size, setSize] = useState<DoorSize | null>(null);
  const [incomplete, setIncomplete] = useState(false);
  const opening = state.phase === 'opening';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (opening) return;
    const request = { caseNumber: caseNumber.trim(), recipientIdNumber: recipientIdNumber.trim(), itemName: itemName.trim() };
    if (request.caseNumber === '' || request.recipientIdNumber === '' || request.itemName === '' || size === null) {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    onOpen({ ...request, size });
  };

  const problem = incomplete
    ? t('maintenance.deposit.incomplete')
    : state.phase === 'refused'
      ? t(`maintenance.deposit.refused.${state.reason}`)
      : state.phase === 'failed'
        ? failureSentence(t, 'deposit', state.code)
        : null;

  return (
    <form id={formId} className="maintenance-form" onSubmit={submit} noValidate data-testid="deposit-form">
      <TouchTextField label={t('maintenance.deposit.caseNumber')} value={caseNumber} onChange={setCaseNumber} maxLength={50} modes={['latin']} testId="deposit-case-number" />
      <TouchTextField
        label={t('maintenance.deposit.recipientIdNumber')}
        value={recipientIdNumber}
        onChange={setRecipientIdNumber}
        maxLength={18}
        modes={['numeric']}
        allowX
        testId="deposit-recipient"
      />
      <TouchTextField label={t('maintenance.deposit.itemName')} value={itemName} onChange={setItemName} maxLength={200} modes={['pinyin', 'latin', 'numeric']} testId="deposit-item-name" />
      <DoorSizePicker label={t('maintenance.deposit.size')} value={size} onChange={setSize} />
      {problem !== null && <FormProblem text={problem} testId="deposit-problem" />}
    </form>
  );
};

/** The deposit form's submit button, for the toolbar: always in sight, whatever the touch keyboard covers. */
export const DepositSubmit = ({ formId, state }: { formId: string; state: DepositFormState }) => {
  const { t } = useTranslation();
  const opening = state.phase === 'opening';
  return (
    <button type="submit" form={formId} className="button button--primary" aria-disabled={opening || undefined}>
      {opening ? t('maintenance.deposit.opening') : t('maintenance.deposit.open')}
    </button>
  );
};

import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { SignaturePad } from '../../../../../renderer/components/SignaturePad.tsx';
import { TouchTextField } from '../../../../../renderer/components/TouchTextField.tsx';
import { initI18n } from '../../../../../renderer/i18n/index.ts';
import { applyTheme, standardTheme } from '../../../../../renderer/theme/tokens.ts';
import '../../../../../renderer/theme/kiosk.css';

/**
 * The touch input components as a form screen would use them, before any journey screen does: an ID number
 * (numeric pad with X), a name and an address (pinyin, Latin and numbers), a signature. Texts that belong to
 * the page rather than to a component are written here: this page never ships.
 */
const TouchInputHarness = () => {
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const [cannotSign, setCannotSign] = useState(false);
  const idError = idNumber !== '' && !/^\d{17}[\dX]$/.test(idNumber) ? '请输入18位身份证号码，最后一位可以是X' : null;
  return (
    <main className="main">
      <h1 className="main__title">触控输入组件</h1>
      <TouchTextField testId="id-number" label="身份证号码" value={idNumber} onChange={setIdNumber} maxLength={18} modes={['numeric']} allowX error={idError} />
      <TouchTextField testId="name" label="姓名" value={name} onChange={setName} maxLength={20} modes={['pinyin', 'latin']} />
      <TouchTextField testId="address" label="联系地址" value={address} onChange={setAddress} maxLength={60} modes={['pinyin', 'latin', 'numeric']} />
      <SignaturePad label="申请人签名" onConfirm={setSignature} onCannotSign={() => setCannotSign(true)} />
      {signature !== null && <img className="signature-result" data-testid="signature-result" alt="已确认的签名" src={signature} />}
      {cannotSign && <p role="status">已请工作人员协助签名</p>}
    </main>
  );
};

applyTheme(standardTheme);
await initI18n();
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <TouchInputHarness />
  </StrictMode>,
);

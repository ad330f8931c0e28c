import type { CaseStage } from '../../api/index.ts';
import { layOutReceipt, type ReceiptBranding, type ReceiptRow } from './receipt-frame.ts';
import { formatReceiptTime } from './receipt-templates.ts';

/** Stage names as printed (receipts are in Chinese, the language of record). */
export const STAGE_TEXT: Readonly<Record<CaseStage, string>> = {
  submitted: '已申报',
  'pre-review': '预审中',
  accepted: '已受理',
  'supplement-required': '待补齐补正',
  'in-review': '审批中',
  'special-procedure': '特别程序中',
  completed: '已办结',
  'not-accepted': '不予受理',
  'ready-for-pickup': '待领取',
  collected: '已领取',
};

export interface CaseProgressSlip {
  caseNumber: string;
  taskName: string;
  deptName: string;
  stage: CaseStage;
  stageNote: string | null;
  promiseDate: string | null;
  /** The identified citizen, masked; null when the case was found by scanning its receipt. */
  applicantMasked: string | null;
  printedAt: Date;
  trackingUrl: string;
}

/** 办件进度: where one of the citizen's cases stands, with its tracking QR. */
export const caseProgressSlip = (branding: ReceiptBranding, slip: CaseProgressSlip): Uint8Array => {
  const rows: ReceiptRow[] = [
    { label: '办件编号', value: slip.caseNumber },
    { label: '办理事项', value: slip.taskName },
    { label: '受理部门', value: slip.deptName },
    ...(slip.applicantMasked === null ? [] : [{ label: '申请人', value: slip.applicantMasked }]),
    { label: '当前状态', value: STAGE_TEXT[slip.stage] },
    ...(slip.promiseDate === null ? [] : [{ label: '承诺办结', value: slip.promiseDate }]),
    ...(slip.stageNote === null ? [] : [{ paragraph: slip.stageNote }]),
    { label: '查询时间', value: formatReceiptTime(slip.printedAt, branding.timeZone) },
  ];
  return layOutReceipt(branding, { title: '办件进度', rows, qr: { payload: slip.trackingUrl, caption: '扫码查看最新进度' } });
};

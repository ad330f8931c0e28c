import { layOutReceipt, type ReceiptBranding, type ReceiptRow } from './receipt-frame.ts';

/**
 * The kiosk's receipts (受理回执, 取件凭证, 材料接收凭证). Personal data is masked before it reaches a template:
 * the applicant field is the masked name and number the session gives out, never the full identity.
 */
const pad = (n: number) => String(n).padStart(2, '0');
export const formatReceiptTime = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;

export interface AcceptanceReceipt {
  caseNumber: string;
  /** One item, or the items of a bundle (一件事一次办). */
  itemNames: readonly string[];
  /** e.g. "王*试 1101**********1237". */
  applicantMasked: string;
  /** 承诺办结时限 in working days; 0 = 即办. */
  promiseDays: number;
  acceptedAt: Date;
  trackingUrl: string;
}

/** 受理回执: the case was accepted by the platform. */
export const acceptanceReceipt = (branding: ReceiptBranding, receipt: AcceptanceReceipt): Uint8Array => {
  const items: ReceiptRow[] =
    receipt.itemNames.length === 1
      ? [{ label: '办理事项', value: receipt.itemNames[0] ?? '' }]
      : [{ paragraph: '办理事项（一件事一次办）：' }, ...receipt.itemNames.map((name, i) => ({ paragraph: `${i + 1}. ${name}` }))];
  return layOutReceipt(branding, {
    title: '受理回执',
    rows: [
      { label: '受理编号', value: receipt.caseNumber },
      ...items,
      { label: '申请人', value: receipt.applicantMasked },
      { label: '受理时间', value: formatReceiptTime(receipt.acceptedAt) },
      { label: '承诺时限', value: receipt.promiseDays === 0 ? '即办' : `${receipt.promiseDays}个工作日` },
      { rule: true },
      { paragraph: '请妥善保管本回执。扫描下方二维码或凭受理编号查询办理进度。' },
    ],
    qr: { payload: receipt.trackingUrl, caption: '扫码查询办理进度' },
  });
};

export interface LockerPickupSlip {
  caseNumber: string;
  itemName: string;
  cabinet: string;
  door: number;
  recipientMasked: string;
  collectedAt: Date;
  trackingUrl: string;
}

/** 取件凭证: the citizen collected a certificate from a locker door. */
export const lockerPickupSlip = (branding: ReceiptBranding, slip: LockerPickupSlip): Uint8Array =>
  layOutReceipt(branding, {
    title: '取件凭证',
    rows: [
      { label: '办件编号', value: slip.caseNumber },
      { label: '证照名称', value: slip.itemName },
      { label: '柜门', value: `${slip.cabinet} ${slip.door}号门` },
      { label: '领取人', value: slip.recipientMasked },
      { label: '领取时间', value: formatReceiptTime(slip.collectedAt) },
    ],
    qr: { payload: slip.trackingUrl, caption: '扫码查看办件信息' },
  });

export interface MaterialReceipt {
  caseNumber: string;
  materials: readonly string[];
  cabinet: string;
  door: number;
  applicantMasked: string;
  receivedAt: Date;
  trackingUrl: string;
}

/** 材料接收凭证: the citizen put application materials into a locker door. */
export const materialReceipt = (branding: ReceiptBranding, receipt: MaterialReceipt): Uint8Array =>
  layOutReceipt(branding, {
    title: '材料接收凭证',
    rows: [
      { label: '办件编号', value: receipt.caseNumber },
      { paragraph: '已接收材料：' },
      ...receipt.materials.map((name, i) => ({ paragraph: `${i + 1}. ${name}` })),
      { label: '存放柜门', value: `${receipt.cabinet} ${receipt.door}号门` },
      { label: '提交人', value: receipt.applicantMasked },
      { label: '接收时间', value: formatReceiptTime(receipt.receivedAt) },
      { rule: true },
      { paragraph: '工作人员将在工作时间内取走并审核材料，结果将以短信告知。' },
    ],
    qr: { payload: receipt.trackingUrl, caption: '扫码查询材料审核进度' },
  });

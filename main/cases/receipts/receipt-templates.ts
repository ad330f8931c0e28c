import { layOutReceipt, type ReceiptBranding, type ReceiptRow } from './receipt-frame.ts';

/**
 * The kiosk's receipts (受理回执, 取件凭证, 材料接收凭证). Personal data is masked before it reaches a template:
 * the applicant field is the masked name and number the session gives out, never the full identity.
 */
/** 2026-12-01 09:30, in the hall's time zone (not the machine's: UTC on a fresh Debian). */
export const formatReceiptTime = (date: Date, timeZone: string): string => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
};

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
  /** 查询密码: printed on the receipt and nowhere else. */
  queryPassword?: string;
  /** 容缺: materials to supply later, within the promised time. */
  deferredMaterials?: readonly string[];
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
      { label: '受理时间', value: formatReceiptTime(receipt.acceptedAt, branding.timeZone) },
      { label: '承诺时限', value: receipt.promiseDays === 0 ? '即办' : `${receipt.promiseDays}个工作日` },
      ...(receipt.queryPassword === undefined ? [] : [{ label: '查询密码', value: receipt.queryPassword }]),
      ...(receipt.deferredMaterials === undefined || receipt.deferredMaterials.length === 0
        ? []
        : [
            { rule: true } as const,
            { paragraph: '容缺受理：请在承诺时限内补齐以下材料，逾期未补齐的，本次申请终止办理：' },
            ...receipt.deferredMaterials.map((name, i) => ({ paragraph: `${i + 1}. ${name}` })),
          ]),
      { rule: true },
      { paragraph: '请妥善保管本回执。扫描下方二维码或凭受理编号查询办理进度。' },
    ],
    qr: { payload: receipt.trackingUrl, caption: '扫码查询办理进度' },
  });
};

export interface SavedApplicationSlip {
  localReference: string;
  itemNames: readonly string[];
  applicantMasked: string;
  savedAt: Date;
  hotline: string;
}

/**
 * 申请暂存凭证: the application is committed on the terminal and will be delivered automatically; the platform's
 * case number follows by SMS, and the local reference finds it at any terminal or by the hotline.
 */
export const savedApplicationSlip = (branding: ReceiptBranding, slip: SavedApplicationSlip): Uint8Array =>
  layOutReceipt(branding, {
    title: '申请暂存凭证',
    rows: [
      { label: '本机编号', value: slip.localReference },
      ...slip.itemNames.map((name, i) => ({ paragraph: `${slip.itemNames.length > 1 ? `${i + 1}. ` : '办理事项：'}${name}` })),
      { label: '申请人', value: slip.applicantMasked },
      { label: '保存时间', value: formatReceiptTime(slip.savedAt, branding.timeZone) },
      { rule: true },
      { paragraph: '您的申请已安全保存在本机，网络恢复后将自动提交，无需再次办理。受理后将以短信告知受理编号。' },
      { paragraph: `如有疑问请致电 ${slip.hotline}，并告知本机编号。` },
    ],
  });

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
      { label: '领取时间', value: formatReceiptTime(slip.collectedAt, branding.timeZone) },
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
      { label: '接收时间', value: formatReceiptTime(receipt.receivedAt, branding.timeZone) },
      { rule: true },
      { paragraph: '工作人员将在工作时间内取走并审核材料，结果将以短信告知。' },
    ],
    qr: { payload: receipt.trackingUrl, caption: '扫码查询材料审核进度' },
  });

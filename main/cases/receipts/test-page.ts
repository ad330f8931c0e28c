import { layOutReceipt, type ReceiptBranding } from './receipt-frame.ts';

export interface TestPageContent {
  terminalId: string;
  /** When the page was printed; shown in the terminal's local time, to the second. */
  printedAt: Date;
  /** What the QR holds (kioskctl --qr; the terminal id by default). */
  qr: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const formatLocalDateTime = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;

/** 打印机测试页: a Chinese title, the terminal, date and time, samples of both scripts, a QR and a cut. */
export const testPage = (branding: ReceiptBranding, content: TestPageContent): Uint8Array =>
  layOutReceipt(branding, {
    title: '打印机测试页',
    rows: [
      { label: '终端编号', value: content.terminalId },
      { label: '打印时间', value: formatLocalDateTime(content.printedAt) },
      { label: '纸宽', value: `${branding.paper.name} / ${branding.paper.columns} 列` },
      { rule: true },
      { paragraph: '中文：受理回执 业务编号 ￥0.00' },
      { paragraph: 'ASCII: 0123456789 ABCDEFG abcdefg' },
    ],
    qr: { payload: content.qr, caption: content.qr },
  });

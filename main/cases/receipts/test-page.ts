import { EscPosJob } from '../../../drivers/printer/escpos-encoder.ts';
import { labelValueLines, rule, type PaperProfile } from '../../../drivers/printer/receipt-layout.ts';

export interface TestPageContent {
  terminalId: string;
  hallName: string;
  /** When the page was printed; shown in the terminal's local time. */
  printedAt: Date;
  /** What the QR holds (kioskctl --qr; the terminal id by default). */
  qr: string;
  paper: PaperProfile;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const formatLocalDateTime = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;

/** 打印机测试页: a Chinese title, the terminal, date and time, a QR and a cut; GB18030 in Chinese mode. */
export const testPage = (content: TestPageContent): Uint8Array => {
  const { columns } = content.paper;
  const job = new EscPosJob()
    .initialise()
    .disableFeedButton()
    .chineseMode(true)
    .align('center')
    .size(2, 2)
    .bold(true)
    .line('打印机测试页')
    .size(1, 1)
    .bold(false)
    .line(content.hallName)
    .align('left')
    .line(rule(columns));
  for (const line of labelValueLines('终端编号', content.terminalId, columns)) job.line(line);
  for (const line of labelValueLines('打印时间', formatLocalDateTime(content.printedAt), columns)) job.line(line);
  for (const line of labelValueLines('纸宽', `${content.paper.name} / ${columns} 列`, columns)) job.line(line);
  job.line(rule(columns)).line('中文：受理回执 业务编号 ￥0.00').line('ASCII: 0123456789 ABCDEFG abcdefg');
  return job.align('center').qr(content.qr, { moduleSize: 6, errorCorrection: 'M' }).line(content.qr).feed(3).cut('partial').bytes();
};

import { EscPosJob, type RasterImage } from '../../../drivers/printer/escpos-encoder.ts';
import { labelValueLines, rule, wrapText, type PaperProfile } from '../../../drivers/printer/receipt-layout.ts';

/** What every receipt of a hall shares: its name, hotline, logo and paper (from the terminal config). */
export interface ReceiptBranding {
  hallName: string;
  hotline: string;
  /** The hall's time zone (IANA): the times printed are in it. */
  timeZone: string;
  paper: PaperProfile;
  logo?: RasterImage | undefined;
}

/** A receipt's body, as label/value rows and free paragraphs, between the shared header and footer. */
export type ReceiptRow = { label: string; value: string } | { paragraph: string } | { rule: true };

export interface ReceiptContent {
  title: string;
  rows: readonly ReceiptRow[];
  /** A QR the citizen scans to track the case (an ASCII URL), with a line under it. */
  qr?: { payload: string; caption: string } | undefined;
}

/**
 * Lays out one receipt: logo, hall, title (double size), the rows fitted to the paper, the QR, the hotline,
 * feed and cut. Every receipt template goes through here, so they all look alike and all fit the paper.
 */
export const layOutReceipt = (branding: ReceiptBranding, content: ReceiptContent): Uint8Array => {
  const { columns } = branding.paper;
  const job = new EscPosJob().initialise().disableFeedButton().chineseMode(true).align('center');
  if (branding.logo !== undefined) job.raster(branding.logo);
  for (const line of wrapText(branding.hallName, columns)) job.line(line);
  job.size(2, 2).bold(true);
  for (const line of wrapText(content.title, Math.floor(columns / 2))) job.line(line);
  job.size(1, 1).bold(false).align('left').line(rule(columns));
  for (const row of content.rows) {
    const lines = 'rule' in row ? [rule(columns)] : 'paragraph' in row ? wrapText(row.paragraph, columns) : labelValueLines(row.label, row.value, columns);
    for (const line of lines) job.line(line);
  }
  job.line(rule(columns)).align('center');
  if (content.qr !== undefined) {
    job.qr(content.qr.payload, { moduleSize: branding.paper.name === '58mm' ? 4 : 6, errorCorrection: 'M' });
    for (const line of wrapText(content.qr.caption, columns)) job.line(line);
  }
  for (const line of wrapText(`政务服务热线 ${branding.hotline}`, columns)) job.line(line);
  return job.feed(3).cut('partial').bytes();
};

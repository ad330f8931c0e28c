import { PDFDocument } from 'pdf-lib';

/**
 * One material as one PDF (scanners.md §2.3: one multi-page PDF per 材料, A4): each page's JPEG placed on a page of
 * its own size at the dpi it was made at (2480 × 3508 px at 300 dpi is an A4 page of 595 × 842 pt), in order.
 */
export interface PdfPage {
  jpeg: Uint8Array;
  width: number;
  height: number;
}

export class DocumentTooLarge extends Error {
  readonly bytes: number;

  constructor(bytes: number, limit: number) {
    super(`the document is ${bytes} bytes, over the ${limit}-byte limit`);
    this.name = 'DocumentTooLarge';
    this.bytes = bytes;
  }
}

export const documentPdf = async (pages: readonly PdfPage[], options: { dpi: number; maxBytes: number; title: string; createdAt: Date }): Promise<Uint8Array> => {
  if (pages.length === 0) throw new Error('a document needs at least one page');
  const pdf = await PDFDocument.create();
  pdf.setTitle(options.title);
  pdf.setCreator('gov-service-kiosk');
  pdf.setProducer('pdf-lib');
  pdf.setCreationDate(options.createdAt);
  pdf.setModificationDate(options.createdAt);
  for (const page of pages) {
    const image = await pdf.embedJpg(page.jpeg);
    const width = (page.width / options.dpi) * 72;
    const height = (page.height / options.dpi) * 72;
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  const bytes = await pdf.save({ useObjectStreams: true });
  if (bytes.length > options.maxBytes) throw new DocumentTooLarge(bytes.length, options.maxBytes);
  return bytes;
};

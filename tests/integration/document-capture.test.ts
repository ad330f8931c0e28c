import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { PDFDocument, type PDFDict, PDFName, type PDFNumber, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DocumentCapture, type DocumentScannerSettings } from '../../main/documents/document-capture.ts';
import { PageProcessor } from '../../main/documents/page-processor.ts';
import { systemClock } from '../../main/common/clock.ts';
import { SaneSheetScanner, type SaneSheetScannerOptions } from '../../drivers/scanner/sane-sheet-scanner.ts';
import { CitizenSession } from '../../main/session/citizen-session.ts';

/**
 * Scanning a material with SANE's test device (the real scanimage): two feeder pages become a two-page PDF at the
 * configured dpi; a jam, a missing scanner, a cancelled scan and an oversized file are told apart and leave no file.
 */
const processor = new PageProcessor();
afterAll(() => processor.close());
const FEEDER: SaneSheetScannerOptions = { device: 'test', source: 'feeder', options: ['-x', '200', '-y', '200', '--test-picture', 'Color pattern'] };
const SANE: DocumentScannerSettings = {
  cameraLabel: null,
  dpi: 200,
  colour: 'color',
  maxPageBytes: 2_000_000,
  maxFileBytes: 10_000_000,
  maxPages: 2,
  timeoutMs: 20_000,
};
let session: CitizenSession;
beforeEach(() => {
  session = new CitizenSession({ idleTimeoutMs: 600_000, warningMs: 20_000, defaultLocale: 'zh-CN', locales: ['zh-CN', 'en'], clock: systemClock, newSessionId: () => 's', onChange: () => undefined, onWipeError: () => undefined });
  session.start();
});
const captureWith = (settings: Partial<DocumentScannerSettings> = {}, scanner: SaneSheetScannerOptions = FEEDER) =>
  new DocumentCapture({ settings: { ...SANE, ...settings }, sheetScanner: new SaneSheetScanner(scanner), processor, session, now: () => new Date('2026-11-23T09:00:00Z') });
const leftovers = async () => (await readdir(os.tmpdir())).filter((name) => name.startsWith('kiosk-scan-'));

/** Every image in the PDF, with the dpi its page gives it (pixels ÷ the page's width in inches). */
const pdfImages = async (bytes: Uint8Array) => {
  const pdf = await PDFDocument.load(bytes);
  const widths = pdf.getPages().map((page) => page.getWidth());
  const images = pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
    .map((stream) => ({ width: (stream.dict.get(PDFName.of('Width')) as PDFNumber).asNumber(), filter: String((stream.dict as PDFDict).get(PDFName.of('Filter'))) }));
  return { pages: pdf.getPageCount(), widths, images };
};

describe('scanning a material with a sheet scanner', () => {
  it('scans two pages from the feeder into a two-page PDF at the configured dpi', async () => {
    const capture = captureWith();
    capture.start('m2', '出生医学证明申请表');
    const state = await capture.scan();
    expect(state.problem).toBeNull();
    expect(state.pages).toHaveLength(2);
    expect(state.pages[0]?.preview).toMatch(/^data:image\/jpeg;base64,/);
    const finished = await capture.finish('出生医学证明申领');
    if (!('pdf' in finished)) throw new Error(`not finished: ${finished.problem}`);
    const { pages, widths, images } = await pdfImages(finished.pdf);
    expect(pages).toBe(2);
    expect(images).toHaveLength(2);
    for (const [i, image] of images.entries()) {
      expect(image.filter).toBe('/DCTDecode');
      // The image's pixels over its page's width in inches is the dpi it was scanned at.
      expect(image.width / ((widths[i] ?? 1) / 72)).toBeCloseTo(200, 0);
    }
  });

  it('keeps the order the citizen gives, and deletes a page', async () => {
    const capture = captureWith();
    capture.start('m2', '申请表');
    const { pages } = await capture.scan();
    const [first, second] = pages;
    expect(capture.movePage(second?.id ?? '', 0).pages.map((p) => p.id)).toEqual([second?.id, first?.id]);
    expect(capture.removePage(second?.id ?? '').pages.map((p) => p.id)).toEqual([first?.id]);
    expect(() => capture.removePage('nope')).toThrow(/no page/);
  });

  it('tells a missing scanner and a cancelled scan apart, keeping no page and no file (each SANE status: sane-sheet-scanner.test.ts)', async () => {
    const before = await leftovers();
    const missing = captureWith({}, { device: 'no-such-scanner', source: 'flatbed' });
    missing.start('m2', '申请表');
    expect(await missing.scan()).toMatchObject({ problem: 'missing-device', pages: [] });
    const slow = captureWith({}, { device: 'test', source: 'flatbed', options: ['--read-delay=yes', '--read-delay-duration', '200000'] });
    slow.start('m2', '申请表');
    const scanning = slow.scan();
    setTimeout(() => slow.cancel(), 300);
    expect(await scanning).toMatchObject({ problem: 'cancelled', pages: [] });
    expect(await leftovers()).toEqual(before);
  });

  it('refuses a file over the size limit and keeps the pages to retake; the session end drops everything', async () => {
    const capture = captureWith({ maxFileBytes: 20_000 });
    capture.start('m2', '申请表');
    await capture.scan();
    const refused = await capture.finish('x');
    expect(refused).toMatchObject({ problem: 'oversized' });
    expect('pages' in refused && refused.pages).toHaveLength(2);
    session.end('citizen');
    expect(() => capture.state()).toThrow(/no document/);
  });
});

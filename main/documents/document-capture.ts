import { randomUUID } from 'node:crypto';
import type { DocumentProblem, DocumentState } from '../api/index.ts';
import { ServiceRefused } from '../common/service-refused.ts';
import type { CitizenSession } from '../session/citizen-session.ts';
import { SheetScanFailed, type SheetScan, type SheetScanner } from '../../drivers/scanner/sheet-scanner.ts';
import { DocumentTooLarge, documentPdf } from './document-pdf.ts';
import { previewJpeg } from './page-image.ts';
import type { PageProcessor } from './page-processor.ts';

/** How the terminal's document scanner makes pages, as its config describes it (the sheet scanner itself is a device). */
export interface DocumentScannerSettings {
  /** The camera the page captures from (its name as the system lists it), when the terminal scans with a camera. */
  cameraLabel: string | null;
  dpi: number;
  colour: 'auto' | 'color' | 'gray';
  maxPageBytes: number;
  maxFileBytes: number;
  maxPages: number;
  timeoutMs: number;
}

interface Page {
  id: string;
  jpeg: Uint8Array;
  width: number;
  height: number;
  colour: boolean;
  preview: string;
}

interface Capture {
  materialId: string;
  materialName: string;
  pages: Page[];
  busy: boolean;
  problem: DocumentProblem | null;
  scan: SheetScan | null;
}

export class DocumentRefused extends ServiceRefused {}

const PREVIEW_WIDTH = 320;
const dataUrl = (jpeg: Uint8Array) => `data:image/jpeg;base64,${Buffer.from(jpeg).toString('base64')}`;
const bytesOfDataUrl = (frame: string) => Buffer.from(frame.slice(frame.indexOf(',') + 1), 'base64');

/**
 * Scanning the paper of one material at a time: camera frames (from the page) or sheet-scanner runs (SANE)
 * become straightened pages, held in this session's memory only, then one PDF for the material. Nothing is written
 * to disk here; everything is dropped when the citizen leaves the scan, attaches it, or the session ends.
 */
export class DocumentCapture {
  readonly #settings: DocumentScannerSettings;
  readonly #sheetScanner: SheetScanner | null;
  readonly #processor: PageProcessor;
  readonly #now: () => Date;
  #capture: Capture | null = null;

  /** With a sheet scanner, pages come from it (`scan`); without one, from the page's camera frames (`capture`). */
  constructor(options: { settings: DocumentScannerSettings; sheetScanner: SheetScanner | null; processor: PageProcessor; session: CitizenSession; now: () => Date }) {
    this.#settings = options.settings;
    this.#sheetScanner = options.sheetScanner;
    this.#processor = options.processor;
    this.#now = options.now;
    options.session.onEnd(() => this.discard());
  }

  /** A camera scan is under way: the only time a shell lets the page use the camera. */
  get cameraInUse(): boolean {
    return this.#capture !== null && this.#source === 'camera';
  }

  get #source(): 'camera' | 'sane' {
    return this.#sheetScanner === null ? 'camera' : 'sane';
  }

  start(materialId: string, materialName: string): DocumentState {
    this.discard();
    this.#capture = { materialId, materialName, pages: [], busy: false, problem: null, scan: null };
    return this.state();
  }

  state(): DocumentState {
    const capture = this.#require();
    const source = this.#source;
    return {
      materialId: capture.materialId,
      materialName: capture.materialName,
      source,
      cameraLabel: source === 'camera' ? this.#settings.cameraLabel : null,
      pages: capture.pages.map((page) => ({ id: page.id, preview: page.preview, colour: page.colour })),
      busy: capture.busy,
      problem: capture.problem,
    };
  }

  /** Where the sheet is in a small preview frame: corners as fractions, or null. */
  async outline(frame: string): Promise<{ corners: Array<[number, number]> | null }> {
    this.#require();
    const result = await this.#processor.run({ kind: 'detect', image: bytesOfDataUrl(frame) });
    if (result.kind !== 'detected' || result.quad === null) return { corners: null };
    return { corners: result.quad.map(([x, y]) => [x / result.width, y / result.height] as [number, number]) };
  }

  async capture(frame: string): Promise<DocumentState> {
    const capture = this.#idle('camera');
    await this.#addPage(capture, bytesOfDataUrl(frame), true);
    return this.state();
  }

  async scan(): Promise<DocumentState> {
    const capture = this.#idle('sane');
    const scanner = this.#sheetScanner;
    if (scanner === null) throw new DocumentRefused('invalid-state', 'this terminal scans with a camera');
    const room = this.#settings.maxPages - capture.pages.length;
    if (room <= 0) return this.#fail(capture, 'too-many-pages');
    capture.busy = true;
    capture.problem = null;
    const scan = scanner.scan({
      dpi: this.#settings.dpi,
      mode: this.#settings.colour === 'gray' ? 'gray' : 'color',
      timeoutMs: this.#settings.timeoutMs,
      maxPages: room,
    });
    capture.scan = scan;
    try {
      const pages = await scan.pages;
      for (const page of pages) {
        if (this.#capture !== capture) break;
        if (!(await this.#addPage(capture, page, false))) break;
      }
    } catch (error) {
      capture.problem = error instanceof SheetScanFailed ? error.problem : 'failed';
    } finally {
      capture.busy = false;
      capture.scan = null;
    }
    return this.#capture === capture ? this.state() : this.#gone();
  }

  cancel(): DocumentState {
    const capture = this.#require();
    capture.scan?.cancel();
    return this.state();
  }

  movePage(pageId: string, to: number): DocumentState {
    const capture = this.#require();
    const from = capture.pages.findIndex((page) => page.id === pageId);
    if (from < 0) throw new DocumentRefused('invalid-request', `no page ${pageId}`);
    const [page] = capture.pages.splice(from, 1);
    capture.pages.splice(Math.min(to, capture.pages.length), 0, page as Page);
    return this.state();
  }

  removePage(pageId: string): DocumentState {
    const capture = this.#require();
    const before = capture.pages.length;
    capture.pages = capture.pages.filter((page) => page.id !== pageId);
    if (capture.pages.length === before) throw new DocumentRefused('invalid-request', `no page ${pageId}`);
    capture.problem = null;
    return this.state();
  }

  /** The pages as one PDF for the material, or the state with the problem (oversized) and the pages kept. */
  async finish(title: string): Promise<{ materialId: string; pdf: Uint8Array } | DocumentState> {
    const capture = this.#idle(null);
    if (capture.pages.length === 0) throw new DocumentRefused('invalid-state', 'no page to attach');
    try {
      const pdf = await documentPdf(capture.pages, { dpi: this.#settings.dpi, maxBytes: this.#settings.maxFileBytes, title, createdAt: this.#now() });
      const materialId = capture.materialId;
      this.discard();
      return { materialId, pdf };
    } catch (error) {
      if (error instanceof DocumentTooLarge) return this.#fail(capture, 'oversized');
      throw error;
    }
  }

  /** Drops everything (a scan under way is stopped). */
  discard(): void {
    this.#capture?.scan?.cancel();
    this.#capture = null;
  }

  #require(): Capture {
    if (this.#capture === null) throw new DocumentRefused('invalid-state', 'no document is being scanned');
    return this.#capture;
  }

  /** The capture, when it is not busy (and, if asked, when the terminal scans that way). */
  #idle(kind: 'camera' | 'sane' | null): Capture {
    const capture = this.#require();
    if (kind !== null && this.#source !== kind) throw new DocumentRefused('invalid-state', `this terminal does not scan with ${kind === 'camera' ? 'a camera' : 'a sheet scanner'}`);
    if (capture.busy) throw new DocumentRefused('invalid-state', 'a scan is under way');
    return capture;
  }

  #fail(capture: Capture, problem: DocumentProblem): DocumentState {
    capture.problem = problem;
    return this.state();
  }

  #gone(): never {
    throw new DocumentRefused('invalid-state', 'the scan was left');
  }

  /** Processes one image into a page; false (and the problem set) when it did not become one. */
  async #addPage(capture: Capture, image: Uint8Array, fromCamera: boolean): Promise<boolean> {
    if (capture.pages.length >= this.#settings.maxPages) {
      capture.problem = 'too-many-pages';
      return false;
    }
    capture.busy = true;
    capture.problem = null;
    try {
      const result = await this.#processor.run({
        kind: 'process',
        image,
        dpi: this.#settings.dpi,
        colour: this.#settings.colour,
        maxPageBytes: this.#settings.maxPageBytes,
        requirePage: fromCamera,
      });
      if (this.#capture !== capture) return false;
      if (result.kind === 'page') {
        capture.pages.push({ id: randomUUID(), jpeg: result.jpeg, width: result.width, height: result.height, colour: result.colour, preview: dataUrl(await previewJpeg(result.jpeg, PREVIEW_WIDTH)) });
        return true;
      }
      capture.problem = result.kind === 'no-page' ? 'no-page-found' : result.kind === 'oversized' ? 'oversized' : result.kind === 'failed' ? 'unreadable' : 'failed';
      return false;
    } finally {
      capture.busy = false;
    }
  }
}

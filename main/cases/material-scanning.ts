import type { ApplicationView, DocumentState } from '../api/index.ts';
import type { DocumentCapture } from '../documents/document-capture.ts';
import type { ApplicationService } from './application-service.ts';

/**
 * Scanning one material of the application in progress: only a material the citizen may scan here is scanned, and
 * the finished PDF is attached to that material of that application.
 */
export class MaterialScanning {
  readonly #applications: ApplicationService;
  readonly #documents: DocumentCapture;

  constructor(options: { applications: ApplicationService; documents: DocumentCapture }) {
    this.#applications = options.applications;
    this.#documents = options.documents;
  }

  start(materialId: string): DocumentState {
    const material = this.#applications.scannableMaterial(materialId);
    return this.#documents.start(material.id, material.name);
  }

  /** The pages become the material's PDF (titled after the application); or the state with what stopped it. */
  async attach(): Promise<{ attached: true; application: ApplicationView } | { attached: false; document: DocumentState }> {
    const view = await this.#applications.view();
    const finished = await this.#documents.finish(view.title);
    if (!('pdf' in finished)) return { attached: false, document: finished };
    return { attached: true, application: await this.#applications.attachScan(finished.materialId, finished.pdf) };
  }
}

import { z } from 'zod';
import { platformCaseListSchema, platformCaseSchema, type PlatformCase } from './case-status.ts';
import { PlatformUnreachable, type PlatformAdapter, type PlatformHealth, type SignedCatalogueManifest } from './platform-adapter.ts';

export interface HttpPlatformAdapterOptions {
  baseUrl: string;
  timeoutMs: number;
  /** How long a catalogue download may take (a snapshot is tens of megabytes); default 5 minutes. */
  downloadTimeoutMs?: number;
  /** The largest catalogue body accepted; default 512 MiB. */
  maxDownloadBytes?: number;
  fetch?: typeof fetch;
}

const signedManifestSchema = z.object({ manifest: z.string().min(2).max(10_000), signature: z.string().regex(/^[0-9a-f]{128}$/) });

const healthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime({ offset: true }) });

/** The platform over HTTP, as described in docs/platform-api.yaml. */
export class HttpPlatformAdapter implements PlatformAdapter {
  readonly #baseUrl: URL;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #downloadTimeoutMs: number;
  readonly #maxDownloadBytes: number;

  constructor(options: HttpPlatformAdapterOptions) {
    this.#downloadTimeoutMs = options.downloadTimeoutMs ?? 300_000;
    this.#maxDownloadBytes = options.maxDownloadBytes ?? 512 * 1024 * 1024;
    // A trailing slash makes relative paths resolve under the base path (https://gw.example/kiosk/ + v1/health).
    this.#baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.#timeoutMs = options.timeoutMs;
    this.#fetch = options.fetch ?? fetch;
  }

  async checkHealth(signal?: AbortSignal): Promise<PlatformHealth> {
    const body = await this.#getJson('v1/health', signal);
    const parsed = healthSchema.safeParse(body);
    if (!parsed.success) throw new PlatformUnreachable('health answer does not match the platform contract');
    return { serverTime: parsed.data.time };
  }

  async casesOfApplicant(idNumber: string): Promise<PlatformCase[]> {
    const body = await this.#getJson(`v1/cases?applicantIdNumber=${encodeURIComponent(idNumber)}`);
    const parsed = platformCaseListSchema.safeParse(body);
    if (!parsed.success) throw new PlatformUnreachable('case list does not match the platform contract');
    return parsed.data.cases;
  }

  async caseByNumber(caseNumber: string): Promise<PlatformCase | null> {
    const body = await this.#getJson(`v1/cases/${encodeURIComponent(caseNumber)}`, undefined, true);
    if (body === null) return null;
    const parsed = platformCaseSchema.safeParse(body);
    if (!parsed.success) throw new PlatformUnreachable('case does not match the platform contract');
    return parsed.data;
  }

  async catalogueManifest(since: number | null): Promise<SignedCatalogueManifest> {
    const body = await this.#getJson(since === null ? 'v1/catalogue/manifest' : `v1/catalogue/manifest?since=${since}`);
    const parsed = signedManifestSchema.safeParse(body);
    if (!parsed.success) throw new PlatformUnreachable('catalogue manifest does not match the platform contract');
    return parsed.data;
  }

  catalogueSnapshot(version: number): Promise<string> {
    return this.#download(`v1/catalogue/snapshot?version=${version}`);
  }

  catalogueDelta(since: number, version: number): Promise<string> {
    return this.#download(`v1/catalogue/delta?since=${since}&version=${version}`);
  }

  /** GET and parse JSON; with `notFoundIsNull`, a 404 is an answer (null), not a failure. */
  async #getJson(path: string, signal?: AbortSignal, notFoundIsNull = false): Promise<unknown> {
    const response = await this.#get(path, 'application/json', this.#timeoutMs, signal);
    if (response.status === 404 && notFoundIsNull) {
      await response.body?.cancel();
      return null;
    }
    await this.#ensureOk(response);
    try {
      return await response.json();
    } catch (error) {
      throw new PlatformUnreachable('answer is not JSON', { cause: error });
    }
  }

  /** GET a catalogue body as text, within the download time and size limits. */
  async #download(path: string): Promise<string> {
    const response = await this.#get(path, 'application/x-ndjson', this.#downloadTimeoutMs);
    await this.#ensureOk(response);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > this.#maxDownloadBytes) {
      await response.body?.cancel();
      throw new PlatformUnreachable(`catalogue body of ${declared} bytes is over the ${this.#maxDownloadBytes}-byte limit`);
    }
    try {
      const bytes = await response.bytes();
      if (bytes.length > this.#maxDownloadBytes) throw new PlatformUnreachable(`catalogue body is over the ${this.#maxDownloadBytes}-byte limit`);
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (error) {
      if (error instanceof PlatformUnreachable) throw error;
      throw new PlatformUnreachable('catalogue download broke off or is not UTF-8', { cause: error });
    }
  }

  /**
   * GET once more when the first attempt's connection failed before any answer (a kept-alive connection the server
   * had just closed fails that way); these GETs change nothing, so repeating one is safe.
   */
  async #get(path: string, accept: string, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const url = new URL(path, this.#baseUrl);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#fetch(url, { headers: { accept }, signal: combined });
      } catch (error) {
        if (attempt < 2 && !combined.aborted) continue;
        const reason = timeout.aborted ? `no answer within ${timeoutMs} ms` : 'connection failed';
        throw new PlatformUnreachable(reason, { cause: error });
      }
    }
  }

  async #ensureOk(response: Response): Promise<void> {
    if (response.ok) return;
    await response.body?.cancel();
    throw new PlatformUnreachable(`HTTP ${response.status} from ${new URL(response.url || this.#baseUrl).pathname}`);
  }
}

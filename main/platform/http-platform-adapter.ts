import { z } from 'zod';
import { platformCaseListSchema, platformCaseSchema, type PlatformCase } from './case-status.ts';
import { PlatformUnreachable, type PlatformAdapter, type PlatformHealth } from './platform-adapter.ts';

export interface HttpPlatformAdapterOptions {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const healthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime({ offset: true }) });

/** The platform over HTTP, as described in docs/platform-api.yaml. */
export class HttpPlatformAdapter implements PlatformAdapter {
  readonly #baseUrl: URL;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: HttpPlatformAdapterOptions) {
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

  /** GET and parse JSON; with `notFoundIsNull`, a 404 is an answer (null), not a failure. */
  async #getJson(path: string, signal?: AbortSignal, notFoundIsNull = false): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const url = new URL(path, this.#baseUrl);
    let response: Response;
    try {
      response = await this.#fetch(url, {
        headers: { accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      const reason = timeout.aborted ? `no answer within ${this.#timeoutMs} ms` : 'connection failed';
      throw new PlatformUnreachable(reason, { cause: error });
    }
    if (response.status === 404 && notFoundIsNull) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new PlatformUnreachable(`HTTP ${response.status} from ${url.pathname}`);
    }
    try {
      return await response.json();
    } catch (error) {
      throw new PlatformUnreachable('answer is not JSON', { cause: error });
    }
  }
}

import { z } from 'zod';
import { platformCaseListSchema, platformCaseSchema, type PlatformCase } from './case-status.ts';
import {
  lockerCollectionAcceptanceSchema,
  lockerDepositAcceptanceSchema,
  materialDropOffAcceptanceSchema,
  pickupCodeMatchSchema,
  type LockerCollectionAcceptance,
  type LockerDepositAcceptance,
  type MaterialDropOffAcceptance,
  type PickupCodeCheck,
} from './locker-deliveries.ts';
import { EnrolmentRefused, PlatformUnreachable, TerminalRefused, type PlatformAdapter, type PlatformHealth, type SignedCatalogueManifest } from './platform-adapter.ts';
import {
  caseAcceptanceSchema,
  certificateListSchema,
  ratingAcceptanceSchema,
  type CaseAcceptance,
  type Certificate,
  type DeliveryOutcome,
  type RatingAcceptance,
} from './platform-deliveries.ts';
import { PlatformClock } from './platform-clock.ts';
import { signatureHeaders, type RequestSigner } from './request-signing.ts';

export interface HttpPlatformAdapterOptions {
  baseUrl: string;
  timeoutMs: number;
  /** How long a catalogue download may take (a snapshot is tens of megabytes); default 5 minutes. */
  downloadTimeoutMs?: number;
  /** The largest catalogue body accepted; default 512 MiB. */
  maxDownloadBytes?: number;
  /** The terminal's key: signs every request made for a citizen. Without one, such requests are refused. */
  signer?: RequestSigner;
  /** This terminal's own clock (default: the system's). */
  now?: () => Date;
  /** Corrected by every health check; requests are signed with its time (default: one over `now`). */
  platformClock?: PlatformClock;
  fetch?: typeof fetch;
}

const errorBodySchema = z.object({ error: z.object({ code: z.string().max(100), message: z.string().max(2000), detail: z.array(z.string().max(1000)).max(50).optional() }) });

const signedManifestSchema = z.object({ manifest: z.string().min(2).max(10_000), signature: z.string().regex(/^[0-9a-f]{128}$/) });

const healthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime({ offset: true }) });

/** The platform over HTTP, as described in docs/platform-api.yaml. */
export class HttpPlatformAdapter implements PlatformAdapter {
  readonly #baseUrl: URL;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #downloadTimeoutMs: number;
  readonly #maxDownloadBytes: number;
  readonly #signer: RequestSigner | undefined;
  readonly #now: () => Date;
  readonly #platformClock: PlatformClock;

  constructor(options: HttpPlatformAdapterOptions) {
    this.#signer = options.signer;
    this.#now = options.now ?? (() => new Date());
    this.#platformClock = options.platformClock ?? new PlatformClock({ localNow: this.#now });
    this.#downloadTimeoutMs = options.downloadTimeoutMs ?? 300_000;
    this.#maxDownloadBytes = options.maxDownloadBytes ?? 512 * 1024 * 1024;
    // A trailing slash makes relative paths resolve under the base path (https://gw.example/kiosk/ + v1/health).
    this.#baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.#timeoutMs = options.timeoutMs;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Also measures how far the platform's clock is from this terminal's (the time requests are signed with). */
  async checkHealth(signal?: AbortSignal): Promise<PlatformHealth> {
    const sentAt = this.#now();
    const body = await this.#getJson('v1/health', signal);
    const receivedAt = this.#now();
    const parsed = healthSchema.safeParse(body);
    if (!parsed.success) throw new PlatformUnreachable('health answer does not match the platform contract');
    this.#platformClock.observe(new Date(parsed.data.time), sentAt, receivedAt);
    return { serverTime: parsed.data.time };
  }

  /** The ID number goes in the signed body, never into the URL: gateways and proxies log URLs (review finding 10). */
  async casesOfApplicant(idNumber: string): Promise<PlatformCase[]> {
    const response = await this.#send('POST', 'v1/cases/search', JSON.stringify({ applicantIdNumber: idNumber }));
    await this.#ensureOk(response);
    const parsed = platformCaseListSchema.safeParse(await response.json().catch(() => null));
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

  async enrolTerminal(enrolmentCode: string): Promise<void> {
    const signer = this.#requireSigner();
    const response = await this.#send('POST', 'v1/terminals', JSON.stringify({ terminalId: signer.terminalId, publicKey: signer.publicKey, enrolmentCode }));
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const error = await this.#errorOf(response);
    if (response.status >= 500 || [408, 425, 429].includes(response.status)) throw new PlatformUnreachable(`HTTP ${response.status} from /v1/terminals`);
    if (response.status === 401) throw new TerminalRefused(error.code, error.message);
    throw new EnrolmentRefused(error.code, error.message);
  }

  submitCase(body: string, idempotencyKey: string): Promise<DeliveryOutcome<CaseAcceptance>> {
    return this.#deliver('v1/cases', body, idempotencyKey, caseAcceptanceSchema);
  }

  submitRating(body: string, idempotencyKey: string): Promise<DeliveryOutcome<RatingAcceptance>> {
    return this.#deliver('v1/ratings', body, idempotencyKey, ratingAcceptanceSchema);
  }

  async certificatesOf(holderIdNumber: string): Promise<Certificate[]> {
    const response = await this.#send('POST', 'v1/certificates/query', JSON.stringify({ holderIdNumber }));
    await this.#ensureOk(response);
    const parsed = certificateListSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new PlatformUnreachable('certificate list does not match the platform contract');
    return parsed.data.certificates;
  }

  registerLockerDeposit(body: string, idempotencyKey: string): Promise<DeliveryOutcome<LockerDepositAcceptance>> {
    return this.#deliver('v1/lockers/deposits', body, idempotencyKey, lockerDepositAcceptanceSchema);
  }

  reportLockerCollection(body: string, idempotencyKey: string): Promise<DeliveryOutcome<LockerCollectionAcceptance>> {
    return this.#deliver('v1/lockers/collections', body, idempotencyKey, lockerCollectionAcceptanceSchema);
  }

  reportMaterialDropOff(body: string, idempotencyKey: string): Promise<DeliveryOutcome<MaterialDropOffAcceptance>> {
    return this.#deliver('v1/lockers/drop-offs', body, idempotencyKey, materialDropOffAcceptanceSchema);
  }

  /**
   * Asks which item a code opens, with the same meaning of answers as a delivery: 2xx with a valid match; 401 the
   * terminal refused; 408, 425, 429, 5xx, nothing or garbage: unreachable; any other 4xx: no (no-match, locked-out).
   */
  async checkPickupCode(pickupCode: string, recipientIdNumber: string): Promise<PickupCodeCheck> {
    const target = 'v1/lockers/pickup-code-checks';
    const response = await this.#send('POST', target, JSON.stringify({ pickupCode, recipientIdNumber }));
    if (response.ok) {
      const parsed = pickupCodeMatchSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new PlatformUnreachable(`the answer from /${target} does not match the platform contract`);
      return { matched: true, item: parsed.data };
    }
    const error = await this.#errorOf(response);
    if (response.status === 401) throw new TerminalRefused(error.code, error.message);
    if (response.status >= 500 || [408, 425, 429].includes(response.status)) throw new PlatformUnreachable(`HTTP ${response.status} from /${target}`);
    return { matched: false, code: error.code, message: error.message };
  }

  /**
   * POSTs a delivery with its Idempotency-Key. 2xx with a valid answer: accepted. 401: the terminal was refused (no
   * decision). 408, 425, 429, 5xx, no answer or an answer that is not the contract: no decision either. Any other
   * 4xx: the platform decided against it.
   */
  async #deliver<T>(target: string, body: string, idempotencyKey: string, schema: z.ZodType<T>): Promise<DeliveryOutcome<T>> {
    const response = await this.#send('POST', target, body, { 'idempotency-key': idempotencyKey });
    if (response.ok) {
      const parsed = schema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new PlatformUnreachable(`the answer from /${target} does not match the platform contract`);
      return { outcome: 'accepted', answer: parsed.data, replayed: response.headers.get('idempotent-replayed') === 'true' };
    }
    const error = await this.#errorOf(response);
    if (response.status === 401) throw new TerminalRefused(error.code, error.message);
    if (response.status >= 500 || [408, 425, 429].includes(response.status)) throw new PlatformUnreachable(`HTTP ${response.status} from /${target}`);
    return { outcome: 'rejected', code: error.code, message: error.message, detail: error.detail ?? [] };
  }

  /** The platform's error body, or a stand-in when it sent something else. */
  async #errorOf(response: Response): Promise<{ code: string; message: string; detail?: string[] | undefined }> {
    const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
    return parsed.success ? parsed.data.error : { code: `http-${response.status}`, message: `HTTP ${response.status} without the platform's error body` };
  }

  #requireSigner(): RequestSigner {
    if (this.#signer === undefined) throw new TerminalRefused('unsigned', 'this terminal has no key to sign with');
    return this.#signer;
  }

  /** A signed request (never repeated here: a POST is repeated by its owner, under its Idempotency-Key). */
  async #send(method: string, path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
    const signer = this.#requireSigner();
    const url = new URL(path, this.#baseUrl);
    const bytes = Buffer.from(body, 'utf8');
    const signed = signatureHeaders(signer, method, `${url.pathname}${url.search}`, bytes, this.#platformClock.now());
    try {
      return await this.#fetch(url, {
        method,
        headers: { ...headers, ...signed, accept: 'application/json', 'content-type': 'application/json; charset=utf-8' },
        body: bytes,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new PlatformUnreachable('connection failed or no answer in time', { cause: error });
    }
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
        // Signed when the terminal has a key (each attempt with its own nonce); the catalogue and health need none.
        const signed = this.#signer === undefined ? {} : signatureHeaders(this.#signer, 'GET', `${url.pathname}${url.search}`, new Uint8Array(), this.#platformClock.now());
        return await this.#fetch(url, { headers: { ...signed, accept }, signal: combined });
      } catch (error) {
        if (attempt < 2 && !combined.aborted) continue;
        const reason = timeout.aborted ? `no answer within ${timeoutMs} ms` : 'connection failed';
        throw new PlatformUnreachable(reason, { cause: error });
      }
    }
  }

  async #ensureOk(response: Response): Promise<void> {
    if (response.ok) return;
    if (response.status === 401) {
      const error = await this.#errorOf(response);
      throw new TerminalRefused(error.code, error.message);
    }
    await response.body?.cancel();
    throw new PlatformUnreachable(`HTTP ${response.status} from ${new URL(response.url || this.#baseUrl).pathname}`);
  }
}

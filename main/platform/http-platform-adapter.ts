import type { z } from 'zod';
import type { PlatformCase } from './case-status.ts';
import {
  lockerCollectionAcceptanceSchema,
  lockerDepositAcceptanceSchema,
  materialDropOffAcceptanceSchema,
  type LockerCollectionAcceptance,
  type LockerDepositAcceptance,
  type MaterialDropOffAcceptance,
  type PickupCodeCheck,
} from './locker-deliveries.ts';
import { PlatformUnreachable, TerminalRefused, type PlatformAdapter, type PlatformHealth, type SignedCatalogueManifest } from './platform-adapter.ts';
import {
  platformError,
  readCase,
  readCaseList,
  readCatalogueManifest,
  readCertificates,
  readDelivery,
  readEnrolment,
  readHealth,
  readPickupCodeCheck,
} from './platform-answers.ts';
import {
  caseAcceptanceSchema,
  ratingAcceptanceSchema,
  type CaseAcceptance,
  type Certificate,
  type DeliveryOutcome,
  type RatingAcceptance,
} from './platform-deliveries.ts';
import { PlatformClock } from './platform-clock.ts';
import { signatureHeaders, type RequestSigner } from './request-signing.ts';

/**
 * Every request the adapter makes, by a name of its own (never the URL, which carries case numbers and versions), so
 * that what observes them (the terminal's metrics) has a small, fixed set of label values.
 */
export const PLATFORM_ROUTES = [
  'health',
  'cases.search',
  'cases.status',
  'cases.submit',
  'ratings.submit',
  'catalogue.manifest',
  'catalogue.snapshot',
  'catalogue.delta',
  'terminals.enrol',
  'certificates.query',
  'lockers.deposit',
  'lockers.collection',
  'lockers.drop-off',
  'lockers.pickup-code-check',
] as const;
export type PlatformRoute = (typeof PLATFORM_ROUTES)[number];

/**
 * How one HTTP request ended: an answer with a 2xx status, an answer with any other status (a 404 the adapter reads
 * as "none" included), no connection or no answer (or the caller gave up), or no answer within the adapter's time.
 */
export type PlatformRequestOutcome = 'ok' | 'http-error' | 'network-error' | 'timeout';

/** One HTTP request as observed: `seconds` until the answer's status and headers came (or it failed). */
export interface PlatformRequest {
  route: PlatformRoute;
  seconds: number;
  outcome: PlatformRequestOutcome;
}

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
  /**
   * Told of every HTTP request once it has its answer's headers or failed: a GET repeated after a dropped connection
   * is told twice. What it throws is ignored (an observer's fault is not the platform's).
   */
  onRequest?: (request: PlatformRequest) => void;
}

/** An answer's body as text; a body that broke off reads as none (what the answer readers then refuse). */
const bodyText = (response: Response): Promise<string> => response.text().catch(() => '');

/** The platform over HTTP, as described in docs/platform-api.yaml; what its answers mean is platform-answers.ts. */
export class HttpPlatformAdapter implements PlatformAdapter {
  readonly #baseUrl: URL;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #downloadTimeoutMs: number;
  readonly #maxDownloadBytes: number;
  readonly #signer: RequestSigner | undefined;
  readonly #now: () => Date;
  readonly #platformClock: PlatformClock;
  readonly #onRequest: ((request: PlatformRequest) => void) | undefined;

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
    this.#onRequest = options.onRequest;
  }

  /** Also measures how far the platform's clock is from this terminal's (the time requests are signed with). */
  async checkHealth(signal?: AbortSignal): Promise<PlatformHealth> {
    const sentAt = this.#now();
    const text = await this.#getJson('health', 'v1/health', signal);
    const receivedAt = this.#now();
    const health = readHealth(text);
    this.#platformClock.observe(new Date(health.serverTime), sentAt, receivedAt);
    return health;
  }

  /** The ID number goes in the signed body, never into the URL: gateways and proxies log URLs (review finding 10). */
  async casesOfApplicant(idNumber: string): Promise<PlatformCase[]> {
    const response = await this.#send('cases.search', 'POST', 'v1/cases/search', JSON.stringify({ applicantIdNumber: idNumber }));
    await this.#ensureOk(response);
    return readCaseList(await bodyText(response));
  }

  async caseByNumber(caseNumber: string): Promise<PlatformCase | null> {
    const text = await this.#getJsonOrNotFound('cases.status', `v1/cases/${encodeURIComponent(caseNumber)}`);
    return text === null ? null : readCase(text);
  }

  async catalogueManifest(since: number | null): Promise<SignedCatalogueManifest> {
    return readCatalogueManifest(await this.#getJson('catalogue.manifest', since === null ? 'v1/catalogue/manifest' : `v1/catalogue/manifest?since=${since}`));
  }

  catalogueSnapshot(version: number): Promise<string> {
    return this.#download('catalogue.snapshot', `v1/catalogue/snapshot?version=${version}`);
  }

  catalogueDelta(since: number, version: number): Promise<string> {
    return this.#download('catalogue.delta', `v1/catalogue/delta?since=${since}&version=${version}`);
  }

  async enrolTerminal(enrolmentCode: string): Promise<void> {
    const signer = this.#requireSigner();
    const response = await this.#send('terminals.enrol', 'POST', 'v1/terminals', JSON.stringify({ terminalId: signer.terminalId, publicKey: signer.publicKey, enrolmentCode }));
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    readEnrolment('v1/terminals', { status: response.status, text: await bodyText(response) });
  }

  submitCase(body: string, idempotencyKey: string): Promise<DeliveryOutcome<CaseAcceptance>> {
    return this.#deliver('cases.submit', 'v1/cases', body, idempotencyKey, caseAcceptanceSchema);
  }

  submitRating(body: string, idempotencyKey: string): Promise<DeliveryOutcome<RatingAcceptance>> {
    return this.#deliver('ratings.submit', 'v1/ratings', body, idempotencyKey, ratingAcceptanceSchema);
  }

  async certificatesOf(holderIdNumber: string): Promise<Certificate[]> {
    const response = await this.#send('certificates.query', 'POST', 'v1/certificates/query', JSON.stringify({ holderIdNumber }));
    await this.#ensureOk(response);
    return readCertificates(await bodyText(response));
  }

  registerLockerDeposit(body: string, idempotencyKey: string): Promise<DeliveryOutcome<LockerDepositAcceptance>> {
    return this.#deliver('lockers.deposit', 'v1/lockers/deposits', body, idempotencyKey, lockerDepositAcceptanceSchema);
  }

  reportLockerCollection(body: string, idempotencyKey: string): Promise<DeliveryOutcome<LockerCollectionAcceptance>> {
    return this.#deliver('lockers.collection', 'v1/lockers/collections', body, idempotencyKey, lockerCollectionAcceptanceSchema);
  }

  reportMaterialDropOff(body: string, idempotencyKey: string): Promise<DeliveryOutcome<MaterialDropOffAcceptance>> {
    return this.#deliver('lockers.drop-off', 'v1/lockers/drop-offs', body, idempotencyKey, materialDropOffAcceptanceSchema);
  }

  /**
   * Asks which item a code opens, with the same meaning of answers as a delivery: 2xx with a valid match; 401 the
   * terminal refused; 408, 425, 429, 5xx, nothing or garbage: unreachable; any other 4xx: no (no-match, locked-out).
   */
  async checkPickupCode(pickupCode: string, recipientIdNumber: string): Promise<PickupCodeCheck> {
    const target = 'v1/lockers/pickup-code-checks';
    const response = await this.#send('lockers.pickup-code-check', 'POST', target, JSON.stringify({ pickupCode, recipientIdNumber }));
    return readPickupCodeCheck(target, { status: response.status, text: await bodyText(response) });
  }

  /**
   * POSTs a delivery with its Idempotency-Key. 2xx with a valid answer: accepted. 401: the terminal was refused (no
   * decision). 408, 425, 429, 5xx, no answer or an answer that is not the contract: no decision either. Any other
   * 4xx: the platform decided against it.
   */
  async #deliver<T>(route: PlatformRoute, target: string, body: string, idempotencyKey: string, schema: z.ZodType<T>): Promise<DeliveryOutcome<T>> {
    const response = await this.#send(route, 'POST', target, body, { 'idempotency-key': idempotencyKey });
    return readDelivery(target, schema, { status: response.status, text: await bodyText(response), replayed: response.headers.get('idempotent-replayed') === 'true' });
  }

  #requireSigner(): RequestSigner {
    if (this.#signer === undefined) throw new TerminalRefused('unsigned', 'this terminal has no key to sign with');
    return this.#signer;
  }

  /** A signed request (never repeated here: a POST is repeated by its owner, under its Idempotency-Key). */
  async #send(route: PlatformRoute, method: string, path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
    const signer = this.#requireSigner();
    const url = new URL(path, this.#baseUrl);
    const bytes = Buffer.from(body, 'utf8');
    const signed = signatureHeaders(signer, method, `${url.pathname}${url.search}`, bytes, this.#platformClock.now());
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    try {
      return await this.#observed(route, timeout, () =>
        this.#fetch(url, {
          method,
          headers: { ...headers, ...signed, accept: 'application/json', 'content-type': 'application/json; charset=utf-8' },
          body: bytes,
          signal: timeout,
        }),
      );
    } catch (error) {
      throw new PlatformUnreachable('connection failed or no answer in time', { cause: error });
    }
  }

  /** One fetch, told to `onRequest` with its route, its time and how it ended. */
  async #observed(route: PlatformRoute, timeout: AbortSignal, request: () => Promise<Response>): Promise<Response> {
    const startedAt = performance.now();
    const tell = (outcome: PlatformRequestOutcome) => {
      try {
        this.#onRequest?.({ route, seconds: (performance.now() - startedAt) / 1000, outcome });
      } catch {
        // The observer's failure must not fail the request.
      }
    };
    let response: Response;
    try {
      response = await request();
    } catch (error) {
      tell(timeout.aborted ? 'timeout' : 'network-error');
      throw error;
    }
    tell(response.ok ? 'ok' : 'http-error');
    return response;
  }

  /** GET an answer's body, JSON for platform-answers.ts to read. */
  async #getJson(route: PlatformRoute, path: string, signal?: AbortSignal): Promise<string> {
    const response = await this.#get(route, path, 'application/json', this.#timeoutMs, signal);
    await this.#ensureOk(response);
    return this.#textOf(response);
  }

  /** As #getJson, but a 404 is an answer (null), not a failure. */
  async #getJsonOrNotFound(route: PlatformRoute, path: string): Promise<string | null> {
    const response = await this.#get(route, path, 'application/json', this.#timeoutMs);
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    await this.#ensureOk(response);
    return this.#textOf(response);
  }

  async #textOf(response: Response): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw new PlatformUnreachable('answer is not JSON', { cause: error });
    }
  }

  /** GET a catalogue body as text, within the download time and size limits. */
  async #download(route: PlatformRoute, path: string): Promise<string> {
    const response = await this.#get(route, path, 'application/x-ndjson', this.#downloadTimeoutMs);
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
  async #get(route: PlatformRoute, path: string, accept: string, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const url = new URL(path, this.#baseUrl);
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Signed when the terminal has a key (each attempt with its own nonce); the catalogue and health need none.
        const signed = this.#signer === undefined ? {} : signatureHeaders(this.#signer, 'GET', `${url.pathname}${url.search}`, new Uint8Array(), this.#platformClock.now());
        return await this.#observed(route, timeout, () => this.#fetch(url, { headers: { ...signed, accept }, signal: combined }));
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
      const error = platformError(response.status, await bodyText(response));
      throw new TerminalRefused(error.code, error.message);
    }
    await response.body?.cancel();
    throw new PlatformUnreachable(`HTTP ${response.status} from ${new URL(response.url || this.#baseUrl).pathname}`);
  }
}

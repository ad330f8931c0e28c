import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CatalogueHistory, generateSigningKey } from './catalogue/catalogue-publisher.ts';
import { generateCatalogue, type PublishedGuide } from './catalogue/guide-dataset.ts';
import { submitCase } from './cases/case-submission.ts';
import { caseByNumber, refuseIdNumberInTarget, searchCasesOfApplicant } from './cases/case-queries.ts';
import { CaseStore } from './cases/case-store.ts';
import { DEMO_CASES } from './cases/demo-cases.ts';
import { certificatesOf } from './certificates/certificate-library.ts';
import { PlatformFaults, faultRuleSchema, tamper } from './fault-injection.ts';
import { badRequest, failure, json, jsonBody, notFound, type Reply } from './http/reply.ts';
import { recordCollection } from './lockers/locker-collections.ts';
import { registerDeposit } from './lockers/locker-deposits.ts';
import { LockerStore } from './lockers/locker-store.ts';
import { recordDropOff } from './lockers/material-drop-offs.ts';
import { checkPickupCode } from './lockers/pickup-code-checks.ts';
import { openPlatformDatabase } from './platform-database.ts';
import { submitRating } from './ratings/rating-submission.ts';
import { authenticateRequest } from './terminals/signed-request.ts';
import { EnrolmentCodes, type IssuedEnrolmentCode } from './terminals/enrolment-codes.ts';
import { enrolTerminal } from './terminals/terminal-enrolment.ts';
import { TerminalRegistry } from './terminals/terminal-registry.ts';

/**
 * A runnable stand-in for the central government-service platform, on 127.0.0.1 only: the demo's embedded
 * default and the tests' counterpart. Its contract is docs/platform-api.yaml: the catalogue (public, signed by the
 * platform), and, for registered terminals signing every request, case submission, case status, electronic
 * certificates, ratings, and certificate-locker events (deposits with pickup codes sent by SMS, collections,
 * material drop-offs, pickup-code checks). Never packaged into the kiosk.
 */
export interface ReferencePlatform {
  readonly url: string;
  /** The SM2 public key terminals verify catalogue manifests with (their trust anchor). */
  readonly catalogueKey: string;
  /** The catalogue over time: tests publish changes (the next version) through it. */
  readonly catalogue: CatalogueHistory;
  /** Faults to commit on the next requests (latency, 5xx, dropped connections, garbage, tampered bodies). */
  readonly faults: PlatformFaults;
  /** Registered terminals (tests register keys directly; terminals enrol over POST /v1/terminals). */
  readonly terminals: TerminalRegistry;
  /** The enrolment codes issued, each for one terminal id until a time (the operator's console). */
  readonly enrolmentCodes: EnrolmentCodes;
  readonly cases: CaseStore;
  /** Locker deposits, collections and drop-offs; the SMS sent (the demo's and the tests' "phone"). */
  readonly lockers: LockerStore;
  close(): Promise<void>;
}

export interface ReferencePlatformOptions {
  port: number;
  /** Where its SQLite store lives; without one, the store is in memory and gone when it stops. */
  dataDir?: string;
  /** How many guides its catalogue has (generated, realistic; default 5000). */
  guides?: number;
  /** Guides (exchange format) published beside the generated ones: a province's own, or a test's. */
  extraGuides?: readonly PublishedGuide[];
  /** The catalogue signing key; a fresh one per start when not given. */
  signingKey?: { publicKey: string; privateKey: string };
  /** Enrolment codes issued at start, each for one terminal id until a time (none by default). */
  enrolmentCodes?: readonly IssuedEnrolmentCode[];
  /**
   * Serve /_control/faults so another process can switch faults at run time, /_control/sms so it can read the
   * SMS the platform "sent" (pickup codes), and /_control/collections so it can count the collections recorded
   * for a case (tests and the demo; never on a real platform).
   */
  faultControl?: boolean;
  /** Told of every answered request, as a gateway's access log would record it (the tests read what lands there). */
  accessLog?: (access: PlatformAccess) => void;
  now?: () => Date;
}

/** One line of an access log: what any gateway in front of a platform keeps of every request. */
export interface PlatformAccess {
  method: string;
  /** Path and query, as sent. */
  target: string;
  status: number;
}

const ID_NUMBER = /^[0-9A-Z]{15,18}$/;
const CASE_NUMBER = /^[0-9A-Za-z-]{6,50}$/;
const VERSION = /^[1-9][0-9]{0,9}$/;

/** A request as routes see it: its body read whole, and the terminal that signed it (for signed routes). */
interface PlatformRequest {
  method: string;
  /** Path and query, as signed. */
  target: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  terminalId: string;
}
type Handler = (request: PlatformRequest, params: string[]) => Reply;
/** public: anyone (health, the signed catalogue); terminal: a registered terminal's signed request. */
type Access = 'public' | 'terminal';

/** Case bodies carry scanned PDFs; nothing larger is read. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export const startReferencePlatform = async (options: ReferencePlatformOptions): Promise<ReferencePlatform> => {
  const now = options.now ?? (() => new Date());
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const db = openPlatformDatabase(options.dataDir === undefined ? ':memory:' : path.join(options.dataDir, 'platform.sqlite'));
  const cases = new CaseStore(db);
  const terminals = new TerminalRegistry(db);
  const lockers = new LockerStore(db);
  const enrolmentCodes = new EnrolmentCodes(db);
  for (const issued of options.enrolmentCodes ?? []) enrolmentCodes.issue(issued.terminalId, issued.validUntil, issued.code, now());
  if (cases.size === 0) for (const record of DEMO_CASES) cases.insert(record);
  const signingKey = options.signingKey ?? generateSigningKey();
  const generated = generateCatalogue(options.guides ?? 5000);
  const catalogue = new CatalogueHistory({ ...generated, guides: [...generated.guides, ...(options.extraGuides ?? [])] }, signingKey.privateKey, now);
  // Signed before the first terminal asks, so that a manifest request is answered at once.
  catalogue.snapshot();
  const faults = new PlatformFaults();
  const idempotencyKey = (request: PlatformRequest) => {
    const value = request.headers['idempotency-key'];
    return typeof value === 'string' ? value : '';
  };
  const versionParam = (url: URL, name: string): number | null | 'bad' => {
    const value = url.searchParams.get(name);
    if (value === null) return null;
    return VERSION.test(value) ? Number(value) : 'bad';
  };
  const ndjson = (body: string): Reply => ({ status: 200, type: 'application/x-ndjson; charset=utf-8', body });
  const stale = () => json(409, { error: { code: 'stale-version', message: `the catalogue is now at version ${catalogue.version}; fetch the manifest again` } });

  const routes: Array<[method: string, pattern: RegExp, access: Access, handler: Handler]> = [
    ['GET', /^\/v1\/health$/, 'public', () => json(200, { status: 'ok', time: now().toISOString() })],
    ['POST', /^\/v1\/terminals$/, 'public', (request) => enrolTerminal(request, terminals, enrolmentCodes, now())],
    ['POST', /^\/v1\/cases$/, 'terminal', (request) => submitCase({ ...request, idempotencyKey: idempotencyKey(request) }, catalogue, cases, now())],
    ['POST', /^\/v1\/ratings$/, 'terminal', (request) => submitRating({ ...request, idempotencyKey: idempotencyKey(request) }, db, now())],
    ['POST', /^\/v1\/lockers\/deposits$/, 'terminal', (request) => registerDeposit({ ...request, idempotencyKey: idempotencyKey(request) }, cases, lockers, now())],
    ['POST', /^\/v1\/lockers\/collections$/, 'terminal', (request) => recordCollection({ ...request, idempotencyKey: idempotencyKey(request) }, cases, lockers, now())],
    ['POST', /^\/v1\/lockers\/drop-offs$/, 'terminal', (request) => recordDropOff({ ...request, idempotencyKey: idempotencyKey(request) }, cases, lockers, now())],
    ['POST', /^\/v1\/lockers\/pickup-code-checks$/, 'terminal', (request) => checkPickupCode(request, lockers, now())],
    [
      'POST',
      /^\/v1\/certificates\/query$/,
      'terminal',
      (request) => {
        const body = jsonBody(request.body);
        if (!body.ok) return body.reply;
        const holder = (body.value as { holderIdNumber?: unknown } | null)?.holderIdNumber;
        if (typeof holder !== 'string' || !ID_NUMBER.test(holder)) return badRequest('holderIdNumber must be an ID number');
        return json(200, { certificates: certificatesOf(holder) });
      },
    ],
    ['POST', /^\/v1\/cases\/search$/, 'terminal', ({ body }) => searchCasesOfApplicant(body, cases)],
    ['GET', /^\/v1\/cases$/, 'public', () => refuseIdNumberInTarget()],
    ['GET', /^\/v1\/cases\/([^/]+)$/, 'terminal', (_request, [caseNumber = '']) => caseByNumber(caseNumber, cases)],
    [
      'GET',
      /^\/v1\/catalogue\/manifest$/,
      'public',
      ({ url }) => {
        const since = versionParam(url, 'since');
        if (since === 'bad') return badRequest('since must be a version number');
        return json(200, catalogue.manifestFor(since));
      },
    ],
    [
      'GET',
      /^\/v1\/catalogue\/snapshot$/,
      'public',
      ({ url }) => {
        const version = versionParam(url, 'version');
        if (version === 'bad') return badRequest('version must be a version number');
        if (version !== null && version !== catalogue.version) return stale();
        return ndjson(catalogue.snapshot().body);
      },
    ],
    [
      'GET',
      /^\/v1\/catalogue\/delta$/,
      'public',
      ({ url }) => {
        const since = versionParam(url, 'since');
        const version = versionParam(url, 'version');
        if (since === null || since === 'bad' || version === 'bad') return badRequest('since (and version) must be version numbers');
        if (since > catalogue.version) return badRequest(`no version ${since} yet`);
        if (version !== null && version !== catalogue.version) return stale();
        return ndjson(catalogue.delta(since).body);
      },
    ],
  ];

  if (options.faultControl === true) {
    routes.push(
      [
        'POST',
        /^\/_control\/faults$/,
        'public',
        ({ body }) => {
          const parsedBody = jsonBody(body);
          if (!parsedBody.ok) return parsedBody.reply;
          const rule = faultRuleSchema.safeParse(parsedBody.value);
          if (!rule.success) return badRequest(rule.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
          faults.add(rule.data);
          return json(201, { added: rule.data });
        },
      ],
      [
        'DELETE',
        /^\/_control\/faults$/,
        'public',
        () => {
          faults.clear();
          return json(200, { cleared: true });
        },
      ],
      [
        'GET',
        /^\/_control\/sms$/,
        'public',
        ({ url }) => {
          const caseNumber = url.searchParams.get('caseNumber');
          if (caseNumber !== null && !CASE_NUMBER.test(caseNumber)) return badRequest('not a case number');
          return json(200, { messages: lockers.smsMessages(caseNumber ?? undefined) });
        },
      ],
      [
        'GET',
        /^\/_control\/collections$/,
        'public',
        ({ url }) => {
          const caseNumber = url.searchParams.get('caseNumber');
          if (caseNumber === null || !CASE_NUMBER.test(caseNumber)) return badRequest('caseNumber is needed');
          return json(200, { caseNumber, collections: lockers.collectionCount(caseNumber) });
        },
      ],
    );
  }

  const route = (request: PlatformRequest): Reply => {
    for (const [method, pattern, access, handler] of routes) {
      const match = pattern.exec(request.url.pathname);
      if (match === null || request.method !== method) continue;
      let params: string[];
      try {
        params = match.slice(1).map(decodeURIComponent);
      } catch {
        return badRequest('a bad percent-escape in the path');
      }
      if (access === 'terminal') {
        const authentication = authenticateRequest(request, terminals, now());
        if (!authentication.ok) return failure(401, authentication.failure, authentication.message);
        return handler({ ...request, terminalId: authentication.terminalId }, params);
      }
      return handler(request, params);
    }
    return notFound(`no route ${request.method} ${request.url.pathname}`);
  };

  /** The whole body, or null when it is over the limit (the connection is then answered 413 and closed). */
  const readBody = async (request: IncomingMessage): Promise<Buffer | null> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return null;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  };

  const send = (response: ServerResponse, reply: Reply, body: Buffer = Buffer.from(reply.body, 'utf8')) => {
    response.writeHead(reply.status, { ...reply.headers, 'content-type': reply.type, 'content-length': body.length });
    response.end(body);
  };

  const server = createServer((request, response) => {
    const { accessLog } = options;
    if (accessLog !== undefined) response.once('finish', () => accessLog({ method: request.method ?? '', target: request.url ?? '', status: response.statusCode }));
    // Nothing a request carries may end the platform: a target that is no URL is answered 400, a handler that throws 500.
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://platform');
    } catch {
      send(response, badRequest('the request target is not a URL'));
      return;
    }
    void (async () => {
      const body = await readBody(request).catch(() => null);
      if (body === null) {
        response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
        response.end(JSON.stringify({ error: { code: 'too-large', message: `bodies are limited to ${MAX_BODY_BYTES} bytes` } }));
        return;
      }
      const platformRequest: PlatformRequest = { method: request.method ?? 'GET', target: request.url ?? '/', url, headers: request.headers, body, terminalId: '' };
      let reply: Reply | null = null;
      let answer: Buffer | undefined;
      for (const fault of faults.take(url.pathname)) {
        switch (fault.kind) {
          case 'latency':
            await new Promise((resolve) => setTimeout(resolve, fault.ms));
            break;
          case 'status':
            reply = json(fault.status, { error: { code: 'injected', message: `injected HTTP ${fault.status}` } });
            break;
          case 'drop':
            request.socket.destroy();
            return;
          case 'garbage':
            reply = { status: 200, type: 'application/json; charset=utf-8', body: '' };
            answer = randomBytes(64);
            break;
          case 'tamper':
            reply ??= route(platformRequest);
            answer = tamper(Buffer.from(reply.body, 'utf8'));
            break;
          case 'drop-after':
            // The platform did the work (the case is stored) but the answer never reaches the terminal.
            route(platformRequest);
            request.socket.destroy();
            return;
        }
      }
      if (response.destroyed) return;
      reply ??= route(platformRequest);
      send(response, reply, answer);
    })().catch((error: unknown) => {
      console.error(`reference platform: ${request.method ?? '?'} ${request.url ?? '?'} failed: ${(error as Error).message}`);
      if (response.headersSent) response.destroy();
      else send(response, json(500, { error: { code: 'internal', message: 'the platform failed on this request' } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    catalogueKey: signingKey.publicKey,
    catalogue,
    faults,
    terminals,
    enrolmentCodes,
    cases,
    lockers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
};

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CatalogueHistory, generateSigningKey } from './catalogue/catalogue-publisher.ts';
import { generateCatalogue, type PublishedGuide } from './catalogue/guide-dataset.ts';
import { CaseStore, type CaseRecord } from './cases/case-store.ts';
import { DEMO_CASES } from './cases/demo-cases.ts';
import { PlatformFaults, tamper } from './fault-injection.ts';

/**
 * A runnable stand-in for the central government-service platform, on 127.0.0.1 only: the demo's embedded
 * default and the tests' counterpart. Its contract is docs/platform-api.yaml; later issues add the catalogue,
 * case submission, certificates, lockers and terminal registration. Never packaged into the kiosk.
 */
export interface ReferencePlatform {
  readonly url: string;
  /** The SM2 public key terminals verify catalogue manifests with (their trust anchor). */
  readonly catalogueKey: string;
  /** The catalogue over time: tests publish changes (the next version) through it. */
  readonly catalogue: CatalogueHistory;
  /** Faults to commit on the next requests (latency, 5xx, dropped connections, garbage, tampered bodies). */
  readonly faults: PlatformFaults;
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
  now?: () => Date;
}

/** What a route answers; faults may change it on the way out. */
interface Reply {
  status: number;
  type: string;
  body: string;
}

const json = (status: number, body: unknown): Reply => ({ status, type: 'application/json; charset=utf-8', body: JSON.stringify(body) });
const notFound = (message: string) => json(404, { error: { code: 'not-found', message } });
const badRequest = (message: string) => json(400, { error: { code: 'bad-request', message } });

/** What a terminal is told of a case: never the applicant's ID number back. */
const caseView = (record: CaseRecord) => ({
  caseNumber: record.caseNumber,
  taskCode: record.taskCode,
  taskName: record.taskName,
  deptName: record.deptName,
  stage: record.stage,
  stageNote: record.stageNote,
  submittedAt: record.submittedAt,
  acceptedAt: record.acceptedAt,
  promiseDate: record.promiseDate,
  completedAt: record.completedAt,
});

const ID_NUMBER = /^[0-9A-Z]{15,18}$/;
const CASE_NUMBER = /^[0-9A-Za-z-]{6,50}$/;
const VERSION = /^[1-9][0-9]{0,9}$/;

type Handler = (request: IncomingMessage, url: URL, params: string[]) => Reply;

export const startReferencePlatform = async (options: ReferencePlatformOptions): Promise<ReferencePlatform> => {
  const now = options.now ?? (() => new Date());
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const cases = new CaseStore(options.dataDir === undefined ? ':memory:' : path.join(options.dataDir, 'platform.sqlite'));
  if (cases.size === 0) for (const record of DEMO_CASES) cases.insert(record);
  const signingKey = options.signingKey ?? generateSigningKey();
  const generated = generateCatalogue(options.guides ?? 5000);
  const catalogue = new CatalogueHistory({ ...generated, guides: [...generated.guides, ...(options.extraGuides ?? [])] }, signingKey.privateKey, now);
  // Signed before the first terminal asks, so that a manifest request is answered at once.
  catalogue.snapshot();
  const faults = new PlatformFaults();
  const versionParam = (url: URL, name: string): number | null | 'bad' => {
    const value = url.searchParams.get(name);
    if (value === null) return null;
    return VERSION.test(value) ? Number(value) : 'bad';
  };
  const ndjson = (body: string): Reply => ({ status: 200, type: 'application/x-ndjson; charset=utf-8', body });
  const stale = () => json(409, { error: { code: 'stale-version', message: `the catalogue is now at version ${catalogue.version}; fetch the manifest again` } });

  const routes: Array<[method: string, pattern: RegExp, handler: Handler]> = [
    ['GET', /^\/v1\/health$/, () => json(200, { status: 'ok', time: now().toISOString() })],
    [
      'GET',
      /^\/v1\/cases$/,
      (_q, url) => {
        const idNumber = url.searchParams.get('applicantIdNumber') ?? '';
        if (!ID_NUMBER.test(idNumber)) return badRequest('applicantIdNumber must be an ID number');
        return json(200, { cases: cases.byApplicant(idNumber).map(caseView) });
      },
    ],
    [
      'GET',
      /^\/v1\/cases\/([^/]+)$/,
      (_q, _url, [caseNumber = '']) => {
        if (!CASE_NUMBER.test(caseNumber)) return badRequest('not a case number');
        const record = cases.byCaseNumber(caseNumber);
        if (record === null) return notFound(`no case ${caseNumber}`);
        return json(200, caseView(record));
      },
    ],
    [
      'GET',
      /^\/v1\/catalogue\/manifest$/,
      (_q, url) => {
        const since = versionParam(url, 'since');
        if (since === 'bad') return badRequest('since must be a version number');
        return json(200, catalogue.manifestFor(since));
      },
    ],
    [
      'GET',
      /^\/v1\/catalogue\/snapshot$/,
      (_q, url) => {
        const version = versionParam(url, 'version');
        if (version === 'bad') return badRequest('version must be a version number');
        if (version !== null && version !== catalogue.version) return stale();
        return ndjson(catalogue.snapshot().body);
      },
    ],
    [
      'GET',
      /^\/v1\/catalogue\/delta$/,
      (_q, url) => {
        const since = versionParam(url, 'since');
        const version = versionParam(url, 'version');
        if (since === null || since === 'bad' || version === 'bad') return badRequest('since (and version) must be version numbers');
        if (since > catalogue.version) return badRequest(`no version ${since} yet`);
        if (version !== null && version !== catalogue.version) return stale();
        return ndjson(catalogue.delta(since).body);
      },
    ],
  ];

  const route = (request: IncomingMessage, url: URL): Reply => {
    for (const [method, pattern, handler] of routes) {
      const match = pattern.exec(url.pathname);
      if (match !== null && request.method === method) return handler(request, url, match.slice(1).map(decodeURIComponent));
    }
    return notFound(`no route ${request.method} ${url.pathname}`);
  };

  const send = (response: ServerResponse, reply: Reply, body: Buffer = Buffer.from(reply.body, 'utf8')) => {
    response.writeHead(reply.status, { 'content-type': reply.type, 'content-length': body.length });
    response.end(body);
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://platform');
    void (async () => {
      let reply: Reply | null = null;
      let body: Buffer | undefined;
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
            body = randomBytes(64);
            break;
          case 'tamper':
            reply ??= route(request, url);
            body = tamper(Buffer.from(reply.body, 'utf8'));
            break;
        }
      }
      if (response.destroyed) return;
      reply ??= route(request, url);
      send(response, reply, body);
    })();
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          cases.close();
          resolve();
        });
      }),
  };
};

import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { publishCatalogue, generateSigningKey } from './catalogue/catalogue-publisher.ts';
import { generateGuides } from './catalogue/guide-dataset.ts';
import { CaseStore, type CaseRecord } from './cases/case-store.ts';
import { DEMO_CASES } from './cases/demo-cases.ts';

/**
 * A runnable stand-in for the central government-service platform, on 127.0.0.1 only: the demo's embedded
 * default and the tests' counterpart. Its contract is docs/platform-api.yaml; later issues add the catalogue,
 * case submission, certificates, lockers and terminal registration. Never packaged into the kiosk.
 */
export interface ReferencePlatform {
  readonly url: string;
  /** The SM2 public key terminals verify catalogue manifests with (their trust anchor). */
  readonly catalogueKey: string;
  close(): Promise<void>;
}

export interface ReferencePlatformOptions {
  port: number;
  /** Where its SQLite store lives; without one, the store is in memory and gone when it stops. */
  dataDir?: string;
  /** How many guides its catalogue has (generated, realistic; default 5000). */
  guides?: number;
  /** The catalogue signing key; a fresh one per start when not given. */
  signingKey?: { publicKey: string; privateKey: string };
  now?: () => Date;
}

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
};
const notFound = (response: ServerResponse, message: string) => sendJson(response, 404, { error: { code: 'not-found', message } });
const badRequest = (response: ServerResponse, message: string) => sendJson(response, 400, { error: { code: 'bad-request', message } });

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

type Handler = (request: IncomingMessage, response: ServerResponse, url: URL, params: string[]) => void;

export const startReferencePlatform = async (options: ReferencePlatformOptions): Promise<ReferencePlatform> => {
  const now = options.now ?? (() => new Date());
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const cases = new CaseStore(options.dataDir === undefined ? ':memory:' : path.join(options.dataDir, 'platform.sqlite'));
  if (cases.size === 0) for (const record of DEMO_CASES) cases.insert(record);
  const signingKey = options.signingKey ?? generateSigningKey();
  const catalogue = publishCatalogue(generateGuides(options.guides ?? 5000), 1, signingKey.privateKey, now());

  const routes: Array<[method: string, pattern: RegExp, handler: Handler]> = [
    ['GET', /^\/v1\/health$/, (_q, response) => sendJson(response, 200, { status: 'ok', time: now().toISOString() })],
    [
      'GET',
      /^\/v1\/cases$/,
      (_q, response, url) => {
        const idNumber = url.searchParams.get('applicantIdNumber') ?? '';
        if (!ID_NUMBER.test(idNumber)) return badRequest(response, 'applicantIdNumber must be an ID number');
        sendJson(response, 200, { cases: cases.byApplicant(idNumber).map(caseView) });
      },
    ],
    [
      'GET',
      /^\/v1\/cases\/([^/]+)$/,
      (_q, response, _url, [caseNumber = '']) => {
        if (!CASE_NUMBER.test(caseNumber)) return badRequest(response, 'not a case number');
        const record = cases.byCaseNumber(caseNumber);
        if (record === null) return notFound(response, `no case ${caseNumber}`);
        sendJson(response, 200, caseView(record));
      },
    ],
    ['GET', /^\/v1\/catalogue\/manifest$/, (_q, response) => sendJson(response, 200, catalogue.signed)],
    [
      'GET',
      /^\/v1\/catalogue\/snapshot$/,
      (_q, response) => {
        response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-length': Buffer.byteLength(catalogue.body) });
        response.end(catalogue.body);
      },
    ],
  ];

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://platform');
    for (const [method, pattern, handler] of routes) {
      const match = pattern.exec(url.pathname);
      if (match !== null && request.method === method) {
        handler(request, response, url, match.slice(1).map(decodeURIComponent));
        return;
      }
    }
    notFound(response, `no route ${request.method} ${url.pathname}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    catalogueKey: signingKey.publicKey,
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

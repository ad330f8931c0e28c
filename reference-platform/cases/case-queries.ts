import { z } from 'zod';
import { badRequest, failure, json, jsonBody, notFound, type Reply } from '../http/reply.ts';
import type { CaseRecord, CaseStore } from './case-store.ts';

/**
 * What a terminal may ask of cases: an identified applicant's cases (查询本人办件) and one case by its number. The
 * applicant's ID number travels only in the signed body of POST /v1/cases/search, never in a request's target:
 * gateways, proxies and access logs keep targets (review finding 10).
 */
const ID_NUMBER = /^[0-9A-Z]{15,18}$/;
const CASE_NUMBER = /^[0-9A-Za-z-]{6,50}$/;

const searchSchema = z.object({ applicantIdNumber: z.string().regex(ID_NUMBER) });

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

/** POST /v1/cases/search `{applicantIdNumber}`: the applicant's cases, newest first. */
export const searchCasesOfApplicant = (body: Buffer, cases: CaseStore): Reply => {
  const parsed = jsonBody(body);
  if (!parsed.ok) return parsed.reply;
  const search = searchSchema.safeParse(parsed.value);
  if (!search.success) return badRequest('the body must be {"applicantIdNumber": <an ID number>}');
  return json(200, { cases: cases.byApplicant(search.data.applicantIdNumber).map(caseView) });
};

/**
 * GET /v1/cases?applicantIdNumber=…, the form this contract had before: refused whoever asks, signed or not, so
 * that no terminal goes on putting ID numbers into URLs.
 */
export const refuseIdNumberInTarget = (): Reply =>
  failure(400, 'id-number-in-target', 'an ID number never goes into a URL (gateways log them): send it in the signed body of POST /v1/cases/search');

/** GET /v1/cases/{caseNumber}: one case, as printed on its receipt's QR. */
export const caseByNumber = (caseNumber: string, cases: CaseStore): Reply => {
  if (!CASE_NUMBER.test(caseNumber)) return badRequest('not a case number');
  const record = cases.byCaseNumber(caseNumber);
  if (record === null) return notFound(`no case ${caseNumber}`);
  return json(200, caseView(record));
};

import fc from 'fast-check';
import type { z } from 'zod';
import { platformCaseListSchema, platformCaseSchema } from '../../../main/platform/case-status.ts';
import { lockerCollectionAcceptanceSchema, lockerDepositAcceptanceSchema, materialDropOffAcceptanceSchema, pickupCodeMatchSchema } from '../../../main/platform/locker-deliveries.ts';
import { EnrolmentRefused, PlatformUnreachable, TerminalRefused } from '../../../main/platform/platform-adapter.ts';
import {
  readCase,
  readCaseList,
  readCatalogueManifest,
  readCertificates,
  readDelivery,
  readEnrolment,
  readHealth,
  readPickupCodeCheck,
} from '../../../main/platform/platform-answers.ts';
import { caseAcceptanceSchema, certificateListSchema, ratingAcceptanceSchema } from '../../../main/platform/platform-deliveries.ts';
import { fuzzTarget } from './fuzz-target.ts';
import { edgeJsonValue, mutatedJson, mutatedText } from './mutations.ts';

/**
 * Platform JSON answers (main/platform/platform-answers.ts, what the HTTP adapter does with every answer): each kind
 * of answer with any status and any body — valid answers, mutated ones, the platform's error body, any JSON, any text.
 */

const TIME = '2026-11-23T04:00:00+08:00';
const CASE = {
  caseNumber: 'SH310115202611180007',
  taskCode: '11310000SHRS0000A4000100100001',
  taskName: '社会保障卡申领',
  deptName: '上海市人力资源和社会保障局',
  stage: 'in-review',
  stageNote: null,
  submittedAt: TIME,
  acceptedAt: '2026-11-23T05:00:00Z',
  promiseDate: '2026-12-01',
  completedAt: null,
};

/** Every kind of answer the adapter reads, a valid example of it, and the schema its value must satisfy. */
export const ANSWERS = {
  health: { example: { status: 'ok', time: TIME } },
  'case list': { example: { cases: [CASE, { ...CASE, caseNumber: 'SH310115202611020031', stage: 'ready-for-pickup' }] }, schema: platformCaseListSchema },
  case: { example: CASE, schema: platformCaseSchema },
  'catalogue manifest': { example: { manifest: '{"version":3,"kind":"delta"}', signature: 'ab'.repeat(64) } },
  certificates: {
    example: { certificates: [{ certificateTypeCode: '11100000000000000X001', certificateName: '居民户口簿', certificateNumber: '310115000001', holderName: '张三', issueDept: '公安局', issueDate: '2020-01-01', trustLevel: 'A' }] },
    schema: certificateListSchema,
  },
  'case delivery': {
    example: { caseNumber: 'SH310115202611230001', queryPassword: '123456', acceptedAt: TIME, promiseDays: 5, items: [{ taskCode: 'A000001', taskName: '甲', deptName: '乙' }], deferredMaterials: ['照片'] },
    schema: caseAcceptanceSchema,
  },
  'rating delivery': { example: { assessNumber: 'PJ2026112300001' }, schema: ratingAcceptanceSchema },
  'locker deposit': { example: { depositNumber: 'D2026112300001', pickupCode: '12345678', smsSent: true }, schema: lockerDepositAcceptanceSchema },
  'locker collection': { example: { collectionNumber: 'C2026112300001', collectedAt: TIME }, schema: lockerCollectionAcceptanceSchema },
  'material drop-off': { example: { dropOffNumber: 'M2026112300001', receivedAt: TIME }, schema: materialDropOffAcceptanceSchema },
  'pickup-code check': { example: { depositReference: 'b3c1', depositNumber: 'D1', caseNumber: 'SH1', itemName: '营业执照', cabinet: 'A', door: 3 }, schema: pickupCodeMatchSchema },
  enrolment: { example: { enrolled: true } },
} as const satisfies Record<string, { example: unknown; schema?: z.ZodType }>;
export type AnswerKind = keyof typeof ANSWERS;
const KINDS = Object.keys(ANSWERS) as AnswerKind[];

const ERROR_BODY = { error: { code: 'no-match', message: '取件码不正确', detail: ['pickupCode'] } };

export interface PlatformAnswerInput {
  kind: AnswerKind;
  status: number;
  text: string;
  replayed: boolean;
}

const examples = fc.constantFrom(...KINDS.map((kind) => ANSWERS[kind].example as unknown), ERROR_BODY);
const exampleTexts = [...KINDS.map((kind) => JSON.stringify(ANSWERS[kind].example)), JSON.stringify(ERROR_BODY)];

/** A body for an answer of `kind`: mostly its own valid example, as it is or mutated; else anything. */
const bodyFor = (kind: AnswerKind): fc.Arbitrary<string> => {
  const own = ANSWERS[kind].example as unknown;
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(JSON.stringify(own)) },
    { weight: 4, arbitrary: mutatedJson(fc.constant(own)).map((value) => JSON.stringify(value) ?? '') },
    { weight: 1, arbitrary: examples.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: mutatedJson(examples).map((value) => JSON.stringify(value) ?? '') },
    { weight: 2, arbitrary: mutatedText(exampleTexts) },
    { weight: 1, arbitrary: edgeJsonValue.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
    { weight: 1, arbitrary: fc.constantFrom('', 'null', '<html>proxy login</html>', '{"error":null}', '{"cases":null}', '\ufeff{}') },
  );
};

export const platformAnswerInput = (statuses: fc.Arbitrary<number>): fc.Arbitrary<PlatformAnswerInput> =>
  fc.constantFrom(...KINDS).chain((kind) => fc.record({ kind: fc.constant(kind), status: statuses, text: bodyFor(kind), replayed: fc.boolean() }));

/** Statuses that mean something to the adapter, and any other. */
export const anyStatus = fc.oneof(fc.constantFrom(200, 200, 200, 201, 299, 400, 401, 403, 404, 408, 409, 422, 425, 429, 500, 502, 503, 599), fc.integer({ min: 200, max: 599 }));

type Outcome = { value: unknown } | { error: unknown };

/** What the adapter makes of an answer of a kind: its value, or what it threw. */
export const readAnswer = (input: PlatformAnswerInput): Outcome => {
  const { kind, status, text, replayed } = input;
  try {
    switch (kind) {
      case 'health':
        return { value: readHealth(text) };
      case 'case list':
        return { value: readCaseList(text) };
      case 'case':
        return { value: readCase(text) };
      case 'catalogue manifest':
        return { value: readCatalogueManifest(text) };
      case 'certificates':
        return { value: readCertificates(text) };
      case 'case delivery':
        return { value: readDelivery('v1/cases', caseAcceptanceSchema, { status, text, replayed }) };
      case 'rating delivery':
        return { value: readDelivery('v1/ratings', ratingAcceptanceSchema, { status, text, replayed }) };
      case 'locker deposit':
        return { value: readDelivery('v1/lockers/deposits', lockerDepositAcceptanceSchema, { status, text, replayed }) };
      case 'locker collection':
        return { value: readDelivery('v1/lockers/collections', lockerCollectionAcceptanceSchema, { status, text, replayed }) };
      case 'material drop-off':
        return { value: readDelivery('v1/lockers/drop-offs', materialDropOffAcceptanceSchema, { status, text, replayed }) };
      case 'pickup-code check':
        return { value: readPickupCodeCheck('v1/lockers/pickup-code-checks', { status, text }) };
      case 'enrolment':
        return { value: readEnrolment('v1/terminals', { status, text }) };
    }
  } catch (error) {
    return { error };
  }
};

const fail = (message: string, detail: unknown): never => {
  throw new Error(`${message}: ${JSON.stringify(detail, (_key, value: unknown) => (value instanceof Error ? `${value.name}: ${value.message}` : value))}`);
};

const noDecision = (status: number) => status >= 500 || [408, 425, 429].includes(status);
const isOk = (status: number) => status >= 200 && status < 300;

/** The value is what the contract promises: the schema takes it as it is. */
const satisfies = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

export const checkPlatformAnswer = (input: PlatformAnswerInput): void => {
  const outcome = readAnswer(input);
  const { kind, status } = input;
  if ('error' in outcome) {
    const { error } = outcome;
    if (!(error instanceof PlatformUnreachable || error instanceof TerminalRefused)) fail('only PlatformUnreachable or TerminalRefused is thrown', { input, error: String(error) });
    const terminalRefused = error instanceof TerminalRefused;
    const statusDecides = !['health', 'case list', 'case', 'catalogue manifest', 'certificates'].includes(kind);
    // What the status means, where the reader is given it (a GET's status is checked before its body is read).
    if (statusDecides) {
      const expected = status === 401 ? 'refused' : kind === 'enrolment' ? (noDecision(status) ? 'unreachable' : 'refused') : noDecision(status) || isOk(status) ? 'unreachable' : 'a decision';
      if (expected === 'a decision' || (expected === 'refused') !== terminalRefused) fail(`HTTP ${status} means ${expected}`, { input, error });
    } else if (terminalRefused) fail('a GET answer’s body never refuses the terminal', { input, error });
    if (kind === 'enrolment' && terminalRefused && status !== 401 && !(error instanceof EnrolmentRefused)) fail('a refused enrolment code is an EnrolmentRefused', { input, error });
    if (terminalRefused && (error.code.length > 100 || error.code === '')) fail('the refusal’s code is the platform’s (at most 100 characters) or http-<status>', { input, code: error.code });
    return;
  }
  const { value } = outcome;
  const answer = ANSWERS[kind] as { schema?: z.ZodType };
  switch (kind) {
    case 'health': {
      const health = value as { serverTime?: unknown };
      if (typeof health.serverTime !== 'string' || Number.isNaN(Date.parse(health.serverTime))) fail('health gives the platform’s time', { input, value });
      return;
    }
    case 'catalogue manifest': {
      const manifest = value as { manifest?: unknown; signature?: unknown };
      if (typeof manifest.manifest !== 'string' || manifest.manifest.length < 2 || manifest.manifest.length > 10_000 || typeof manifest.signature !== 'string' || !/^[0-9a-f]{128}$/.test(manifest.signature)) {
        fail('a manifest is text with a 128-hex-digit signature', { input, value });
      }
      return;
    }
    case 'case list':
      if (!satisfies(platformCaseListSchema, { cases: value })) fail('a case list satisfies the contract', { input, value });
      return;
    case 'certificates':
      if (!satisfies(certificateListSchema, { certificates: value })) fail('certificates satisfy the contract', { input, value });
      return;
    case 'case':
      if (!satisfies(platformCaseSchema, value)) fail('a case satisfies the contract', { input, value });
      return;
    case 'enrolment':
      if (!isOk(status) || value !== undefined) fail('only a 2xx enrols the terminal', { input, value });
      return;
    case 'pickup-code check': {
      const check = value as { matched: boolean; item?: unknown; code?: unknown; message?: unknown };
      if (check.matched ? !isOk(status) || !satisfies(pickupCodeMatchSchema, check.item) : isOk(status) || status === 401 || noDecision(status) || typeof check.code !== 'string' || typeof check.message !== 'string') {
        fail('a pickup-code check matches only on a 2xx with a valid item, and says no only on a decision', { input, value });
      }
      return;
    }
    default: {
      const delivery = value as { outcome: string; answer?: unknown; replayed?: unknown; code?: unknown; detail?: unknown };
      const accepted = delivery.outcome === 'accepted' && isOk(status) && answer.schema !== undefined && satisfies(answer.schema, delivery.answer) && delivery.replayed === input.replayed;
      const rejected =
        delivery.outcome === 'rejected' &&
        !isOk(status) &&
        status !== 401 &&
        !noDecision(status) &&
        typeof delivery.code === 'string' &&
        Array.isArray(delivery.detail) &&
        delivery.detail.every((line) => typeof line === 'string');
      if (!accepted && !rejected) fail('a delivery is accepted only on a 2xx with a valid answer, rejected only on a decision', { input, value });
    }
  }
};

export const platformAnswersTarget = fuzzTarget({
  name: 'platform JSON answers',
  holds: 'every answer of every kind gives a value its schema takes, or PlatformUnreachable / TerminalRefused as its status says; nothing else is thrown',
  inputs: platformAnswerInput(anyStatus),
  check: checkPlatformAnswer,
});

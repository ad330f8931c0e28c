import { z } from 'zod';
import { platformCaseListSchema, platformCaseSchema, type PlatformCase } from './case-status.ts';
import { pickupCodeMatchSchema, type PickupCodeCheck } from './locker-deliveries.ts';
import { EnrolmentRefused, PlatformUnreachable, TerminalRefused, type PlatformHealth, type SignedCatalogueManifest } from './platform-adapter.ts';
import { certificateListSchema, type Certificate, type DeliveryOutcome } from './platform-deliveries.ts';

/**
 * What the platform's answers mean (docs/platform-api.yaml), as pure functions of the status and the body text: the
 * HTTP adapter does the I/O and hands every answer here, so each is checked against the platform contract in one
 * place, and fuzzed without a server (tests/support/fuzz). Each returns a value the contract promises or throws
 * PlatformUnreachable (no usable answer) or TerminalRefused (the platform refused the terminal); nothing else.
 */

const errorBodySchema = z.object({ error: z.object({ code: z.string().max(100), message: z.string().max(2000), detail: z.array(z.string().max(1000)).max(50).optional() }) });

const signedManifestSchema = z.object({ manifest: z.string().min(2).max(10_000), signature: z.string().regex(/^[0-9a-f]{128}$/) });

const healthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime({ offset: true }) });

/** The platform's error body. */
export interface PlatformError {
  code: string;
  message: string;
  detail?: string[] | undefined;
}

/** An answer's body as JSON, where a body that is not JSON is an answer that does not match the contract. */
export const jsonAnswer = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PlatformUnreachable('answer is not JSON', { cause: error });
  }
};

/** An answer's body as JSON, or null when it is none (what `response.json().catch(() => null)` gave). */
export const jsonOrNull = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** The platform's error body, or a stand-in when it sent something else. */
export const platformError = (status: number, text: string): PlatformError => {
  const parsed = errorBodySchema.safeParse(jsonOrNull(text));
  return parsed.success ? parsed.data.error : { code: `http-${status}`, message: `HTTP ${status} without the platform's error body` };
};

export const readHealth = (text: string): PlatformHealth => {
  const parsed = healthSchema.safeParse(jsonAnswer(text));
  if (!parsed.success) throw new PlatformUnreachable('health answer does not match the platform contract');
  return { serverTime: parsed.data.time };
};

export const readCaseList = (text: string): PlatformCase[] => {
  const parsed = platformCaseListSchema.safeParse(jsonAnswer(text));
  if (!parsed.success) throw new PlatformUnreachable('case list does not match the platform contract');
  return parsed.data.cases;
};

export const readCase = (text: string): PlatformCase => {
  const parsed = platformCaseSchema.safeParse(jsonAnswer(text));
  if (!parsed.success) throw new PlatformUnreachable('case does not match the platform contract');
  return parsed.data;
};

export const readCatalogueManifest = (text: string): SignedCatalogueManifest => {
  const parsed = signedManifestSchema.safeParse(jsonAnswer(text));
  if (!parsed.success) throw new PlatformUnreachable('catalogue manifest does not match the platform contract');
  return parsed.data;
};

export const readCertificates = (text: string): Certificate[] => {
  const parsed = certificateListSchema.safeParse(jsonOrNull(text));
  if (!parsed.success) throw new PlatformUnreachable('certificate list does not match the platform contract');
  return parsed.data.certificates;
};

/** 408, 425, 429 and 5xx: the platform made no decision (busy, or failed); the request is tried again later. */
const noDecision = (status: number) => status >= 500 || [408, 425, 429].includes(status);

/**
 * A delivery's answer. 2xx with a valid answer: accepted. 401: the terminal was refused (no decision). 408, 425, 429,
 * 5xx, or a 2xx that is not the contract: no decision either. Any other status: the platform decided against it.
 */
export const readDelivery = <T>(target: string, schema: z.ZodType<T>, answer: { status: number; text: string; replayed: boolean }): DeliveryOutcome<T> => {
  const { status, text } = answer;
  if (status >= 200 && status < 300) {
    const parsed = schema.safeParse(jsonOrNull(text));
    if (!parsed.success) throw new PlatformUnreachable(`the answer from /${target} does not match the platform contract`);
    return { outcome: 'accepted', answer: parsed.data, replayed: answer.replayed };
  }
  const error = platformError(status, text);
  if (status === 401) throw new TerminalRefused(error.code, error.message);
  if (noDecision(status)) throw new PlatformUnreachable(`HTTP ${status} from /${target}`);
  return { outcome: 'rejected', code: error.code, message: error.message, detail: error.detail ?? [] };
};

/**
 * Which item a pickup code opens, with the same meaning of answers as a delivery: 2xx with a valid match; 401 the
 * terminal refused; 408, 425, 429, 5xx, or garbage: unreachable; any other status: no (no-match, locked-out).
 */
export const readPickupCodeCheck = (target: string, answer: { status: number; text: string }): PickupCodeCheck => {
  const { status, text } = answer;
  if (status >= 200 && status < 300) {
    const parsed = pickupCodeMatchSchema.safeParse(jsonOrNull(text));
    if (!parsed.success) throw new PlatformUnreachable(`the answer from /${target} does not match the platform contract`);
    return { matched: true, item: parsed.data };
  }
  const error = platformError(status, text);
  if (status === 401) throw new TerminalRefused(error.code, error.message);
  if (noDecision(status)) throw new PlatformUnreachable(`HTTP ${status} from /${target}`);
  return { matched: false, code: error.code, message: error.message };
};

/**
 * An enrolment's answer: 2xx enrolled; 408, 425, 429 and 5xx no decision; 401 the terminal refused (its signature);
 * any other status the platform refused the code itself (EnrolmentRefused: unknown, another terminal's, expired, used).
 */
export const readEnrolment = (target: string, answer: { status: number; text: string }): void => {
  const { status, text } = answer;
  if (status >= 200 && status < 300) return;
  const error = platformError(status, text);
  if (noDecision(status)) throw new PlatformUnreachable(`HTTP ${status} from /${target}`);
  if (status === 401) throw new TerminalRefused(error.code, error.message);
  throw new EnrolmentRefused(error.code, error.message);
};

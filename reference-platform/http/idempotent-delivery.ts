import { sm3 } from 'sm-crypto-v2';
import type { z } from 'zod';
import { failure, jsonBody, type Reply } from './reply.ts';

/**
 * What every delivery from a terminal (a case, a rating, a locker event) goes through first (docs/platform-api.yaml,
 * "Idempotency"): an Idempotency-Key is required; the same key with the same body (by SM3) gets the first answer
 * again; the same key with another body is refused; then the body must be JSON matching the delivery's schema.
 */
export interface DeliveryRequest {
  terminalId: string;
  idempotencyKey: string;
  body: Buffer;
}

/** A key already taken: the body it came with (SM3) and the answer it got. */
export interface EarlierDelivery {
  bodySm3: string;
  answer: string;
}

const IDEMPOTENCY_KEY = /^[0-9A-Za-z-]{16,64}$/;

export type TakenDelivery<T> = { reply: Reply } | { event: T; bodySm3: string };

export const takeDelivery = <T>(request: DeliveryRequest, earlier: (key: string) => EarlierDelivery | null, schema: z.ZodType<T>, what: string): TakenDelivery<T> => {
  if (!IDEMPOTENCY_KEY.test(request.idempotencyKey)) return { reply: failure(400, 'bad-request', 'an Idempotency-Key header (16 to 64 letters, digits, dashes) is required') };
  const bodySm3 = sm3(request.body);
  const before = earlier(request.idempotencyKey);
  if (before !== null) {
    if (before.bodySm3 !== bodySm3) return { reply: failure(422, 'idempotency-conflict', `this Idempotency-Key was used for another ${what}`) };
    return { reply: { status: 200, type: 'application/json; charset=utf-8', body: before.answer, headers: { 'idempotent-replayed': 'true' } } };
  }
  const json = jsonBody(request.body);
  if (!json.ok) return { reply: json.reply };
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    return { reply: failure(422, `invalid-${what.replaceAll(' ', '-')}`, `the ${what} does not match the contract`, parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.join('.')}: ${issue.message}`)) };
  }
  return { event: parsed.data, bodySm3 };
};

import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { failure, type Reply } from '../http/reply.ts';
import type { EarlierDelivery } from './locker-store.ts';

/**
 * What every locker event from a terminal goes through first (docs/platform-api.yaml, "Idempotency"): an
 * Idempotency-Key is required; the same key with the same body (by SM3) gets the first answer again; the same key
 * with another body is refused; then the body must be JSON matching the event's schema.
 */
export interface LockerDeliveryRequest {
  terminalId: string;
  idempotencyKey: string;
  body: Buffer;
}

const IDEMPOTENCY_KEY = /^[0-9A-Za-z-]{16,64}$/;

export type TakenDelivery<T> = { reply: Reply } | { event: T; bodySm3: string };

export const takeDelivery = <T>(request: LockerDeliveryRequest, earlier: (key: string) => EarlierDelivery | null, schema: z.ZodType<T>, what: string): TakenDelivery<T> => {
  if (!IDEMPOTENCY_KEY.test(request.idempotencyKey)) return { reply: failure(400, 'bad-request', 'an Idempotency-Key header (16 to 64 letters, digits, dashes) is required') };
  const bodySm3 = createHash('sm3').update(request.body).digest('hex');
  const before = earlier(request.idempotencyKey);
  if (before !== null) {
    if (before.bodySm3 !== bodySm3) return { reply: failure(422, 'idempotency-conflict', `this Idempotency-Key was used for another ${what}`) };
    return { reply: { status: 200, type: 'application/json; charset=utf-8', body: before.answer, headers: { 'idempotent-replayed': 'true' } } };
  }
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString('utf8'));
  } catch {
    return { reply: failure(400, 'bad-request', 'the body is not JSON') };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return { reply: failure(422, `invalid-${what.replaceAll(' ', '-')}`, `the ${what} does not match the contract`, parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.join('.')}: ${issue.message}`)) };
  }
  return { event: parsed.data, bodySm3 };
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The day part of platform numbers (CG20261123…), in China time as the halls count days. */
export const chinaDay = (at: Date): string => {
  const local = new Date(at.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}`;
};

/** A time as an SMS or a case note says it to a citizen: 2026-11-23 14:05, China time. */
export const chinaTime = (at: Date): string => {
  const local = new Date(at.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
};

/** Where an item lies, as people read it on the cabinet. */
export const lockerPlace = (cabinet: string, door: number): string => `${cabinet} ${door}号门`;

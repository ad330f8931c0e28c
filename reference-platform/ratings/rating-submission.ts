import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { failure, json, type Reply } from '../http/reply.ts';

/**
 * POST /v1/ratings: a 好差评 rating a citizen made at a terminal (GB/T 39734; gov-service-data.md §2.6): level 5
 * 非常满意 … 1 非常不满意; the two negative levels must carry a reason. Idempotent like case submission.
 */
export const ratingSchema = z
  .object({
    caseNumber: z.string().regex(/^[0-9A-Za-z-]{6,50}$/).nullable(),
    taskCodes: z.array(z.string().regex(/^[0-9A-Za-z]{6,36}$/)).max(30),
    level: z.number().int().min(1).max(5),
    /** Indicator options chosen (their texts as the terminal showed them). */
    reasons: z.array(z.string().min(1).max(100)).max(10),
    comment: z.string().max(500).optional(),
    assessedAt: z.iso.datetime({ offset: true }),
  })
  .refine((rating) => rating.level > 2 || rating.reasons.length > 0 || (rating.comment ?? '').trim() !== '', 'a negative rating needs a reason');

export const submitRating = (request: { terminalId: string; idempotencyKey: string; body: Buffer }, db: Database.Database, now: Date): Reply => {
  if (!/^[0-9A-Za-z-]{16,64}$/.test(request.idempotencyKey)) return failure(400, 'bad-request', 'an Idempotency-Key header is required');
  const bodySm3 = createHash('sm3').update(request.body).digest('hex');
  const earlier = db.prepare('SELECT assess_number, body_sm3 FROM ratings WHERE idempotency_key = ?').get(request.idempotencyKey) as
    | { assess_number: string; body_sm3: string }
    | undefined;
  if (earlier !== undefined) {
    if (earlier.body_sm3 !== bodySm3) return failure(422, 'idempotency-conflict', 'this Idempotency-Key was used for another rating');
    return json(200, { assessNumber: earlier.assess_number }, { 'idempotent-replayed': 'true' });
  }
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString('utf8'));
  } catch {
    return failure(400, 'bad-request', 'the body is not JSON');
  }
  const parsed = ratingSchema.safeParse(value);
  if (!parsed.success) return failure(422, 'invalid-rating', parsed.error.issues.map((issue) => issue.message).join('; '));
  const rating = parsed.data;
  const assessNumber = `PJ${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`;
  db.prepare('INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    assessNumber,
    request.idempotencyKey,
    request.terminalId,
    bodySm3,
    rating.caseNumber,
    rating.level,
    JSON.stringify(rating.reasons),
    rating.comment ?? null,
    rating.assessedAt,
    now.toISOString(),
  );
  return json(201, { assessNumber });
};

/** Ratings received, for tests and the operator's view. */
export const ratingsOf = (db: Database.Database, caseNumber: string): Array<{ level: number; reasons: string[] }> =>
  (db.prepare('SELECT level, reasons FROM ratings WHERE case_number = ?').all(caseNumber) as Array<{ level: number; reasons: string }>).map((row) => ({
    level: row.level,
    reasons: JSON.parse(row.reasons) as string[],
  }));

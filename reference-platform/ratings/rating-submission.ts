import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { takeDelivery } from '../http/idempotent-delivery.ts';
import { json, type Reply } from '../http/reply.ts';

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
  const taken = takeDelivery(
    request,
    (key) => {
      const earlier = db.prepare('SELECT assess_number, body_sm3 FROM ratings WHERE idempotency_key = ?').get(key) as { assess_number: string; body_sm3: string } | undefined;
      return earlier === undefined ? null : { bodySm3: earlier.body_sm3, answer: JSON.stringify({ assessNumber: earlier.assess_number }) };
    },
    ratingSchema,
    'rating',
  );
  if ('reply' in taken) return taken.reply;
  const { bodySm3, event: rating } = taken;
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

import { z } from 'zod';
import type { CaseStore } from '../cases/case-store.ts';
import { failure, json, type Reply } from '../http/reply.ts';
import { chinaDay, chinaTime, lockerPlace, takeDelivery, type LockerDeliveryRequest } from './locker-delivery.ts';
import type { LockerStore } from './locker-store.ts';

/**
 * POST /v1/lockers/collections: the recipient took the item out of its door (领取, LQSJ 领取时间 in
 * gov-service-data.md §2.1). Each deposit is collected once: a retried key gets the first answer again, and a second
 * collection of the same deposit under another key is refused. The case moves to 已领取.
 */
export const collectionSchema = z.object({
  /** The terminal's reference of the deposit collected. */
  depositReference: z.string().regex(/^[0-9A-Za-z-]{6,64}$/),
  caseNumber: z.string().regex(/^[0-9A-Za-z-]{6,50}$/),
  cabinet: z.string().min(1).max(20),
  door: z.number().int().min(1).max(9999),
  collectedAt: z.iso.datetime({ offset: true }),
});

export interface CollectionAnswer {
  collectionNumber: string;
  collectedAt: string;
}

export const recordCollection = (request: LockerDeliveryRequest, cases: CaseStore, lockers: LockerStore, now: Date): Reply => {
  const taken = takeDelivery(request, (key) => lockers.earlier('locker_collections', key), collectionSchema, 'collection');
  if ('reply' in taken) return taken.reply;
  const { event: collection, bodySm3 } = taken;
  const deposit = lockers.depositByReference(request.terminalId, collection.depositReference);
  if (deposit === null) return failure(422, 'unknown-deposit', 'this terminal reported no deposit under this reference');
  if (deposit.caseNumber !== collection.caseNumber) return failure(422, 'invalid-collection', `deposit ${deposit.depositNumber} is not of case ${collection.caseNumber}`);
  if (deposit.collectedAt !== null) return failure(422, 'already-collected', `deposit ${deposit.depositNumber} was collected at ${deposit.collectedAt}`);
  const answer: CollectionAnswer = { collectionNumber: lockers.nextNumber('locker_collections', `LQ${chinaDay(now)}`), collectedAt: collection.collectedAt };
  lockers.transaction(() => {
    lockers.insertCollection({
      collectionNumber: answer.collectionNumber,
      idempotencyKey: request.idempotencyKey,
      bodySm3,
      depositNumber: deposit.depositNumber,
      answer: JSON.stringify(answer),
      collectedAt: collection.collectedAt,
      receivedAt: now.toISOString(),
    });
    cases.recordStage(deposit.caseNumber, 'collected', `${deposit.itemName}已于${chinaTime(new Date(collection.collectedAt))}在24小时自助证照柜（${lockerPlace(deposit.cabinet, deposit.door)}）领取`);
  });
  return json(201, answer);
};

import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { CaseStore } from '../cases/case-store.ts';
import { failure, json, type Reply } from '../http/reply.ts';
import { chinaDay, chinaTime, lockerPlace, takeDelivery, type LockerDeliveryRequest } from './locker-delivery.ts';
import type { LockerStore } from './locker-store.ts';

/**
 * POST /v1/lockers/deposits: staff put a case's result (a licence, a certificate) into a locker door at a
 * terminal. The platform checks the case and that the recipient is its applicant, records the item as ready for
 * pickup (待领取), mints a pickup code (取件码, 6 digits, unique among the items waiting at that terminal) and sends
 * it by SMS (locker-boards.md §4 A). The terminal is told the code once, in this answer (and again for a retried
 * key): it keeps only a keyed hash of it, so that pickup works while the platform is away.
 */
const ID_NUMBER = /^[0-9A-Z]{15,18}$/;

export const depositSchema = z.object({
  /** The terminal's reference for the item (its later collection names it). */
  reference: z.string().regex(/^[0-9A-Za-z-]{6,64}$/),
  caseNumber: z.string().regex(/^[0-9A-Za-z-]{6,50}$/),
  recipientIdNumber: z.string().regex(ID_NUMBER),
  itemName: z.string().min(1).max(200),
  cabinet: z.string().min(1).max(20),
  door: z.number().int().min(1).max(9999),
  depositedAt: z.iso.datetime({ offset: true }),
  /** Until when it is kept for the citizen (the terminal's retention period); the SMS says it. */
  pickupBy: z.iso.datetime({ offset: true }),
  /** Who deposited it (a staff account of the terminal). */
  staffId: z.string().regex(/^[0-9A-Za-z._-]{1,32}$/),
});

export interface DepositAnswer {
  depositNumber: string;
  /** 取件码: also sent to the recipient by SMS. */
  pickupCode: string;
  smsSent: boolean;
}

const CODE_DIGITS = 6;

export const registerDeposit = (request: LockerDeliveryRequest, cases: CaseStore, lockers: LockerStore, now: Date): Reply => {
  const taken = takeDelivery(request, (key) => lockers.earlier('locker_deposits', key), depositSchema, 'deposit');
  if ('reply' in taken) return taken.reply;
  const { event: deposit, bodySm3 } = taken;
  const record = cases.byCaseNumber(deposit.caseNumber);
  if (record === null) return failure(422, 'unknown-case', `no case ${deposit.caseNumber}`);
  if (record.applicantIdNumber !== deposit.recipientIdNumber) return failure(422, 'recipient-mismatch', 'the recipient is not the applicant of this case');
  if (record.stage === 'not-accepted') return failure(422, 'no-result', 'the case was not accepted: there is no result to hand out');
  if (lockers.depositByReference(request.terminalId, deposit.reference) !== null) return failure(422, 'duplicate-reference', 'this terminal reported another deposit under this reference');

  let pickupCode: string;
  do pickupCode = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
  while (lockers.codeInUse(request.terminalId, pickupCode));
  const depositNumber = lockers.nextNumber('locker_deposits', `CG${chinaDay(now)}`);
  const answer: DepositAnswer = { depositNumber, pickupCode, smsSent: true };
  const place = lockerPlace(deposit.cabinet, deposit.door);
  const pickupBy = chinaTime(new Date(deposit.pickupBy)).slice(0, 10);
  lockers.transaction(() => {
    lockers.insertDeposit(
      { depositNumber, terminalId: request.terminalId, ...deposit, pickupCode },
      { idempotencyKey: request.idempotencyKey, bodySm3, answer: JSON.stringify(answer), receivedAt: now.toISOString() },
      {
        caseNumber: deposit.caseNumber,
        text: `【政务服务】您的办件${deposit.caseNumber}（${deposit.itemName}）已存入24小时自助证照柜${place}，取件码${pickupCode}，请于${pickupBy}前凭取件码和本人身份证领取。`,
        sentAt: now.toISOString(),
      },
    );
    cases.recordStage(deposit.caseNumber, 'ready-for-pickup', `${deposit.itemName}已存入24小时自助证照柜（${place}），请于${pickupBy}前凭短信取件码和本人身份证领取`);
  });
  return json(201, answer);
};

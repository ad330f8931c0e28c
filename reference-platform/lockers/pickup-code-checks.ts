import { z } from 'zod';
import { badRequest, failure, json, jsonBody, type Reply } from '../http/reply.ts';
import type { LockerStore } from './locker-store.ts';

/**
 * POST /v1/lockers/pickup-code-checks: a terminal asks which of its items a pickup code opens for the identified
 * applicant. Terminals check codes themselves against the keyed hashes they keep; they ask here only for an item
 * whose deposit answer they have not received (the answer was lost, or the item was deposited while the platform
 * was away and the SMS went out since). Changes nothing but the count of misses: after five misses for one
 * recipient at one terminal within 15 minutes the platform answers locked-out until the window has passed.
 */
const checkSchema = z.object({ pickupCode: z.string().regex(/^[0-9]{6,8}$/), recipientIdNumber: z.string().regex(/^[0-9A-Z]{15,18}$/) });

export const MISS_LIMIT = 5;
export const MISS_WINDOW_MS = 15 * 60_000;

export interface PickupCodeMatch {
  depositReference: string;
  depositNumber: string;
  caseNumber: string;
  itemName: string;
  cabinet: string;
  door: number;
}

export const checkPickupCode = (request: { terminalId: string; body: Buffer }, lockers: LockerStore, now: Date): Reply => {
  const body = jsonBody(request.body);
  if (!body.ok) return body.reply;
  const parsed = checkSchema.safeParse(body.value);
  if (!parsed.success) return badRequest('pickupCode must be 6 to 8 digits and recipientIdNumber an ID number');
  const { pickupCode, recipientIdNumber } = parsed.data;
  if (lockers.checkMissesSince(request.terminalId, recipientIdNumber, now.getTime() - MISS_WINDOW_MS) >= MISS_LIMIT) {
    return failure(423, 'locked-out', 'too many wrong pickup codes for this recipient; try again later');
  }
  const deposit = lockers.waitingFor(request.terminalId, recipientIdNumber).find((waiting) => waiting.pickupCode === pickupCode);
  if (deposit === undefined) {
    lockers.recordCheckMiss(request.terminalId, recipientIdNumber, now.getTime());
    return failure(404, 'no-match', 'no item waiting at this terminal for this recipient has this code');
  }
  lockers.clearCheckMisses(request.terminalId, recipientIdNumber);
  const match: PickupCodeMatch = {
    depositReference: deposit.reference,
    depositNumber: deposit.depositNumber,
    caseNumber: deposit.caseNumber,
    itemName: deposit.itemName,
    cabinet: deposit.cabinet,
    door: deposit.door,
  };
  return json(200, match);
};

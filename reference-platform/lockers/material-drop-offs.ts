import { z } from 'zod';
import type { CaseStore } from '../cases/case-store.ts';
import { failure, json, type Reply } from '../http/reply.ts';
import { chinaDay, lockerPlace, takeDelivery, type LockerDeliveryRequest } from './locker-delivery.ts';
import type { LockerStore } from './locker-store.ts';

/**
 * POST /v1/lockers/drop-offs: an identified citizen put paper materials for their case into a locker door (收件 /
 * 容缺补交, locker-boards.md §4 B). The platform checks that the case is theirs, records what was dropped off where,
 * and notes it on the case so that staff collect the materials and route them to the window.
 */
export const dropOffSchema = z.object({
  reference: z.string().regex(/^[0-9A-Za-z-]{6,64}$/),
  caseNumber: z.string().regex(/^[0-9A-Za-z-]{6,50}$/),
  submitterIdNumber: z.string().regex(/^[0-9A-Z]{15,18}$/),
  materials: z.array(z.string().min(1).max(200)).min(1).max(30),
  cabinet: z.string().min(1).max(20),
  door: z.number().int().min(1).max(9999),
  droppedAt: z.iso.datetime({ offset: true }),
});

export interface DropOffAnswer {
  dropOffNumber: string;
  receivedAt: string;
}

export const recordDropOff = (request: LockerDeliveryRequest, cases: CaseStore, lockers: LockerStore, now: Date): Reply => {
  const taken = takeDelivery(request, (key) => lockers.earlier('material_drop_offs', key), dropOffSchema, 'drop-off');
  if ('reply' in taken) return taken.reply;
  const { event: dropOff, bodySm3 } = taken;
  const record = cases.byCaseNumber(dropOff.caseNumber);
  if (record === null) return failure(422, 'unknown-case', `no case ${dropOff.caseNumber}`);
  if (record.applicantIdNumber !== dropOff.submitterIdNumber) return failure(422, 'not-the-applicant', 'the case is not the submitter’s');
  if (lockers.dropOffExists(request.terminalId, dropOff.reference)) return failure(422, 'duplicate-reference', 'this terminal reported another drop-off under this reference');
  const answer: DropOffAnswer = { dropOffNumber: lockers.nextNumber('material_drop_offs', `TJ${chinaDay(now)}`), receivedAt: now.toISOString() };
  lockers.transaction(() => {
    lockers.insertDropOff(
      { dropOffNumber: answer.dropOffNumber, terminalId: request.terminalId, reference: dropOff.reference, caseNumber: dropOff.caseNumber, materials: dropOff.materials, cabinet: dropOff.cabinet, door: dropOff.door, droppedAt: dropOff.droppedAt },
      { idempotencyKey: request.idempotencyKey, bodySm3, answer: JSON.stringify(answer), receivedAt: now.toISOString() },
    );
    cases.recordStage(record.caseNumber, record.stage, `补交材料（${dropOff.materials.join('、')}）已投递至24小时自助柜（${lockerPlace(dropOff.cabinet, dropOff.door)}），待工作人员签收`);
  });
  return json(201, answer);
};

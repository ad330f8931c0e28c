import { z } from 'zod';

/**
 * The certificate lockers as the screens see them (docs/lockers.md): a citizen collecting a certificate with the
 * pickup code from the SMS and their own ID card, a citizen dropping off materials for a case, and staff in
 * maintenance mode depositing certificates and looking after the doors. Times are ISO 8601 strings.
 */

export const doorSizeSchema = z.enum(['small', 'medium', 'large']);
export type DoorSize = z.infer<typeof doorSizeSchema>;

/** A door as people name it: the cabinet's label ("A柜") and its number on that cabinet. */
const where = { cabinet: z.string(), door: z.number().int().positive() };

/** What the identified citizen has waiting in this terminal's lockers, when the pickup screen opens. */
export const pickupWaitingSchema = z.object({ waiting: z.number().int().nonnegative() }).strict();

/** The answer to a pickup code: the door opened, or honestly why not. */
export const pickupAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('opened'), caseNumber: z.string(), itemName: z.string(), ...where }).strict(),
  z.object({ status: z.literal('wrong-code'), triesLeft: z.number().int().nonnegative() }).strict(),
  z.object({ status: z.literal('locked'), until: z.string() }).strict(),
  /** Nothing is held here for the identified citizen. */
  z.object({ status: z.literal('nothing-waiting') }).strict(),
  /** Only the platform could check this code, and it cannot be reached now (not counted as a wrong try). */
  z.object({ status: z.literal('cannot-check') }).strict(),
  /** The door would not open: staff were told; the item stays inside, still the citizen's, not marked collected. */
  z.object({ status: z.literal('door-failed'), problem: z.enum(['jammed', 'not-answering']), ...where }).strict(),
  /** The item's door was set aside as jammed earlier: staff hand the item over. */
  z.object({ status: z.literal('door-out-of-service'), ...where }).strict(),
  /** What was scanned or typed is not a pickup code (6 to 8 digits, or a pickup link holding one). */
  z.object({ status: z.literal('not-a-code') }).strict(),
]);
export type PickupAnswer = z.infer<typeof pickupAnswerSchema>;

/** After the door opened: the door closed, and the item was taken, or (infrared) it is still inside. */
export const pickupOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('collected'), collectedAt: z.string() }).strict(),
  z.object({ status: z.literal('still-inside'), ...where }).strict(),
]);
export type PickupOutcome = z.infer<typeof pickupOutcomeSchema>;

export const dropOffOpeningSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('open'), ...where }).strict(),
  /** The platform says the case is not the identified citizen's. */
  z.object({ status: z.literal('not-your-case') }).strict(),
  z.object({ status: z.literal('no-free-door') }).strict(),
  z.object({ status: z.literal('not-answering') }).strict(),
]);
export type DropOffOpening = z.infer<typeof dropOffOpeningSchema>;

export const dropOffOutcomeSchema = z.discriminatedUnion('status', [
  /** Recorded for staff; the platform recorded it too, will hear of it later, or refused it (staff were told). */
  z.object({ status: z.literal('received'), receivedAt: z.string(), platform: z.enum(['recorded', 'queued', 'refused']) }).strict(),
  /** The door closed with nothing inside (infrared): nothing was recorded. */
  z.object({ status: z.literal('nothing-inside'), ...where }).strict(),
]);
export type DropOffOutcome = z.infer<typeof dropOffOutcomeSchema>;

/** Maintenance mode's sign-in: a staff session that ends on sign-out or after `idleSeconds` unused. */
export const staffSignInSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), staffId: z.string(), idleSeconds: z.number().int().positive() }).strict(),
  z.object({ status: z.literal('refused'), triesLeft: z.number().int().nonnegative() }).strict(),
  z.object({ status: z.literal('locked'), until: z.string() }).strict(),
]);
export type StaffSignIn = z.infer<typeof staffSignInSchema>;

export const depositRequestSchema = z
  .object({
    caseNumber: z.string().min(1).max(50),
    /** The applicant's ID number: only their own card opens the door for them. */
    recipientIdNumber: z.string().min(1).max(18),
    itemName: z.string().min(1).max(200),
    size: doorSizeSchema,
  })
  .strict();

export const depositOpeningSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('open'), size: doorSizeSchema, ...where }).strict(),
  /** Every door that fits is in use or out of service. */
  z.object({ status: z.literal('no-free-door') }).strict(),
  /** No board with a fitting door answered: the cabinet needs a technician. */
  z.object({ status: z.literal('not-answering') }).strict(),
]);
export type DepositOpening = z.infer<typeof depositOpeningSchema>;

export const depositOutcomeSchema = z.discriminatedUnion('status', [
  /** Held until `keepUntil`; the platform sent the pickup code, will when it can, or refused the deposit. */
  z.object({ status: z.literal('registered'), keepUntil: z.string(), platform: z.enum(['code-sent', 'queued', 'refused']), ...where }).strict(),
  z.object({ status: z.literal('nothing-inside'), ...where }).strict(),
  z.object({ status: z.literal('cancelled'), ...where }).strict(),
]);
export type DepositOutcome = z.infer<typeof depositOutcomeSchema>;

export const itemStateSchema = z.enum(['depositing', 'held', 'collecting', 'collected', 'dropping', 'dropped', 'retrieved', 'cancelled', 'needs-check']);

/** One door for staff: its size, whether it is out of service, what it holds. */
export const lockerDoorSchema = z
  .object({
    ...where,
    size: doorSizeSchema,
    jammed: z.boolean(),
    item: z
      .object({
        reference: z.string(),
        kind: z.enum(['certificate', 'materials']),
        caseNumber: z.string(),
        itemName: z.string(),
        materials: z.array(z.string()),
        state: itemStateSchema,
        placedAt: z.string(),
        keepUntil: z.string().nullable(),
        overdue: z.boolean(),
        problem: z.string().nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type LockerDoor = z.infer<typeof lockerDoorSchema>;

export const lockerOverviewSchema = z.object({ doors: z.array(lockerDoorSchema) }).strict();

export const retrieveAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('opened'), ...where }).strict(),
  z.object({ status: z.literal('door-failed'), problem: z.enum(['jammed', 'not-answering']), ...where }).strict(),
]);
export type RetrieveAnswer = z.infer<typeof retrieveAnswerSchema>;

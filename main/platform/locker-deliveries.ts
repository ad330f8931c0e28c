import { z } from 'zod';

/**
 * What the kiosk tells the platform about its certificate lockers, and what the platform answers
 * (docs/platform-api.yaml, /v1/lockers/*). The event bodies are built in main/lockers and travel through the
 * outbox as the exact JSON text stored there, like cases (platform-deliveries.ts).
 */

/** Staff put a case's result into a door; the platform mints the pickup code and sends it by SMS. */
export interface LockerDepositBody {
  /** The terminal's reference of the item (a UUID): its collection names it. */
  reference: string;
  caseNumber: string;
  recipientIdNumber: string;
  itemName: string;
  /** The cabinet's label and the door's number, as printed on the cabinet. */
  cabinet: string;
  door: number;
  depositedAt: string;
  /** The end of the retention period: the SMS tells the citizen. */
  pickupBy: string;
  staffId: string;
}

export const lockerDepositAcceptanceSchema = z.object({
  depositNumber: z.string().min(1).max(64),
  /** 取件码: the terminal keeps only a keyed hash of it. */
  pickupCode: z.string().regex(/^[0-9]{6,8}$/),
  smsSent: z.boolean(),
});
export type LockerDepositAcceptance = z.infer<typeof lockerDepositAcceptanceSchema>;

/** The recipient took the item out; reported once per deposit. */
export interface LockerCollectionBody {
  depositReference: string;
  caseNumber: string;
  cabinet: string;
  door: number;
  collectedAt: string;
}

export const lockerCollectionAcceptanceSchema = z.object({ collectionNumber: z.string().min(1).max(64), collectedAt: z.iso.datetime({ offset: true }) });
export type LockerCollectionAcceptance = z.infer<typeof lockerCollectionAcceptanceSchema>;

/** An identified citizen put materials for their case into a door. */
export interface MaterialDropOffBody {
  reference: string;
  caseNumber: string;
  submitterIdNumber: string;
  materials: string[];
  cabinet: string;
  door: number;
  droppedAt: string;
}

export const materialDropOffAcceptanceSchema = z.object({ dropOffNumber: z.string().min(1).max(64), receivedAt: z.iso.datetime({ offset: true }) });
export type MaterialDropOffAcceptance = z.infer<typeof materialDropOffAcceptanceSchema>;

/** Which of this terminal's items a pickup code opens for the identified recipient, as the platform knows it. */
export const pickupCodeMatchSchema = z.object({
  depositReference: z.string().min(1).max(64),
  depositNumber: z.string().min(1).max(64),
  caseNumber: z.string().min(1).max(50),
  itemName: z.string().min(1).max(200),
  cabinet: z.string().min(1).max(20),
  door: z.number().int().min(1),
});
export type PickupCodeMatch = z.infer<typeof pickupCodeMatchSchema>;

/** The platform's answer to a pickup-code check: the item, or why not (no-match, locked-out, …). */
export type PickupCodeCheck = { matched: true; item: PickupCodeMatch } | { matched: false; code: string; message: string };

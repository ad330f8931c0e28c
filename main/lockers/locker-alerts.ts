import type { LockerDeliveryKind } from '../cases/outbox.ts';
import type { OpeningReason } from './locker-inventory.ts';

/**
 * What staff must hear about the lockers (the host logs it and, later, the fleet forwards it): doors that would
 * not open or are left open, doors opened without the kiosk, items kept past their retention, reports the platform
 * refused, items left mid-way when the kiosk stopped. Alerts carry doors, references and case numbers, never a
 * citizen's name or ID number.
 */
export interface AlertDoor {
  /** The cabinet's label and the door's number, as staff find it. */
  cabinet: string;
  number: number;
}

export type LockerAlert =
  | { kind: 'door-jammed'; door: AlertDoor; during: OpeningReason }
  | { kind: 'board-not-answering'; door: AlertDoor; during: OpeningReason }
  | { kind: 'door-left-open'; door: AlertDoor; openForMs: number }
  | { kind: 'door-opened-unexpectedly'; door: AlertDoor }
  | { kind: 'retention-ended'; door: AlertDoor; reference: string; caseNumber: string; keepUntil: number }
  | { kind: 'report-refused'; door: AlertDoor; reference: string; report: LockerDeliveryKind; reason: string }
  | { kind: 'needs-check'; door: AlertDoor; reference: string; why: string };

export type AlertSink = (alert: LockerAlert) => void;

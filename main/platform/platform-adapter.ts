/**
 * The kiosk's only notion of "the central platform". The HTTP adapter talks to the reference platform
 * (and to any province whose API follows docs/platform-api); a province with its own API gets an adapter
 * beside it. Requests made for a citizen are signed by the terminal's key (request-signing.ts).
 */
import type { PlatformCase } from './case-status.ts';
import type { LockerCollectionAcceptance, LockerDepositAcceptance, MaterialDropOffAcceptance, PickupCodeCheck } from './locker-deliveries.ts';
import type { CaseAcceptance, Certificate, DeliveryOutcome, RatingAcceptance } from './platform-deliveries.ts';

export interface PlatformAdapter {
  /** Resolves when the platform answered a health check correctly; rejects with PlatformUnreachable otherwise. */
  checkHealth(signal?: AbortSignal): Promise<PlatformHealth>;
  /** An applicant's cases, newest first (查询本人办件). */
  casesOfApplicant(idNumber: string): Promise<PlatformCase[]>;
  /** One case by its number; null when the platform has no such case. */
  caseByNumber(caseNumber: string): Promise<PlatformCase | null>;
  /**
   * The signed manifest of what a terminal holding catalogue version `since` (null: none) should fetch next: a
   * delta from that version, or the whole snapshot. Not trusted until verified (main/catalogue).
   */
  catalogueManifest(since: number | null): Promise<SignedCatalogueManifest>;
  /** The snapshot body (JSON Lines) of a version; fails when the platform has moved on. */
  catalogueSnapshot(version: number): Promise<string>;
  /** The delta body (JSON Lines) from one version to another; fails when the platform has moved on. */
  catalogueDelta(since: number, version: number): Promise<string>;
  /**
   * Registers this terminal's public key with an enrolment code (provisioning). Rejects with EnrolmentRefused when
   * the platform refused the code or the key (no use trying again), TerminalRefused when it refused the request
   * (signature, clock: worth another try), PlatformUnreachable when there was no answer.
   */
  enrolTerminal(enrolmentCode: string): Promise<void>;
  /**
   * Delivers a case: `body` is the stored JSON text (platform-deliveries.ts CaseSubmissionBody), sent as it is under
   * its Idempotency-Key. Resolves with the platform's decision; rejects (PlatformUnreachable, TerminalRefused) when
   * there was none, and the delivery is to be tried again with the same key.
   */
  submitCase(body: string, idempotencyKey: string): Promise<DeliveryOutcome<CaseAcceptance>>;
  submitRating(body: string, idempotencyKey: string): Promise<DeliveryOutcome<RatingAcceptance>>;
  /** The identified applicant's 电子证照 (免提交). */
  certificatesOf(holderIdNumber: string): Promise<Certificate[]>;
  /**
   * Certificate-locker events (locker-deliveries.ts), delivered like cases: the stored JSON text under its
   * Idempotency-Key; a decision, or a rejection (PlatformUnreachable, TerminalRefused) when there was none.
   */
  registerLockerDeposit(body: string, idempotencyKey: string): Promise<DeliveryOutcome<LockerDepositAcceptance>>;
  reportLockerCollection(body: string, idempotencyKey: string): Promise<DeliveryOutcome<LockerCollectionAcceptance>>;
  reportMaterialDropOff(body: string, idempotencyKey: string): Promise<DeliveryOutcome<MaterialDropOffAcceptance>>;
  /** Which of this terminal's items a pickup code opens for the identified recipient (when the terminal cannot tell). */
  checkPickupCode(pickupCode: string, recipientIdNumber: string): Promise<PickupCodeCheck>;
}

/** A catalogue manifest exactly as signed (its JSON text) and the platform's SM2 signature, hex. */
export interface SignedCatalogueManifest {
  manifest: string;
  signature: string;
}

export interface PlatformHealth {
  /** The platform's clock, ISO 8601: a terminal whose clock drifts far from it cannot sign requests. */
  serverTime: string;
}

/** The platform could not be reached or did not answer as the contract says. `cause` says which, for the log. */
export class PlatformUnreachable extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`platform unreachable: ${reason}`, options);
    this.name = 'PlatformUnreachable';
  }
}

/**
 * The platform refused the terminal itself (not registered, signature or clock wrong, a replay): no decision on
 * the request was made, so it is tried again later, and the technician is told why.
 */
export class TerminalRefused extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(`platform refused this terminal (${code}): ${message}`);
    this.name = 'TerminalRefused';
    this.code = code;
  }
}

/**
 * The platform refused the enrolment itself (the code unknown, for another terminal, expired or used; the terminal
 * id held by another key): trying again with the same code cannot help. An operator has to issue a new code.
 */
export class EnrolmentRefused extends TerminalRefused {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'EnrolmentRefused';
  }
}

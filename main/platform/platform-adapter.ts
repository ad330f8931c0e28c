/**
 * The kiosk's only notion of "the central platform". The HTTP adapter talks to the reference platform
 * (and to any province whose API follows docs/platform-api); a province with its own API gets an adapter
 * beside it. Later issues add catalogue sync, case submission, certificates and locker events here.
 */
import type { PlatformCase } from './case-status.ts';

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

import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import { CatalogueRejected, verifyBody, verifyManifest, type CatalogueManifest } from './catalogue-manifest.ts';
import type { CatalogueScope } from './catalogue-scope.ts';
import type { ApplyResult, CatalogueStore } from './catalogue-store.ts';
import { parseExchangeLines, type FieldWarnings, type RejectedLine } from './exchange-format.ts';

export type CatalogueSource = Pick<PlatformAdapter, 'catalogueManifest' | 'catalogueSnapshot' | 'catalogueDelta'>;

export interface CatalogueSyncOptions {
  store: CatalogueStore;
  source: CatalogueSource;
  /** The platform's SM2 public key from the terminal config: nothing it did not sign is used. */
  publicKey: string;
  scope: CatalogueScope;
  /** Told as each step is passed (for the log): the manifest verified, the body verified, writing begins, written. */
  onStage?: (stage: SyncStage, manifest: CatalogueManifest) => void;
}

export type SyncStage = 'manifest-verified' | 'body-verified' | 'applying' | 'applied';

export type SyncOutcome =
  | { kind: 'up-to-date'; version: number }
  | { kind: 'snapshot' | 'delta'; from: number | null; version: number; applied: ApplyResult; rejected: RejectedLine[]; warnings: FieldWarnings };

/**
 * Brings the terminal's catalogue up to the platform's: asks what to fetch for the version it holds, verifies the
 * manifest's SM2 signature against the configured key, downloads the delta or snapshot, checks its SM3 and line
 * count, and applies it in one transaction (keeping only this terminal's scope). Its lines are taken by the same
 * rules as an import (exchange-format.ts): province spellings respelled, unknown optional values dropped and counted.
 * Any failure — unreachable platform, bad signature, altered body, a process killed half-way — leaves the previous
 * catalogue as it was.
 * One sync at a time: a call during a sync joins it.
 */
export class CatalogueSync {
  readonly #options: CatalogueSyncOptions;
  #running: Promise<SyncOutcome> | null = null;

  constructor(options: CatalogueSyncOptions) {
    this.#options = options;
  }

  syncOnce(): Promise<SyncOutcome> {
    this.#running ??= this.#sync().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #sync(): Promise<SyncOutcome> {
    const { store, source, publicKey, scope, onStage } = this.#options;
    const held = store.version;
    const manifest = verifyManifest(await source.catalogueManifest(held), publicKey);
    onStage?.('manifest-verified', manifest);
    if (held !== null && manifest.version === held) return { kind: 'up-to-date', version: held };
    if (held !== null && manifest.version < held) {
      throw new CatalogueRejected('not-newer', `the platform offers version ${manifest.version}; this terminal holds ${held}`);
    }
    if (manifest.kind === 'delta' && manifest.baseVersion !== held) {
      throw new CatalogueRejected('wrong-base', `a delta from version ${manifest.baseVersion} cannot apply to ${held ?? 'no version'}`);
    }
    const body = manifest.kind === 'delta' ? await source.catalogueDelta(manifest.baseVersion, manifest.version) : await source.catalogueSnapshot(manifest.version);
    verifyBody(manifest, body);
    onStage?.('body-verified', manifest);
    const { records, rejected, warnings } = parseExchangeLines(body, { deletionsAllowed: manifest.kind === 'delta' });
    if (records.length + rejected.length !== manifest.count) {
      throw new CatalogueRejected('count-mismatch', `the body has ${records.length + rejected.length} records, the manifest says ${manifest.count}`);
    }
    onStage?.('applying', manifest);
    const applied =
      manifest.kind === 'delta'
        ? store.applyChanges(records, { scope, fromVersion: manifest.baseVersion, toVersion: manifest.version })
        : store.replaceAll(records, { scope, version: manifest.version });
    onStage?.('applied', manifest);
    return { kind: manifest.kind, from: held, version: manifest.version, applied, rejected, warnings };
  }
}

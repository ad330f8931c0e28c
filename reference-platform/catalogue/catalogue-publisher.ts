import { sm2, sm3 as sm3Digest } from 'sm-crypto-v2';
import type { PublishedBundle, PublishedCatalogueData, PublishedGuide } from './guide-dataset.ts';

/**
 * What a terminal downloads: a snapshot (every guide and bundle) or a delta (what changed since a version), as
 * JSON Lines, and a manifest saying which it is, which version it brings, how many lines and the body's SM3,
 * signed with the platform's SM2 key (over the SM3 digest with the standard user ID, as sm-crypto-v2's `hash: true`
 * does). The manifest travels as the exact string that was signed, so nobody has to re-serialise it.
 */
export interface SignedManifest {
  manifest: string;
  signature: string;
}

export type CatalogueManifest =
  | { kind: 'snapshot'; version: number; createdAt: string; count: number; sm3: string }
  | { kind: 'delta'; baseVersion: number; version: number; createdAt: string; count: number; sm3: string };

/** One change of a published version: a guide or bundle written, or removed (cd_operation D). */
export type CatalogueChange =
  | { guide: PublishedGuide }
  | { bundle: PublishedBundle }
  | { removeGuide: string }
  | { removeBundle: string };

export const sm3Hex = (text: string): string => sm3Digest(Buffer.from(text, 'utf8'));

export const generateSigningKey = (): { publicKey: string; privateKey: string } => sm2.generateKeyPairHex();

const lineOf = (key: string, change: CatalogueChange): string => {
  if ('guide' in change) return JSON.stringify(change.guide);
  if ('bundle' in change) return JSON.stringify(change.bundle);
  return JSON.stringify(key.startsWith('g:') ? { task_code: key.slice(2), cd_operation: 'D' } : { bundle_code: key.slice(2), cd_operation: 'D' });
};

const keyOf = (change: CatalogueChange): string =>
  'guide' in change ? `g:${change.guide.task_code}` : 'bundle' in change ? `b:${change.bundle.bundle_code}` : 'removeGuide' in change ? `g:${change.removeGuide}` : `b:${change.removeBundle}`;

/**
 * The platform's catalogue over time: version 1 is the generated dataset; each publish() of changes makes the
 * next version. A terminal that holds a version this history knows gets a delta (each guide's latest state since
 * then, removals included); any other terminal gets the whole snapshot.
 */
export class CatalogueHistory {
  readonly #privateKey: string;
  readonly #now: () => Date;
  /** The current catalogue by key (g:task_code, b:bundle_code), in publication order. */
  readonly #current = new Map<string, CatalogueChange>();
  /** changes[v] = the changes that made version v (v ≥ 2). */
  readonly #changes = new Map<number, Map<string, CatalogueChange>>();
  readonly #signed = new Map<string, { body: string; signed: SignedManifest }>();
  #version = 1;

  constructor(initial: PublishedCatalogueData, privateKey: string, now: () => Date = () => new Date()) {
    this.#privateKey = privateKey;
    this.#now = now;
    for (const guide of initial.guides) this.#current.set(`g:${guide.task_code}`, { guide });
    for (const bundle of initial.bundles) this.#current.set(`b:${bundle.bundle_code}`, { bundle });
  }

  get version(): number {
    return this.#version;
  }

  /** A guide as currently published, or null (case submission checks items against it). */
  guide(taskCode: string): PublishedGuide | null {
    const change = this.#current.get(`g:${taskCode}`);
    return change !== undefined && 'guide' in change ? change.guide : null;
  }

  bundle(bundleCode: string): PublishedBundle | null {
    const change = this.#current.get(`b:${bundleCode}`);
    return change !== undefined && 'bundle' in change ? change.bundle : null;
  }

  /** Publishes changes as the next version, which it returns. */
  publish(changes: readonly CatalogueChange[]): number {
    const made = new Map<string, CatalogueChange>();
    for (const change of changes) {
      const key = keyOf(change);
      made.set(key, change);
      if ('guide' in change || 'bundle' in change) this.#current.set(key, change);
      else this.#current.delete(key);
    }
    this.#version += 1;
    this.#changes.set(this.#version, made);
    return this.#version;
  }

  /** What a terminal holding `since` (or nothing) should fetch next: a delta when possible, else the snapshot. */
  manifestFor(since: number | null): SignedManifest {
    // A terminal that is up to date is told so by the current snapshot's manifest (it downloads nothing).
    if (since !== null && since >= 1 && since < this.#version) return this.delta(since).signed;
    return this.snapshot().signed;
  }

  /** The current snapshot, signed (built once per version). */
  snapshot(): { body: string; signed: SignedManifest } {
    return this.#sign(`snapshot:${this.#version}`, [...this.#current].map(([key, change]) => lineOf(key, change)), (count, sm3) => ({
      kind: 'snapshot',
      version: this.#version,
      createdAt: this.#now().toISOString(),
      count,
      sm3,
    }));
  }

  /** What changed from `since` to the current version, each key once (its latest state), signed. */
  delta(since: number): { body: string; signed: SignedManifest } {
    const merged = new Map<string, CatalogueChange>();
    for (let version = since + 1; version <= this.#version; version += 1) {
      for (const [key, change] of this.#changes.get(version) ?? []) {
        merged.delete(key);
        merged.set(key, change);
      }
    }
    return this.#sign(`delta:${since}:${this.#version}`, [...merged].map(([key, change]) => lineOf(key, change)), (count, sm3) => ({
      kind: 'delta',
      baseVersion: since,
      version: this.#version,
      createdAt: this.#now().toISOString(),
      count,
      sm3,
    }));
  }

  #sign(cacheKey: string, lines: string[], manifestOf: (count: number, sm3: string) => CatalogueManifest) {
    const cached = this.#signed.get(cacheKey);
    if (cached !== undefined) return cached;
    const body = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    const manifest = JSON.stringify(manifestOf(lines.length, sm3Hex(body)));
    const result = { body, signed: { manifest, signature: sm2.doSignature(manifest, this.#privateKey, { hash: true }) } };
    this.#signed.set(cacheKey, result);
    return result;
  }
}

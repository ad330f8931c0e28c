import type { Audience, BundleSummary, CatalogueBrowse, CatalogueStatus, GuideDetail, GuideSummary } from '../api/index.ts';
import type { Clock, TimerHandle } from '../common/clock.ts';
import type { BundleEntry, CatalogueStore, GuideEntry } from './catalogue-store.ts';
import type { CatalogueSync, SyncOutcome } from './catalogue-sync.ts';
import { guideDetailOf } from './guide-detail.ts';
import { inForce, servesAudience } from './guide-filters.ts';
import { GuideSearch, type SearchHit } from './guide-search.ts';
import type { GuideRecord } from './guide-record.ts';

export interface CatalogueServiceOptions {
  store: CatalogueStore;
  /** Null on a terminal whose config has no catalogue key: it serves what was imported (kioskctl) and never syncs. */
  sync: CatalogueSync | null;
  clock: Clock;
  syncIntervalMs: number;
  /** After a failed sync, the next try comes after this (default 15 s), doubling after each failure up to the interval. */
  retryMs?: number;
  onSynced?: (outcome: SyncOutcome) => void;
  onSyncFailed?: (error: unknown) => void;
}


const summaryOf = (entry: GuideEntry, match?: SearchHit['match']): GuideSummary => ({
  taskCode: entry.taskCode,
  taskName: entry.taskName,
  deptName: entry.deptName,
  kioskCapable: entry.kioskCapable,
  ...(match === undefined ? {} : { match }),
});

const byCountThenName = (a: { name: string; count: number }, b: { name: string; count: number }) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN');
const byPopularity = (a: GuideEntry, b: GuideEntry) => b.popularity - a.popularity || a.taskName.length - b.taskName.length || (a.taskCode < b.taskCode ? -1 : 1);
const LIST_LIMIT = 200;

/**
 * The catalogue as the citizen meets it: search, browse by theme, department and life event, and the guide
 * screen, always over what the terminal holds (so it works offline), and only guides in force now. Keeps the
 * catalogue in step with the platform: a sync at start and every interval; after a change the search index is
 * rebuilt beside the old one, which serves until the new one is ready.
 */
export class CatalogueService {
  readonly #options: CatalogueServiceOptions;
  #entries: GuideEntry[] = [];
  #byCode = new Map<string, GuideEntry>();
  #bundles: BundleEntry[] = [];
  #search: GuideSearch | null = null;
  #timer: TimerHandle | null = null;
  #stopped = false;
  /** How long to wait after the next failure; back to the first retry after a success. */
  #nextRetryMs: number;

  constructor(options: CatalogueServiceOptions) {
    this.#options = options;
    this.#nextRetryMs = options.retryMs ?? 15_000;
  }

  /** Loads the index from what the terminal holds, then syncs in the background. */
  start(): void {
    this.#stopped = false;
    this.#reload();
    if (this.#options.sync !== null) this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Syncs now (also what the schedule does); resolves with the outcome, rejects with why it failed. */
  async syncNow(): Promise<SyncOutcome> {
    if (this.#options.sync === null) throw new Error('this terminal has no catalogue key configured: it does not sync');
    const outcome = await this.#options.sync.syncOnce();
    this.#options.store.markSynced(this.#options.clock.now());
    if (outcome.kind !== 'up-to-date') this.#reload();
    return outcome;
  }

  /** When the catalogue was last confirmed current with the platform (ms since the epoch); null: never. */
  get syncedAt(): number | null {
    return this.#options.store.syncedAt;
  }

  /** The platform is reachable again: when the last sync failed, try now instead of waiting for the retry. */
  platformBack(): void {
    const firstRetry = this.#options.retryMs ?? 15_000;
    if (this.#stopped || this.#options.sync === null || this.#nextRetryMs === firstRetry || this.#timer === null) return;
    this.#options.clock.clearTimeout(this.#timer);
    this.#schedule(0);
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    const { clock, syncIntervalMs, retryMs = 15_000, onSynced, onSyncFailed } = this.#options;
    this.#timer = clock.setTimeout(() => {
      this.#timer = null;
      this.syncNow().then(
        (outcome) => {
          onSynced?.(outcome);
          this.#nextRetryMs = retryMs;
          this.#schedule(syncIntervalMs);
        },
        (error: unknown) => {
          onSyncFailed?.(error);
          const wait = this.#nextRetryMs;
          this.#nextRetryMs = Math.min(wait * 2, syncIntervalMs);
          this.#schedule(Math.min(wait, syncIntervalMs));
        },
      );
    }, ms);
  }

  #reload(): void {
    this.#entries = this.#options.store.entries();
    this.#byCode = new Map(this.#entries.map((entry) => [entry.taskCode, entry]));
    this.#bundles = this.#options.store.bundles();
    this.#search = new GuideSearch(this.#entries, this.#search ?? undefined);
  }

  #offered(entry: GuideEntry): boolean {
    return inForce(entry, new Date(this.#options.clock.now()).toISOString());
  }

  status(): CatalogueStatus {
    const guides = this.#entries.filter((entry) => this.#offered(entry)).length;
    return { loaded: this.#entries.length > 0, version: this.#options.store.version, guides };
  }

  /** The best `limit` guides for the query, and whether more match (looked for as one more result, no more). */
  search(query: string, audience: Audience | undefined, limit: number): { results: GuideSummary[]; more: boolean } {
    if (this.#search === null) return { results: [], more: false };
    const now = new Date(this.#options.clock.now());
    const hits = this.#search.search(query, { limit: limit + 1, now, ...(audience === undefined ? {} : { audience }) });
    return { results: hits.slice(0, limit).map((hit) => summaryOf(hit.guide, hit.match)), more: hits.length > limit };
  }

  browse(audience: Audience): CatalogueBrowse {
    const themes = new Map<string, number>();
    const departments = new Map<string, number>();
    for (const entry of this.#entries) {
      if (!servesAudience(entry.serverTypes, audience) || !this.#offered(entry)) continue;
      for (const theme of audience === 'natural' ? entry.userTopics : entry.corpTopics) themes.set(theme, (themes.get(theme) ?? 0) + 1);
      departments.set(entry.deptName, (departments.get(entry.deptName) ?? 0) + 1);
    }
    const counted = (map: Map<string, number>) => [...map].map(([name, count]) => ({ name, count })).sort(byCountThenName);
    return {
      themes: counted(themes),
      departments: counted(departments),
      bundles: this.#offeredBundles()
        .filter((bundle) => servesAudience(bundle.serverTypes, audience))
        .map((bundle) => this.#bundleSummary(bundle)),
    };
  }

  list(audience: Audience, by: 'theme' | 'department', name: string): GuideSummary[] {
    return this.#entries
      .filter((entry) => servesAudience(entry.serverTypes, audience) && this.#offered(entry))
      .filter((entry) => (by === 'department' ? entry.deptName === name : (audience === 'natural' ? entry.userTopics : entry.corpTopics).includes(name)))
      .sort(byPopularity)
      .slice(0, LIST_LIMIT)
      .map((entry) => summaryOf(entry));
  }

  bundle(bundleCode: string): { bundle: BundleSummary; guides: GuideSummary[] } | null {
    const bundle = this.#offeredBundles().find((candidate) => candidate.bundleCode === bundleCode);
    if (bundle === undefined) return null;
    return {
      bundle: this.#bundleSummary(bundle),
      guides: bundle.taskCodes.map((code) => summaryOf(this.#byCode.get(code) as GuideEntry)),
    };
  }

  guide(taskCode: string): GuideDetail | null {
    const entry = this.#byCode.get(taskCode);
    if (entry === undefined || !this.#offered(entry)) return null;
    const record = this.#options.store.guide(taskCode);
    return record === null ? null : guideDetailOf(record);
  }

  /**
   * What a case is built from: the whole guides of an item offered here now and handled at terminals, or of every
   * item of a bundle offered here now; null otherwise.
   */
  application(target: { taskCode: string } | { bundleCode: string }): { bundle: { bundleCode: string; bundleName: string } | null; guides: GuideRecord[] } | null {
    const recordOf = (code: string) => {
      const entry = this.#byCode.get(code);
      if (entry === undefined || !this.#offered(entry) || !entry.kioskCapable) return null;
      return this.#options.store.guide(code);
    };
    if ('taskCode' in target) {
      const record = recordOf(target.taskCode);
      return record === null ? null : { bundle: null, guides: [record] };
    }
    const bundle = this.#offeredBundles().find((candidate) => candidate.bundleCode === target.bundleCode);
    if (bundle === undefined) return null;
    const guides = bundle.taskCodes.map(recordOf);
    if (guides.some((guide) => guide === null)) return null;
    return { bundle: { bundleCode: bundle.bundleCode, bundleName: bundle.bundleName }, guides: guides as GuideRecord[] };
  }

  /** Bundles every member of which this terminal offers now; a bundle missing a member cannot be applied for. */
  #offeredBundles(): BundleEntry[] {
    return this.#bundles
      .filter((bundle) => bundle.taskCodes.every((code) => {
        const entry = this.#byCode.get(code);
        return entry !== undefined && this.#offered(entry);
      }))
      .sort((a, b) => b.popularity - a.popularity || a.bundleName.localeCompare(b.bundleName, 'zh-CN'));
  }

  #bundleSummary(bundle: BundleEntry): BundleSummary {
    return { bundleCode: bundle.bundleCode, bundleName: bundle.bundleName, description: bundle.description, guideCount: bundle.taskCodes.length };
  }
}

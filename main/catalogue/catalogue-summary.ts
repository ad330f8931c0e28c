import type Database from 'better-sqlite3';

/** What the terminal's catalogue holds, in three numbers: the platform's version, the guides, the 一件事 bundles. */
export interface CatalogueSummary {
  /** The platform's catalogue version held; null when none (never synced, or imported by hand). */
  version: number | null;
  guides: number;
  bundles: number;
}

export const heldCatalogueVersion = (db: Database.Database): number | null => {
  const row = db.prepare("SELECT value FROM catalogue_meta WHERE key = 'version'").get() as { value: string } | undefined;
  return row === undefined ? null : Number(row.value);
};

export const guideCount = (db: Database.Database): number => (db.prepare('SELECT count(*) AS n FROM guides').get() as { n: number }).n;

export const catalogueSummary = (db: Database.Database): CatalogueSummary => ({
  version: heldCatalogueVersion(db),
  guides: guideCount(db),
  bundles: (db.prepare('SELECT count(*) AS n FROM bundles').get() as { n: number }).n,
});

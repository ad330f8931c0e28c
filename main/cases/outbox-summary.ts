import type Database from 'better-sqlite3';
import type { DeliveryKind, DeliveryState } from './outbox.ts';

/**
 * What a technician and the vendor may see of the outbox: how many entries are in each state, of which kinds, and
 * since when the oldest undecided one waits. Nothing of what was submitted (no payload, summary, reference or error
 * text): those can carry a citizen's data.
 */
export interface OutboxSummary {
  states: Record<DeliveryState, number>;
  kinds: Partial<Record<DeliveryKind, number>>;
  /** Queued or being sent: waiting for the platform. */
  waiting: number;
  /** When the oldest entry still waiting (or needing attention) was committed, ISO 8601; null: none. */
  oldestUndecidedAt: string | null;
}

const UNDECIDED: readonly DeliveryState[] = ['queued', 'sending', 'needs-attention'];

export const outboxStateCounts = (db: Database.Database): Record<DeliveryState, number> => {
  const counts: Record<DeliveryState, number> = { queued: 0, sending: 0, accepted: 0, rejected: 0, 'needs-attention': 0 };
  for (const row of db.prepare('SELECT state, count(*) AS n FROM deliveries GROUP BY state').all() as Array<{ state: DeliveryState; n: number }>) counts[row.state] = row.n;
  return counts;
};

export const outboxSummary = (db: Database.Database): OutboxSummary => {
  const states = outboxStateCounts(db);
  const kinds: Partial<Record<DeliveryKind, number>> = {};
  for (const row of db.prepare('SELECT kind, count(*) AS n FROM deliveries GROUP BY kind').all() as Array<{ kind: DeliveryKind; n: number }>) kinds[row.kind] = row.n;
  const oldest = db
    .prepare(`SELECT min(created_at) AS at FROM deliveries WHERE state IN (${UNDECIDED.map(() => '?').join(', ')})`)
    .get(...UNDECIDED) as { at: number | null };
  return { states, kinds, waiting: states.queued + states.sending, oldestUndecidedAt: oldest.at === null ? null : new Date(oldest.at).toISOString() };
};

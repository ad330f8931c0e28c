import type Database from 'better-sqlite3';
import { sm2 } from 'sm-crypto-v2';

/** What became of a registration. */
export type Registration = 'registered' | 'already-registered' | 'key-conflict';

/**
 * The terminals this platform knows: each registered once, at provisioning, with its own SM2 public key; and the
 * nonces their signed requests spent, each kept while its signed timestamp is within the replay window, so no
 * request is taken twice.
 */
export class TerminalRegistry {
  readonly #db: Database.Database;
  /** Verification keys prepared once per terminal (sm-crypto-v2's precomputed tables: ~5× faster checks). */
  readonly #prepared = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();
  #purgedAt = 0;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Registers a terminal's key; the same key again is fine, another key for the same terminal is refused. */
  register(terminalId: string, publicKey: string, at: Date): Registration {
    const known = this.publicKeyOf(terminalId);
    if (known !== null) return known === publicKey.toLowerCase() ? 'already-registered' : 'key-conflict';
    this.#db.prepare('INSERT INTO terminals VALUES (?, ?, ?)').run(terminalId, publicKey.toLowerCase(), at.toISOString());
    return 'registered';
  }

  publicKeyOf(terminalId: string): string | null {
    const row = this.#db.prepare('SELECT public_key FROM terminals WHERE terminal_id = ?').get(terminalId) as { public_key: string } | undefined;
    return row?.public_key ?? null;
  }

  /** The key prepared for verification, or null for a terminal nobody registered. */
  verificationKeyOf(terminalId: string): ReturnType<typeof sm2.precomputePublicKey> | null {
    const cached = this.#prepared.get(terminalId);
    if (cached !== undefined) return cached;
    const publicKey = this.publicKeyOf(terminalId);
    if (publicKey === null) return null;
    const prepared = sm2.precomputePublicKey(publicKey);
    this.#prepared.set(terminalId, prepared);
    return prepared;
  }

  /**
   * Spends a request's nonce, keeping it until `keptUntilMs` (its signed timestamp plus the replay window: as long as
   * the timestamp alone would let the request in); false when this terminal spent it before (a replay). Nonces past
   * that time are forgotten: a request that old is refused by its timestamp anyway.
   */
  useNonce(terminalId: string, nonce: string, nowMs: number, keptUntilMs: number): boolean {
    if (nowMs - this.#purgedAt > 10_000) {
      this.#db.prepare('DELETE FROM spent_nonces WHERE kept_until < ?').run(nowMs);
      this.#purgedAt = nowMs;
    }
    // Without its own fsync: a nonce lost in the platform's power cut could be replayed within the window, and the
    // replayed request is then one more Idempotency-Key check, not a second case.
    this.#db.pragma('synchronous = NORMAL');
    try {
      return this.#db.prepare('INSERT OR IGNORE INTO spent_nonces VALUES (?, ?, ?)').run(terminalId, nonce, keptUntilMs).changes === 1;
    } finally {
      this.#db.pragma('synchronous = FULL');
    }
  }
}

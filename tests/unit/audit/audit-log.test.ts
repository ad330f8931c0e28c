import Database from 'better-sqlite3';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditFile, AuditFileUnusable } from '../../../main/audit/audit-file.ts';
import { AuditLog } from '../../../main/audit/audit-log.ts';
import { auditRecordHash, GENESIS_HASH } from '../../../main/audit/audit-record.ts';
import { configFingerprint, recordConfigIfChanged } from '../../../main/audit/config-record.ts';
import { editRecord, insertForgedBefore, removeRecord, swapRecords, truncateFrom } from '../../support/audit-tampering.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { SAMPLE_AUDIT_ENTRIES as ENTRIES } from '../../support/audit-entries.ts';

/**
 * The audit log: records chained by SM3, append-only to the kiosk's code, and every kind of tampering with the file
 * named by verify at the first bad record — edited, removed, inserted, reordered; cut off the end, the log is intact
 * and only its head tells.
 */
let dir: string;
let file: string;
let clock: ManualClock;
let log: AuditLog;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'audit-log-'));
  file = path.join(dir, 'audit.sqlite');
  clock = new ManualClock();
  clock.advance(Date.UTC(2026, 10, 23, 6, 0));
  log = new AuditLog(file, clock);
});
afterEach(async () => {
  log.close();
  await rm(dir, { recursive: true, force: true });
});

const fill = () => ENTRIES.map((entry) => {
  clock.advance(1000);
  return log.append(entry);
});
const verify = () => AuditFile.read(file, (audit) => audit.verify());

describe('the chain', () => {
  it('numbers each record, times it, chains it to the one before by its SM3 hash, and keeps it on disk 0600', async () => {
    const records = fill();
    expect(records.map((record) => record.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records[0]).toMatchObject({ at: '2026-11-23T06:00:01.000Z', prev: GENESIS_HASH });
    for (const [i, record] of records.entries()) {
      const { hash, ...content } = record;
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(auditRecordHash(content));
      if (i > 0) expect(record.prev).toBe(records[i - 1]?.hash);
    }
    expect(log.head()).toEqual({ seq: 5, hash: records[4]?.hash });
    expect(verify()).toEqual({ ok: true, records: 5, head: { seq: 5, hash: records[4]?.hash } });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('an empty log is intact, its head the genesis', () => {
    expect(verify()).toEqual({ ok: true, records: 0, head: { seq: 0, hash: GENESIS_HASH } });
  });

  it('hashes every field, the number and prev included', () => {
    const [record] = fill();
    if (record === undefined) throw new Error('no record');
    const { hash, ...content } = record;
    for (const field of ['seq', 'at', 'kind', 'actor', 'subject', 'reason', 'prev'] as const) {
      const changed = { ...content, [field]: field === 'seq' ? 2 : `${content[field]}x` };
      expect(auditRecordHash(changed), field).not.toBe(hash);
    }
  });

  it('refuses UPDATE and DELETE through SQL: the kiosk can only append', () => {
    fill();
    const db = new Database(file);
    try {
      expect(() => db.prepare("UPDATE audit_records SET reason = 'nothing' WHERE seq = 2").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_records WHERE seq = 5').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect(verify().ok).toBe(true);
  });

  it('two writers on one file (the kiosk and kioskctl) make one chain', () => {
    const other = new AuditLog(file, clock);
    try {
      for (let i = 0; i < 6; i += 1) (i % 2 === 0 ? log : other).append({ kind: 'staff-account-set', actor: 'technician', subject: `account S00${i}`, reason: 'kioskctl staff add' });
    } finally {
      other.close();
    }
    expect(verify()).toMatchObject({ ok: true, records: 6, head: { seq: 6 } });
  });
});

describe('verify names the first bad record', () => {
  it('edited: a field changed after it was written', () => {
    fill();
    editRecord(file, 4, 'reason', 'retrieve');
    expect(verify()).toMatchObject({ ok: false, records: 5, firstProblem: { seq: 4, problem: 'edited', detail: expect.stringContaining('hash does not match its content') } });
  });

  it('edited: a record renumbered, or given a number of the wrong type', () => {
    fill();
    editRecord(file, 2, 'seq', 9);
    expect(verify().firstProblem).toMatchObject({ seq: 9, problem: 'edited' });
    editRecord(file, 9, 'seq', 'two');
    expect(verify().firstProblem).toMatchObject({ problem: 'edited', detail: expect.stringContaining('not those of an audit record') });
  });

  it('removed: a record taken out of the middle', () => {
    fill();
    removeRecord(file, 3);
    expect(verify()).toMatchObject({ ok: false, records: 4, firstProblem: { seq: 3, problem: 'removed', detail: 'record 3 is missing: record 4 follows record 2' } });
  });

  it('removed: the first records', () => {
    fill();
    removeRecord(file, 1);
    removeRecord(file, 2);
    expect(verify().firstProblem).toEqual({ seq: 1, problem: 'removed', detail: 'records 1–2 are missing: record 3 follows the start of the log' });
  });

  it('inserted: a forged record slipped in as record 3, with a hash that matches it', () => {
    fill();
    insertForgedBefore(file, 3, { kind: 'door-opening', actor: 'staff:S001', subject: 'door lockers/1/4 (A柜 4)', reason: 'retrieve' });
    expect(verify()).toMatchObject({ ok: false, records: 6, firstProblem: { seq: 3, problem: 'inserted', detail: 'a second record 3: one of the two was inserted' } });
  });

  it('inserted: a record that does not follow the one before it', () => {
    fill();
    const forged = { seq: 6, at: '2026-11-23T07:00:00.000Z', kind: 'door-opening', actor: 'staff:S001', subject: 'door lockers/1/2', reason: 'retrieve', prev: 'f'.repeat(64) };
    const db = new Database(file);
    db.prepare('INSERT INTO audit_records (seq, at, kind, actor, subject, reason, prev, hash) VALUES (@seq, @at, @kind, @actor, @subject, @reason, @prev, @hash)').run({ ...forged, hash: auditRecordHash(forged) });
    db.close();
    expect(verify().firstProblem).toMatchObject({ seq: 6, problem: 'inserted', detail: expect.stringContaining('does not follow record 5') });
  });

  it('reordered: two records traded places', () => {
    fill();
    swapRecords(file, 3, 4);
    expect(verify()).toMatchObject({ ok: false, records: 5, firstProblem: { seq: 3, problem: 'reordered', detail: 'it is stored after record 4' } });
  });

  it('cut off the end: still intact, but its head is not the head the fleet was told', () => {
    const records = fill();
    const toldTheFleet = log.head();
    truncateFrom(file, 4);
    const verification = verify();
    expect(verification).toEqual({ ok: true, records: 3, head: { seq: 3, hash: records[2]?.hash } });
    expect(verification.head).not.toEqual(toldTheFleet);
  });
});

describe('reading a log', () => {
  it('never creates a file: a missing log, a file that is no database and a database that is no audit log are each one line', async () => {
    log.close();
    const missing = path.join(dir, 'none.sqlite');
    expect(() => AuditFile.open(missing)).toThrow(new AuditFileUnusable(`no audit log at ${missing}: the file does not exist`));
    const garbage = path.join(dir, 'garbage.sqlite');
    await writeFile(garbage, 'not a database at all, '.repeat(200));
    expect(() => AuditFile.open(garbage)).toThrow(/is not a readable audit log: file is not a database/);
    const other = path.join(dir, 'other.sqlite');
    new Database(other).exec('CREATE TABLE t (x)').close();
    expect(() => AuditFile.open(other)).toThrow(/is an SQLite database but not an audit log/);
    expect((await readdir(dir)).sort()).toEqual(['audit.sqlite', 'garbage.sqlite', 'other.sqlite']);
    log = new AuditLog(file, clock);
  });

  it('leaves no -wal or -shm beside a closed log, and reads what the running kiosk has not checkpointed yet', async () => {
    fill();
    expect(verify().records).toBe(5);
    log.close();
    expect(verify().records).toBe(5);
    expect(await readdir(dir)).toEqual(['audit.sqlite']);
    log = new AuditLog(file, clock);
  });
});

describe('config changes', () => {
  it('are recorded at start when the config differs from the one last recorded, whatever its keys’ order', () => {
    const config = { terminalId: 'T-1', platform: { baseUrl: 'https://x/', timeoutMs: 500 } };
    const first = recordConfigIfChanged(log, configFingerprint(config));
    expect(first).toMatchObject({ kind: 'config-changed', actor: 'unknown', subject: expect.stringMatching(/^sm3:[0-9a-f]{64}$/) });
    expect(recordConfigIfChanged(log, configFingerprint({ platform: { timeoutMs: 500, baseUrl: 'https://x/' }, terminalId: 'T-1' }))).toBeNull();
    const changed = recordConfigIfChanged(log, configFingerprint({ ...config, terminalId: 'T-2' }));
    expect(changed).toMatchObject({ seq: 2, reason: `the kiosk last started with ${first?.subject}` });
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Outbox, OUTBOX_MIGRATIONS } from '../../main/cases/outbox.ts';
import { PayloadSeal } from '../../main/cases/sealed-payload.ts';
import { openDatabase } from '../../main/storage/open-database.ts';

/**
 * An outbox file written before the locker events (schema 1) opened by this build: its entries keep their ids,
 * so their sealed payloads still open; the id sequence carries on where it was (a local reference is never given
 * twice, even after the last row went); the new kinds are accepted.
 */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'outbox-migration-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('keeps the entries, their sealed payloads and the id sequence of a schema-1 outbox, and takes locker events', () => {
  const file = path.join(dir, 'outbox.sqlite');
  const seal = new PayloadSeal(randomBytes(32));
  const old = openDatabase(file, OUTBOX_MIGRATIONS.slice(0, 1));
  const insert = old.prepare(
    `INSERT INTO deliveries (id, kind, draft_id, local_reference, idempotency_key, state, payload, summary, created_at, updated_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, 1, 1, 1)`,
  );
  const keys = [randomUUID(), randomUUID(), randomUUID()];
  keys.forEach((key, i) => {
    const id = i + 1;
    insert.run(id, i === 1 ? 'rating' : 'case', `draft-${id}`, `OLD-${id}`, key, seal.seal(`body ${id}`, `${id}:${key}`), seal.seal(JSON.stringify({ itemNames: [`item ${id}`], taskCodes: [], bundleCode: null }), `${id}:${key}:summary`));
  });
  // The last entry gone (as if purged): the sequence still remembers it.
  old.prepare('DELETE FROM deliveries WHERE id = 3').run();
  old.close();

  const outbox = new Outbox({ file, seal, referencePrefix: 'NEW-' });
  try {
    expect(outbox.record(1)).toMatchObject({ kind: 'case', localReference: 'OLD-1', state: 'queued', summary: { itemNames: ['item 1'] } });
    expect(outbox.record(2)).toMatchObject({ kind: 'rating', localReference: 'OLD-2' });
    expect(outbox.beginAttempt(1, 2)).toBe('body 1');
    expect(outbox.beginAttempt(2, 2)).toBe('body 2');
    const locker = outbox.enqueue({ kind: 'locker-collection', draftId: 'locker-collection:x', idempotencyKey: randomUUID(), body: '{}', summary: { itemNames: ['社会保障卡'], taskCodes: [], bundleCode: null } }, 3);
    expect(locker).toMatchObject({ id: 4, kind: 'locker-collection', localReference: 'NEW-000004' });
    expect(outbox.due(10, 10).map((entry) => entry.id)).toEqual([1, 2, 4]);
  } finally {
    outbox.close();
  }
});

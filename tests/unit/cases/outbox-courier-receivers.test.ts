import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxCourier, type CourierResult, type DeliveringPlatform } from '../../../main/cases/outbox-courier.ts';
import { Outbox, type DeliveryKind, type OutboxEntry } from '../../../main/cases/outbox.ts';
import { PayloadSeal } from '../../../main/cases/sealed-payload.ts';
import { PlatformUnreachable } from '../../../main/platform/platform-adapter.ts';
import type { DeliveryOutcome } from '../../../main/platform/platform-deliveries.ts';
import { ManualClock } from '../../support/manual-clock.ts';

/**
 * The courier sends each kind of entry to its own platform call, and hands the answers to a kind's receiver: the
 * receiver sees an acceptance before the outbox records it and decides what the outbox keeps (a deposit's pickup
 * code is not kept); a receiver that cannot keep the answer makes the attempt undecided, so it is sent again.
 */
let dir: string;
let outbox: Outbox;
const clock = new ManualClock();
const calls: Array<[string, string]> = [];
let answers: Array<DeliveryOutcome<unknown> | Error> = [];

const answer = (call: string) => (body: string, key: string): Promise<DeliveryOutcome<never>> => {
  calls.push([call, key]);
  const next = answers.shift() ?? new PlatformUnreachable('no answer scripted');
  void body;
  return next instanceof Error ? Promise.reject(next) : Promise.resolve(next as DeliveryOutcome<never>);
};
const platform: DeliveringPlatform = {
  submitCase: answer('submitCase'),
  submitRating: answer('submitRating'),
  registerLockerDeposit: answer('registerLockerDeposit'),
  reportLockerCollection: answer('reportLockerCollection'),
  reportMaterialDropOff: answer('reportMaterialDropOff'),
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'courier-'));
  outbox = new Outbox({ file: path.join(dir, 'outbox.sqlite'), seal: new PayloadSeal(randomBytes(32)), referencePrefix: 'T-' });
  calls.length = 0;
  answers = [];
});
afterEach(async () => {
  outbox.close();
  await rm(dir, { recursive: true, force: true });
});

const enqueue = (kind: DeliveryKind) =>
  outbox.enqueue({ kind, draftId: randomUUID(), idempotencyKey: randomUUID(), body: '{}', summary: { itemNames: [kind], taskCodes: [], bundleCode: null } }, clock.now());

/** Lets the courier's promises run (the fake platform answers at once). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('outbox courier', () => {
  it('sends each kind of entry to its own platform call', async () => {
    const courier = new OutboxCourier({ outbox, platform, clock });
    const kinds: DeliveryKind[] = ['case', 'rating', 'locker-deposit', 'locker-collection', 'locker-drop-off'];
    for (const kind of kinds) enqueue(kind);
    answers = kinds.map(() => ({ outcome: 'accepted', answer: {}, replayed: false }));
    courier.start();
    await settle();
    expect(calls.map(([call]) => call).sort()).toEqual(['registerLockerDeposit', 'reportLockerCollection', 'reportMaterialDropOff', 'submitCase', 'submitRating']);
    await courier.stop();
  });

  it('lets a receiver keep what it needs of an acceptance and give the outbox less, and tells it every decision', async () => {
    const courier = new OutboxCourier({ outbox, platform, clock });
    const seen: Array<[OutboxEntry, unknown]> = [];
    const decided: CourierResult[] = [];
    courier.receive(['locker-deposit', 'locker-collection'], {
      accepted: (entry, answer) => {
        seen.push([entry, answer]);
        return { depositNumber: (answer as { depositNumber: string }).depositNumber };
      },
      decided: (_entry, result) => decided.push(result),
    });
    expect(() => courier.receive(['locker-deposit'], {})).toThrow(/already/);
    const deposit = enqueue('locker-deposit');
    answers = [{ outcome: 'accepted', answer: { pickupCode: '123456', depositNumber: 'CG1' }, replayed: false }];
    courier.start();
    expect(await courier.awaitDecision(deposit.id, 1000)).toEqual({ state: 'accepted', answer: { depositNumber: 'CG1' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[1]).toEqual({ pickupCode: '123456', depositNumber: 'CG1' });
    expect(outbox.record(deposit.id)?.decision).toEqual({ depositNumber: 'CG1' });
    const collection = enqueue('locker-collection');
    answers = [{ outcome: 'rejected', code: 'already-collected', message: 'no', detail: [] }];
    courier.kick();
    expect(await courier.awaitDecision(collection.id, 1000)).toMatchObject({ state: 'rejected', code: 'already-collected' });
    expect(decided.map((result) => result.state)).toEqual(['accepted', 'rejected']);
    // A case is none of its business.
    const other = enqueue('case');
    answers = [{ outcome: 'accepted', answer: { caseNumber: 'X' }, replayed: false }];
    courier.kick();
    await courier.awaitDecision(other.id, 1000);
    expect(seen).toHaveLength(1);
    await courier.stop();
  });

  it('sends an entry again under its key when its receiver could not keep the answer', async () => {
    const courier = new OutboxCourier({ outbox, platform, clock, baseBackoffMs: 100, maxBackoffMs: 100, random: () => 0 });
    let failing = true;
    courier.receive(['locker-deposit'], {
      accepted: (_entry, answer) => {
        if (failing) throw new Error('disk full');
        return answer;
      },
    });
    const deposit = enqueue('locker-deposit');
    answers = [
      { outcome: 'accepted', answer: { n: 1 }, replayed: false },
      { outcome: 'accepted', answer: { n: 1 }, replayed: true },
    ];
    courier.start();
    await settle();
    expect(outbox.record(deposit.id)).toMatchObject({ state: 'queued', lastError: 'disk full' });
    failing = false;
    // The courier looks again a second later at the earliest (outbox-courier.ts #schedule).
    clock.advance(1000);
    expect(await courier.awaitDecision(deposit.id, 1000)).toEqual({ state: 'accepted', answer: { n: 1 } });
    expect(calls.map(([, key]) => key)).toEqual([deposit.idempotencyKey, deposit.idempotencyKey]);
    await courier.stop();
  });
});
